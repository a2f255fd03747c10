import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { count } from 'drizzle-orm';
import { users, workspaces } from '../../db/control/schema.ts';
import { call, createHarness, LATEST, PASSWORD, signUp, tenantLedger, tenantMigrations, tenantTables, uniqueEmail, workspaceRow, type Harness, type SignedUp } from './support.ts';

let h: Harness;
let alice: SignedUp;
let bob: SignedUp;

beforeAll(async () => {
  h = createHarness();
  alice = await signUp(h.app, { workspaceName: 'Alpha' });
  bob = await signUp(h.app, { workspaceName: 'Beta' });
});
afterAll(() => h.close());

const tenantFiles = () => readdirSync(join(h.dataDir, 'tenants')).filter((f) => f.endsWith('.db'));

describe('one database per workspace', () => {
  it('creates a separate file per workspace, named by its id', async () => {
    const files = tenantFiles();
    expect(files).toContain(`${alice.workspace.id}.db`);
    expect(files).toContain(`${bob.workspace.id}.db`);
    const a = await workspaceRow(h, alice.workspace.id);
    const b = await workspaceRow(h, bob.workspace.id);
    expect(a.dbLocation).toBe(join(h.dataDir, 'tenants', `${alice.workspace.id}.db`));
    expect(b.dbLocation).toBe(join(h.dataDir, 'tenants', `${bob.workspace.id}.db`));
    expect(a).toMatchObject({ dbProvider: 'local', schemaVersion: LATEST, migrationStatus: 'ready', migrationLockedAt: null });
  });

  it('migrates each new tenant database to the latest schema', async () => {
    for (const id of [alice.workspace.id, bob.workspace.id]) {
      expect(await tenantTables(h, id)).toEqual(expect.arrayContaining(['_migrations', 'record_history', 'settings']));
      const ledger = await tenantLedger(h, id);
      expect(ledger.slice(0, 2)).toEqual([
        { version: 1, tag: '0000_settings' },
        { version: 2, tag: '0001_record_history' },
      ]);
      expect(ledger).toEqual(tenantMigrations.map((m, i) => ({ version: i + 1, tag: m.tag })));
    }
  });

  it('keeps the control database free of tenant tables', async () => {
    const rs = await h.platform.control().execute("SELECT name FROM sqlite_master WHERE type = 'table' AND name IN ('settings', 'record_history')");
    expect(rs.rows).toHaveLength(0);
  });

  it('keeps one workspace’s rows out of the other’s database', async () => {
    const a = await workspaceRow(h, alice.workspace.id);
    const b = await workspaceRow(h, bob.workspace.id);
    const dbA = h.platform.tenants.open(a.id, a.dbLocation);
    const dbB = h.platform.tenants.open(b.id, b.dbLocation);
    await dbA.execute({ sql: 'INSERT INTO settings (key, value, updated_at) VALUES (?, ?, ?)', args: ['secret', 'alpha-only', h.clock.ms] });
    const inA = await dbA.execute("SELECT value FROM settings WHERE key = 'secret'");
    expect(inA.rows.map((r) => r['value'])).toEqual(['alpha-only']);
    const inB = await dbB.execute('SELECT COUNT(*) AS n FROM settings');
    expect(Number(inB.rows[0]!['n'])).toBe(0);
  });

  it('leaves no orphan database when two sign-ups race for one email', async () => {
    const filesBefore = tenantFiles().length;
    const usersBefore = (await h.control.select({ n: count() }).from(users))[0]!.n;
    const email = uniqueEmail('race');
    const body = (ws: string) => ({ email, password: PASSWORD, name: 'Racer', workspaceName: ws });
    const [r1, r2] = await Promise.all([call(h.app, 'POST', '/auth/signup', body('Race One')), call(h.app, 'POST', '/auth/signup', body('Race Two'))]);
    expect([r1.status, r2.status].sort()).toEqual([201, 409]);
    expect((await h.control.select({ n: count() }).from(users))[0]!.n).toBe(usersBefore + 1);
    const wsIds = (await h.control.select({ id: workspaces.id }).from(workspaces)).map((w) => `${w.id}.db`);
    expect(tenantFiles().sort()).toEqual(wsIds.sort());
    expect(tenantFiles()).toHaveLength(filesBefore + 1);
  });
});

describe('a new workspace’s pipeline', () => {
  it('is named in Czech when the account signs up in Czech, in English otherwise', async () => {
    const h = createHarness();
    try {
      const stagesOf = async (locale: 'cs' | 'en') => {
        const res = await h.app.request('/api/v1/auth/signup', {
          method: 'POST',
          headers: { 'content-type': 'application/json', origin: 'http://localhost' },
          body: JSON.stringify({ name: 'Jana', email: `jana-${locale}@example.cz`, password: 'kolo-vrtule-42', workspaceName: `Pipeline ${locale}`, locale }),
        });
        const cookie = res.headers.get('set-cookie')!.split(';')[0]!;
        const { workspace } = (await res.json()) as { workspace: { slug: string } };
        const list = await h.app.request(`/api/v1/w/${workspace.slug}/deal-stages`, { headers: { cookie } });
        return ((await list.json()) as { items: { name: string }[] }).items.map((s) => s.name);
      };
      expect(await stagesOf('cs')).toEqual(['Zájemce', 'Kvalifikace', 'Nabídka', 'Jednání', 'Vyhráno', 'Prohráno']);
      expect(await stagesOf('en')).toEqual(['Lead', 'Qualified', 'Proposal', 'Negotiation', 'Won', 'Lost']);
    } finally {
      h.close();
    }
  });
});
