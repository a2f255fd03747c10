// The free plan's limits, enforced by the API (issue #4): 2,500 companies + contacts, 100 MB of
// storage; writes past a limit answer 402 plan_required and write nothing; pro has no caps.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PERMISSIONS } from '../../api/access/permissions.ts';
import { ico } from '../fixtures/csv-files.ts';
import { tenantRows } from './crm-support.ts';
import { importAndWait } from './imports-support.ts';
import { ok, tenantClient, wsCall } from './records-support.ts';
import { createHarness, errorOf, setPlan, signUp, type Harness, type SignedUp } from './support.ts';

const LIMIT = 2500;

let h: Harness;
beforeAll(() => {
  h = createHarness();
});
afterAll(() => h.close());

function companiesCsv(count: number, prefix: string): string {
  const lines = ['Name'];
  for (let i = 1; i <= count; i++) lines.push(`${prefix} ${String(i).padStart(5, '0')}`);
  return lines.join('\n');
}

async function counts(who: SignedUp) {
  const [row] = await tenantRows(
    h,
    who.workspace.id,
    `SELECT (SELECT count(*) FROM companies WHERE deleted_at IS NULL) AS companies, (SELECT count(*) FROM contacts WHERE deleted_at IS NULL) AS contacts,
            (SELECT count(*) FROM record_history) AS history, (SELECT count(*) FROM record_tags) AS tags`,
  );
  return row as { companies: number; contacts: number; history: number; tags: number };
}

describe('the permission table', () => {
  it('gives the roles of the issue: owner billing, admins members/settings/API keys, members records', () => {
    expect(PERMISSIONS['billing:manage'].roles).toEqual(['owner']);
    expect(PERMISSIONS['workspace:own'].roles).toEqual(['owner']);
    for (const p of ['members:manage', 'settings:manage', 'apiKeys:manage'] as const) expect(PERMISSIONS[p].roles).toEqual(['owner', 'admin']);
    for (const p of ['records:read', 'records:write', 'projects:write'] as const) expect(PERMISSIONS[p].roles).toEqual(['owner', 'admin', 'member']);
  });
});

describe('record limit on free: 2,500 companies + contacts', () => {
  let who: SignedUp;
  beforeAll(async () => {
    who = await signUp(h.app, { workspaceName: 'Limits' });
    // 2,499 companies by import (fast), then one contact: exactly at the limit.
    const job = await importAndWait(h, who, companiesCsv(LIMIT - 1, 'Firma'), { entity: 'companies' });
    expect(job).toMatchObject({ status: 'done', createdCount: LIMIT - 1 });
    await ok(wsCall(h, who, 'POST', '/contacts', { firstName: 'Jana', lastName: 'Poslední' }), 201);
  }, 60_000);

  it('reports usage against the limits on the workspace', async () => {
    const ws = await ok<{ limits: { records: number; members: number }; usage: { records: number; members: number; storageBytes: number } }>(wsCall(h, who, 'GET', ''));
    expect(ws.limits).toMatchObject({ records: LIMIT, members: 2 });
    expect(ws.usage).toMatchObject({ records: LIMIT, members: 1 });
    expect(ws.usage.storageBytes).toBeGreaterThan(100_000);
  });

  it('refuses the 2,501st record with 402 and writes nothing (company or contact)', async () => {
    const before = await counts(who);
    for (const [path, body] of [
      ['/companies', { name: 'One too many', tags: ['x'] }],
      ['/contacts', { firstName: 'Jeden', lastName: 'Navíc', tags: ['x'] }],
    ] as const) {
      const res = await wsCall(h, who, 'POST', path, body);
      expect(res.status).toBe(402);
      const error = await errorOf(res);
      expect(error.code).toBe('plan_required');
      expect(error.message).toMatch(/2,500 companies and contacts.*Pro/);
    }
    expect(await counts(who)).toEqual(before);
  });

  it('still lets the workspace change and trash records at the limit, and a trashed record frees a place', async () => {
    const [first] = await tenantRows(h, who.workspace.id, 'SELECT id FROM companies ORDER BY id LIMIT 1');
    const id = String(first!['id']);
    await ok(wsCall(h, who, 'PATCH', `/companies/${id}`, { name: 'Přejmenovaná' }));
    expect((await wsCall(h, who, 'DELETE', `/companies/${id}`)).status).toBe(204);
    const created = await ok<{ id: string }>(wsCall(h, who, 'POST', '/companies', { name: 'Takes the freed place' }), 201);
    // Full again: restoring the trashed one would pass the limit.
    const restore = await wsCall(h, who, 'POST', `/companies/${id}/restore`);
    expect(restore.status).toBe(402);
    const [row] = await tenantRows(h, who.workspace.id, 'SELECT deleted_at FROM companies WHERE id = ?', [id]);
    expect(row!['deleted_at']).not.toBeNull();
    expect((await wsCall(h, who, 'DELETE', `/companies/${created.id}`)).status).toBe(204);
    await ok(wsCall(h, who, 'POST', `/companies/${id}/restore`));
  });

  it('on pro the same workspace has no cap', async () => {
    await setPlan(h, who.workspace.id, 'pro');
    await ok(wsCall(h, who, 'POST', '/companies', { name: 'Past the free limit' }), 201);
    expect((await counts(who)).companies + (await counts(who)).contacts).toBe(LIMIT + 1);
    const ws = await ok<{ limits: { records: number | null } }>(wsCall(h, who, 'GET', ''));
    expect(ws.limits.records).toBeNull();
  });
});

describe('an import on free stops cleanly at the record limit', () => {
  it('imports the rows that fit, stops at the first that does not, and says so', async () => {
    const who = await signUp(h.app, { workspaceName: 'Import limit' });
    const first = await importAndWait(h, who, `Name;IČO\nStará s IČO;${ico(100_001)}\n${companiesCsv(LIMIT - 11, 'Stará').split('\n').slice(1).join('\n')}`, {
      entity: 'companies',
    });
    expect(first.createdCount).toBe(LIMIT - 10);
    // 25 rows: the first repeats an existing IČO (dedupe skips it, no place used), 10 fit, row 13 stops.
    const csv = ['Name;IČO', `Stará s IČO;${ico(100_001)}`, ...Array.from({ length: 24 }, (_, i) => `Nová ${i + 1};`)].join('\n');
    const job = await importAndWait(h, who, csv, { entity: 'companies', dedupe: 'regNo', mode: 'skip' });
    expect(job.status).toBe('failed');
    expect(job.createdCount).toBe(10);
    expect(job.skippedCount).toBe(1);
    expect(job.processedRows).toBe(11);
    expect(job.error).toMatch(/stopped at row 13: The Free plan holds up to 2,500 companies and contacts/);
    const c = await counts(who);
    expect(c.companies).toBe(LIMIT);
    const names = await tenantRows(h, who.workspace.id, "SELECT name FROM companies WHERE name LIKE 'Nová %' ORDER BY name_key");
    expect(names).toHaveLength(10);
  }, 60_000);
});

describe('storage limit on free: 100 MB', () => {
  it('refuses adding data once the database passes 100 MB, but changes and deletes still work; pro lifts it', async () => {
    const who = await signUp(h.app, { workspaceName: 'Storage' });
    const company = await ok<{ id: string }>(wsCall(h, who, 'POST', '/companies', { name: 'Before full' }), 201);
    const db = await tenantClient(h, who);
    await db.execute({ sql: "INSERT INTO settings (key, value, updated_at) VALUES ('filler', zeroblob(?), 0)", args: [100 * 1024 * 1024] });

    const ws = await ok<{ usage: { storageBytes: number } }>(wsCall(h, who, 'GET', ''));
    expect(ws.usage.storageBytes).toBeGreaterThanOrEqual(100 * 1024 * 1024);
    const res = await wsCall(h, who, 'POST', '/companies', { name: 'Too much' });
    expect(res.status).toBe(402);
    expect((await errorOf(res)).message).toMatch(/100 MB/);
    expect((await wsCall(h, who, 'POST', '/activities', { type: 'note', subject: 'Also refused' })).status).toBe(402);
    await ok(wsCall(h, who, 'PATCH', `/companies/${company.id}`, { name: 'Renamed while full' }));
    expect((await wsCall(h, who, 'DELETE', `/companies/${company.id}`)).status).toBe(204);
    expect((await counts(who)).companies).toBe(0);

    await setPlan(h, who.workspace.id, 'pro');
    await ok(wsCall(h, who, 'POST', '/companies', { name: 'Pro has room' }), 201);
  }, 60_000);
});
