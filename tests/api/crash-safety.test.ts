// Crash safety, short: the real server (api/node.ts in a child process) takes 200 concurrent
// creates and is killed with SIGKILL 0–10 ms after the 60th answer; restarted on the same files, it must
// still hold every create it acknowledged, with sound files and a full-text index in step.
// `node bench/run.ts crash` runs the same scenario with 1,000 creates.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCrashScenario, type CrashResult } from '../../bench/crash.ts';
import type { Server } from '../../bench/lib.ts';

const servers: Server[] = [];
const dataDir = mkdtempSync(join(tmpdir(), 'tandem-crash-test-'));

// Runs even when the scenario throws or times out half-way: no server outlives the file.
afterAll(() => {
  for (const s of servers) if (s.process.exitCode === null && s.process.signalCode === null) s.process.kill('SIGKILL');
  rmSync(dataDir, { recursive: true, force: true });
});

describe('kill -9 during concurrent creates', () => {
  let r: CrashResult;

  it('runs: creates answered before the kill, the server restarts on the same files', { timeout: 30_000 }, async () => {
    r = await runCrashScenario(dataDir, { creates: 200, killAfter: 60, searchSample: 20, killJitterMs: 10, onServer: (s) => servers.push(s) });
    expect(servers).toHaveLength(2);
    expect(r.responses).toBeGreaterThanOrEqual(60);
    // Killed part-way: some creates never got an answer.
    expect(r.responses).toBeLessThan(200);
    expect(r.failedAnswers).toBe(0);
    expect(r.acknowledged).toBeGreaterThanOrEqual(60);
  });

  it('loses no acknowledged create, and keeps each intact', () => {
    expect(r.lost).toEqual([]);
    expect(r.presentAfterRestart).toBe(r.acknowledged);
    // Unanswered creates may or may not have committed; acknowledged ones must have.
    expect(r.tableRows).toBeGreaterThanOrEqual(r.acknowledged);
    expect(r.tableRows).toBeLessThanOrEqual(200);
  });

  it('leaves the tenant database, control.db and the FTS index passing their integrity checks', () => {
    expect(r.integrity).toEqual({ tenant: 'ok', control: 'ok', fts: 'ok' });
  });

  it('keeps the full-text index in step with the table, and search finds the acknowledged records', () => {
    expect(r.ftsMismatches).toBe(0);
    expect(r.searchMisses).toEqual([]);
  });
});
