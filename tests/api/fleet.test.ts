import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { asc, inArray } from 'drizzle-orm';
import { provisionWorkspace } from '../../api/domain/workspaces/provision-workspace.ts';
import { workspaces } from '../../db/control/schema.ts';
import { migrations as tenantMigrations } from '../../db/tenant/migrations/index.ts';
import { migrateFleet, type FleetResult } from '../../db/tenants/fleet.ts';
import { startMigrateThreads } from '../../db/tenants/migrate-threads.ts';
import { createHarness, LATEST, makeTenantOld, signUp, tenantLedger, tenantTables, workspaceRow, type Harness, type SignedUp } from './support.ts';

const run = promisify(execFile);
const ROOT = join(import.meta.dirname, '..', '..');

let h: Harness;
let seeded: SignedUp[];

/** A workspace row plus its migrated database, made directly (no sign-up, no scrypt). */
async function addWorkspace(name: string): Promise<string> {
  const { row } = await provisionWorkspace(h.control, h.platform.tenants, name, h.clock.ms);
  await h.control.insert(workspaces).values(row);
  return row.id;
}

beforeAll(async () => {
  h = createHarness();
  seeded = [await signUp(h.app, { workspaceName: 'Alpha' }), await signUp(h.app, { workspaceName: 'Beta' })];
});
afterAll(() => h.close());

describe('migrateFleet', () => {
  let old: string[];

  beforeAll(async () => {
    old = [];
    for (let i = 1; i <= 5; i++) {
      const id = await addWorkspace(`Old Tenant ${i}`);
      await makeTenantOld(h, id);
      old.push(id);
    }
    old.sort();
  });

  const versions = async () =>
    (await h.control.select({ id: workspaces.id, v: workspaces.schemaVersion }).from(workspaces).where(inArray(workspaces.id, old)).orderBy(asc(workspaces.id))).map(
      (r) => r.v,
    );

  it('reports in a dry run what it would migrate and changes nothing', async () => {
    const seen: FleetResult[] = [];
    const report = await migrateFleet(h.control, h.platform.tenants, { dryRun: true, onResult: (r) => seen.push(r) });
    expect(report.latest).toBe(LATEST);
    expect(report.counts).toEqual({ migrated: 0, 'up-to-date': 0, 'would-migrate': 5, busy: 0, failed: 0 });
    expect(report.results.map((r) => r.workspaceId).sort()).toEqual(old);
    expect(report.results.every((r) => r.from === 1 && r.to === LATEST)).toBe(true);
    expect(report.results.map((r) => r.slug).sort()).toEqual(['old-tenant-1', 'old-tenant-2', 'old-tenant-3', 'old-tenant-4', 'old-tenant-5']);
    expect(seen).toHaveLength(5);
    expect(report.resumeFrom).toBeNull();
    expect(await versions()).toEqual([1, 1, 1, 1, 1]);
    for (const id of old) expect(await tenantTables(h, id)).not.toContain('record_history');
  });

  it('migrates at most `limit` tenants and says where to resume', async () => {
    const report = await migrateFleet(h.control, h.platform.tenants, { limit: 2 });
    expect(report.counts.migrated).toBe(2);
    expect(report.results.map((r) => r.workspaceId).sort()).toEqual(old.slice(0, 2));
    expect(report.results.every((r) => r.status === 'migrated' && r.from === 1 && r.to === LATEST)).toBe(true);
    expect(report.resumeFrom).toBe(old[1]);
    expect(await versions()).toEqual([LATEST, LATEST, 1, 1, 1]);
    for (const id of old.slice(0, 2)) {
      expect(await tenantTables(h, id)).toContain('record_history');
      expect((await workspaceRow(h, id)).migrationStatus).toBe('ready');
    }

    // A limit that exactly covers what is left ends with no resume point.
    const rest = await migrateFleet(h.control, h.platform.tenants, { from: report.resumeFrom!, limit: 3 });
    expect(rest.counts).toMatchObject({ migrated: 3, failed: 0, busy: 0 });
    expect(rest.results.map((r) => r.workspaceId).sort()).toEqual(old.slice(2));
    expect(rest.resumeFrom).toBeNull();
    expect(await versions()).toEqual(Array(5).fill(LATEST));
    for (const id of old) expect((await tenantLedger(h, id)).map((l) => l.version)).toEqual(Array.from({ length: LATEST }, (_, i) => i + 1));
  });

  it('has nothing to do once every tenant is current', async () => {
    const report = await migrateFleet(h.control, h.platform.tenants);
    expect(report.results).toEqual([]);
    expect(report.counts).toEqual({ migrated: 0, 'up-to-date': 0, 'would-migrate': 0, busy: 0, failed: 0 });
    expect(report.resumeFrom).toBeNull();
  });

  it('reports a failing tenant and still migrates the others', async () => {
    const [bad, good] = [await addWorkspace('Broken One'), await addWorkspace('Fine One')];
    await makeTenantOld(h, bad);
    await makeTenantOld(h, good);
    const row = await workspaceRow(h, bad);
    await h.platform.tenants.open(bad, row.dbLocation).execute('CREATE TABLE record_history (junk TEXT)');
    const report = await migrateFleet(h.control, h.platform.tenants);
    expect(report.counts).toMatchObject({ migrated: 1, failed: 1 });
    const failed = report.results.find((r) => r.status === 'failed');
    expect(failed?.workspaceId).toBe(bad);
    expect(failed?.error).toMatch(/record_history/);
    expect((await workspaceRow(h, bad)).migrationStatus).toBe('failed');
    expect((await workspaceRow(h, good)).schemaVersion).toBe(LATEST);
    // Clean up so the CLI test below sees only what it sets up.
    await h.platform.tenants.open(bad, row.dbLocation).execute('DROP TABLE record_history');
    expect((await migrateFleet(h.control, h.platform.tenants)).counts.migrated).toBe(1);
  });
});

describe('migrateFleet in worker threads', () => {
  it('migrates each tenant once across the threads and still reports a failing one', async () => {
    const ids: string[] = [];
    for (let i = 1; i <= 8; i++) {
      const id = await addWorkspace(`Threaded ${i}`);
      await makeTenantOld(h, id);
      ids.push(id);
    }
    const bad = ids[3]!;
    await h.platform.tenants.open(bad, (await workspaceRow(h, bad)).dbLocation).execute('CREATE TABLE record_history (junk TEXT)');
    const threads = startMigrateThreads(h.dataDir, 2, tenantMigrations);
    try {
      const report = await migrateFleet(h.control, h.platform.tenants, { threads, concurrency: 8 });
      expect(report.counts).toMatchObject({ migrated: 7, failed: 1, busy: 0 });
      expect(report.results.find((r) => r.status === 'failed')?.workspaceId).toBe(bad);
      expect(report.results.map((r) => r.workspaceId).sort()).toEqual([...ids].sort());
    } finally {
      await threads.close();
    }
    for (const id of ids.filter((x) => x !== bad)) {
      expect((await workspaceRow(h, id)).migrationStatus).toBe('ready');
      // Exactly once: one ledger row per version, whichever thread did it.
      expect((await tenantLedger(h, id)).map((l) => l.version)).toEqual(Array.from({ length: LATEST }, (_, i) => i + 1));
    }
    expect((await workspaceRow(h, bad)).migrationStatus).toBe('failed');
    await h.platform.tenants.open(bad, (await workspaceRow(h, bad)).dbLocation).execute('DROP TABLE record_history');
    expect((await migrateFleet(h.control, h.platform.tenants)).counts.migrated).toBe(1);
  });
});

describe('npm run migrate (scripts/migrate.ts)', () => {
  it('lists the tenants it would migrate in a dry run, with a summary line, and changes nothing', async () => {
    const targets = seeded.map((s) => s.workspace);
    for (const ws of targets) await makeTenantOld(h, ws.id);
    const { stdout } = await run(process.execPath, ['scripts/migrate.ts', '--all', '--dry-run'], {
      cwd: ROOT,
      env: { ...process.env, DATA_DIR: h.dataDir },
      timeout: 15_000,
    });
    expect(stdout).toMatch(/^control: schema \d+ → \d+$/m);
    for (const ws of targets) {
      const line = stdout.split('\n').find((l) => l.includes(ws.id));
      expect(line, ws.slug).toBeDefined();
      expect(line).toMatch(/^would-migrate\s/);
      expect(line).toContain(ws.slug);
      expect(line).toContain(`v1 → v${LATEST}`);
    }
    expect(stdout).toContain(`dry run: latest tenant schema v${LATEST}; migrated 0, would migrate 2, up to date 0, busy 0, failed 0`);
    for (const ws of targets) expect((await workspaceRow(h, ws.id)).schemaVersion).toBe(1);
  });

  it('migrates them for real without --dry-run', async () => {
    const { stdout } = await run(process.execPath, ['scripts/migrate.ts', '--all'], {
      cwd: ROOT,
      env: { ...process.env, DATA_DIR: h.dataDir },
      timeout: 15_000,
    });
    expect(stdout).toContain(`latest tenant schema v${LATEST}; migrated 2, would migrate 0`);
    expect(stdout).not.toContain('dry run');
    for (const s of seeded) {
      expect((await workspaceRow(h, s.workspace.id)).schemaVersion).toBe(LATEST);
      expect(await tenantTables(h, s.workspace.id)).toContain('record_history');
    }
  });
});
