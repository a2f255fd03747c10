// The short variants of two `npm run bench` suites (issue 6), run in `npm test` so a regression
// in tenant connection handling or under mixed load fails CI rather than waiting for a bench run.
// Figures are not asserted; what must hold at any scale is.
import { describe, expect, it } from 'vitest';
import { runLoadBench } from '../../bench/load.ts';
import { runTenancyBench } from '../../bench/tenancy.ts';
import type { Row } from '../../bench/lib.ts';

const row = (rows: Row[], start: string): Row => {
  const found = rows.find((r) => r.metric.startsWith(start));
  if (!found) throw new Error(`no row "${start}" in:\n${rows.map((r) => r.metric).join('\n')}`);
  return found;
};

describe('tenancy, short: 150 workspaces through a provider that keeps 16 connected', () => {
  it('creates, touches and migrates all of them, survives a SIGKILL mid-fleet, and frees what it lets go of', { timeout: 120_000 }, async () => {
    const rows = await runTenancyBench({ tenants: 150, tenantConnections: 16, settleMs: 0 });
    expect(rows.find((r) => r.metric.startsWith('workspaces created before the first failure'))).toBeUndefined();
    expect(row(rows, 'tenants migrated (of all)').value).toBe(150);
    expect(row(rows, 'child run').unit).toBe('killed');
    // A lock the kill left behind keeps its tenant busy until it goes stale; then it is migrated.
    expect(row(rows, 'resume past stale locks').value).toBe(row(rows, 'locks left held').value);
    expect(row(rows, 'tenants not migrated exactly once').value).toBe(0);
    expect(row(rows, 'control rows not at latest + ready').value).toBe(0);
    // 150 files touched, 16 kept connected: kept connections would hold 3 descriptors each (450).
    const before = row(rows, 'open file descriptors before / after creating').value;
    expect(row(rows, 'open file descriptors after touching all').value - before).toBeLessThan(250);
  });
});

describe('load, short: the mixed workload over 3 workspaces', () => {
  it('answers every request of 4 s at 16 connections with a 2xx', { timeout: 120_000 }, async () => {
    const rows = await runLoadBench({ seconds: 4, workspaces: 3, perKind: 300, connections: 16 });
    expect(row(rows, 'errors + timeouts + non-2xx').value).toBe(0);
    expect(row(rows, 'mix 4 s at 16 conn: req/s').value).toBeGreaterThan(0);
    // All four kinds were sent (list / search / detail / write).
    expect(row(rows, 'mix: list / search / detail / write').unit).not.toContain('/ 0 ');
  });
});
