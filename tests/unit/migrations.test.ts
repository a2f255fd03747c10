import { createClient, type Client } from '@libsql/client';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { applyMigrations, appliedVersion, type Migration } from '../../db/migrations.ts';
import { migrations as tenantMigrations } from '../../db/tenant/migrations/index.ts';
import { LATEST_TENANT_VERSION } from '../../db/tenants/migrate-tenant.ts';

let db: Client;
beforeEach(() => {
  db = createClient({ url: ':memory:' });
});
afterEach(() => db.close());

const tables = async () =>
  (await db.execute("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")).rows.map((r) => String(r['name']));

const steps: Migration[] = [
  { tag: '0000_a', statements: ['CREATE TABLE a (id INTEGER PRIMARY KEY)'] },
  { tag: '0001_b', statements: ['CREATE TABLE b (id INTEGER PRIMARY KEY)', 'CREATE INDEX b_idx ON b (id)'] },
];

describe('applyMigrations', () => {
  it('applies every migration once, recording each in the ledger', async () => {
    expect(await appliedVersion(db)).toBe(0);
    expect(await applyMigrations(db, steps, () => 42)).toEqual({ from: 0, to: 2 });
    expect(await tables()).toEqual(['_migrations', 'a', 'b']);
    const ledger = await db.execute('SELECT version, tag, applied_at FROM _migrations ORDER BY version');
    expect(ledger.rows.map((r) => [Number(r['version']), r['tag'], Number(r['applied_at'])])).toEqual([
      [1, '0000_a', 42],
      [2, '0001_b', 42],
    ]);
    expect(await applyMigrations(db, steps)).toEqual({ from: 2, to: 2 });
    expect(Number((await db.execute('SELECT COUNT(*) AS n FROM _migrations')).rows[0]!['n'])).toBe(2);
  });

  it('applies only what is missing', async () => {
    await applyMigrations(db, steps.slice(0, 1));
    expect(await appliedVersion(db)).toBe(1);
    expect(await applyMigrations(db, steps)).toEqual({ from: 1, to: 2 });
    expect(await tables()).toContain('b');
  });

  it('rolls a failing migration back whole, ledger row included, and keeps earlier ones', async () => {
    const broken: Migration[] = [
      steps[0]!,
      { tag: '0001_broken', statements: ['CREATE TABLE c (id INTEGER)', 'CREATE TABLE a (dup INTEGER)'] },
    ];
    await expect(applyMigrations(db, broken)).rejects.toThrow();
    expect(await appliedVersion(db)).toBe(1);
    expect(await tables()).not.toContain('c');
  });
});

describe('tenant migrations bundle', () => {
  it('starts with settings and record_history, and LATEST_TENANT_VERSION counts them all', async () => {
    expect(tenantMigrations.slice(0, 2).map((m) => m.tag)).toEqual(['0000_settings', '0001_record_history']);
    expect(LATEST_TENANT_VERSION).toBe(tenantMigrations.length);
    const tags = tenantMigrations.map((m) => m.tag);
    expect(new Set(tags).size).toBe(tags.length);
    expect([...tags].sort()).toEqual(tags);
    expect(await applyMigrations(db, tenantMigrations)).toEqual({ from: 0, to: LATEST_TENANT_VERSION });
    expect(await tables()).toEqual(expect.arrayContaining(['_migrations', 'settings', 'record_history']));
  });
});
