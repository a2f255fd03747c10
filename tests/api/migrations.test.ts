import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  call,
  createHarness,
  errorOf,
  json,
  LATEST,
  makeTenantOld,
  signUp,
  tenantLedger,
  tenantTables,
  workspaceRow,
  type Harness,
  type SignedUp,
  type WorkspaceBody,
} from './support.ts';

const MINUTE = 60 * 1000;

let h: Harness;
let alice: SignedUp;
let bob: SignedUp;

beforeAll(async () => {
  h = createHarness();
  alice = await signUp(h.app, { workspaceName: 'Alpha' });
  bob = await signUp(h.app, { workspaceName: 'Beta' });
});
afterAll(() => h.close());

const get = (who: SignedUp) => call(h.app, 'GET', `/w/${who.workspace.slug}`, undefined, { cookie: who.cookie });

describe('lazy tenant migration on first request', () => {
  it('brings an old tenant to the latest schema before answering', async () => {
    await makeTenantOld(h, alice.workspace.id);
    expect(await tenantTables(h, alice.workspace.id)).not.toContain('record_history');
    expect((await tenantLedger(h, alice.workspace.id)).map((l) => l.version)).toEqual([1]);
    expect((await workspaceRow(h, alice.workspace.id)).schemaVersion).toBe(1);

    const res = await get(alice);
    expect(res.status).toBe(200);
    expect((await json<WorkspaceBody>(res)).id).toBe(alice.workspace.id);

    expect(await tenantTables(h, alice.workspace.id)).toEqual(expect.arrayContaining(['_migrations', 'record_history', 'settings']));
    const ledger = await tenantLedger(h, alice.workspace.id);
    expect(Math.max(...ledger.map((l) => l.version))).toBe(LATEST);
    expect(await workspaceRow(h, alice.workspace.id)).toMatchObject({
      schemaVersion: LATEST,
      migrationStatus: 'ready',
      migrationLockedAt: null,
      migrationError: null,
    });
  });

  it('does not touch other tenants', async () => {
    await makeTenantOld(h, bob.workspace.id);
    expect((await get(alice)).status).toBe(200);
    expect((await workspaceRow(h, bob.workspace.id)).schemaVersion).toBe(1);
    expect(await tenantTables(h, bob.workspace.id)).not.toContain('record_history');
    expect((await get(bob)).status).toBe(200);
    expect((await workspaceRow(h, bob.workspace.id)).schemaVersion).toBe(LATEST);
  });

  it('migrates exactly once under 10 concurrent requests', async () => {
    await makeTenantOld(h, alice.workspace.id);
    const answers = await Promise.all(Array.from({ length: 10 }, () => get(alice)));
    expect(answers.map((r) => r.status)).toEqual(Array(10).fill(200));
    const ledger = await tenantLedger(h, alice.workspace.id);
    expect(ledger.filter((l) => l.version === LATEST)).toHaveLength(1);
    expect(ledger.map((l) => l.version)).toEqual(Array.from({ length: LATEST }, (_, i) => i + 1));
    expect(await workspaceRow(h, alice.workspace.id)).toMatchObject({ schemaVersion: LATEST, migrationStatus: 'ready' });
  });

  it('takes over a stale migration lock left by a dead process', async () => {
    await makeTenantOld(h, alice.workspace.id, { migrationStatus: 'migrating', migrationLockedAt: h.clock.ms - 10 * MINUTE });
    const res = await get(alice);
    expect(res.status).toBe(200);
    expect(await workspaceRow(h, alice.workspace.id)).toMatchObject({ schemaVersion: LATEST, migrationStatus: 'ready', migrationLockedAt: null });
    expect(await tenantTables(h, alice.workspace.id)).toContain('record_history');
  });

  it('waits for a fresh lock held elsewhere and answers 503 with Retry-After rather than serve an old schema', async () => {
    await makeTenantOld(h, bob.workspace.id, { migrationStatus: 'migrating', migrationLockedAt: h.clock.ms - MINUTE });
    const res = await get(bob);
    expect(res.status).toBe(503);
    expect((await errorOf(res)).code).toBe('unavailable');
    expect(Number(res.headers.get('retry-after'))).toBeGreaterThan(0);
    // The other process's lock was respected: nothing was migrated.
    expect(await workspaceRow(h, bob.workspace.id)).toMatchObject({ schemaVersion: 1, migrationStatus: 'migrating' });
    expect(await tenantTables(h, bob.workspace.id)).not.toContain('record_history');

    // Once the lock goes stale, the next request takes it over.
    h.clock.advance(5 * MINUTE);
    expect((await get(bob)).status).toBe(200);
    expect((await workspaceRow(h, bob.workspace.id)).schemaVersion).toBe(LATEST);
  });

  it('records a failed migration, answers 503 without SQL, and retries on a later request', async () => {
    await makeTenantOld(h, alice.workspace.id);
    const row = await workspaceRow(h, alice.workspace.id);
    const db = h.platform.tenants.open(row.id, row.dbLocation);
    // Something in the way of migration 2: a table with its name.
    await db.execute('CREATE TABLE record_history (junk TEXT)');

    const res = await get(alice);
    expect(res.status).toBe(503);
    const text = await res.clone().text();
    expect(text).not.toMatch(/SQLITE|record_history|CREATE/);
    expect((await errorOf(res)).code).toBe('unavailable');
    const failed = await workspaceRow(h, alice.workspace.id);
    expect(failed).toMatchObject({ schemaVersion: 1, migrationStatus: 'failed', migrationLockedAt: null });
    expect(failed.migrationError).toMatch(/record_history/);
    // The failed batch was rolled back: no ledger row for version 2.
    expect((await tenantLedger(h, alice.workspace.id)).map((l) => l.version)).toEqual([1]);

    await db.execute('DROP TABLE record_history');
    expect((await get(alice)).status).toBe(200);
    expect(await workspaceRow(h, alice.workspace.id)).toMatchObject({ schemaVersion: LATEST, migrationStatus: 'ready', migrationError: null });
  });
});
