import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { insertDeal, ok, tenantClient, wsCall } from './records-support.ts';
import { createHarness, errorOf, signUp, type Harness, type SignedUp } from './support.ts';

interface Activity {
  id: string;
  type: 'call' | 'meeting' | 'email' | 'note';
  subject: string;
  body: string | null;
  occurredAt: string;
  companyId: string | null;
  contactId: string | null;
  dealId: string | null;
  projectId: string | null;
  authorId: string | null;
  createdAt: string;
  updatedAt: string;
  deletedAt: string | null;
  version: number;
}
interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

let h: Harness;
let alice: SignedUp;
let company: { id: string };
let contact: { id: string };
let dealId: string;

beforeAll(async () => {
  h = createHarness();
  alice = await signUp(h.app, { workspaceName: 'Alpha' });
  company = await ok(wsCall(h, alice, 'POST', '/companies', { name: 'Acme' }), 201);
  contact = await ok(wsCall(h, alice, 'POST', '/contacts', { firstName: 'Jan', lastName: 'Novák', companyId: company.id }), 201);
  dealId = await insertDeal(await tenantClient(h, alice), { title: 'Dodávka', companyId: company.id, createdAt: h.clock.ms });
});
afterAll(() => h.close());

const create = (who: SignedUp, body: Record<string, unknown>) => ok<Activity>(wsCall(h, who, 'POST', '/activities', body), 201);
const list = (who: SignedUp, query: string) => ok<Page<Activity>>(wsCall(h, who, 'GET', `/activities?${query}`));

describe('logging activities', () => {
  it('logs a call linked to a company, contact, deal and project, authored by the caller, at now by default', async () => {
    const res = await wsCall(h, alice, 'POST', '/activities', {
      type: 'call',
      subject: ' Domluva schůzky ',
      body: 'Volal jsem, ozve se zítra.',
      companyId: company.id,
      contactId: contact.id,
      dealId,
      projectId: 'p-123',
    });
    expect(res.status).toBe(201);
    expect(res.headers.get('ETag')).toBe('"1"');
    const a = (await res.json()) as Activity;
    expect(a).toMatchObject({
      type: 'call',
      subject: 'Domluva schůzky',
      body: 'Volal jsem, ozve se zítra.',
      occurredAt: new Date(h.clock.ms).toISOString(),
      companyId: company.id,
      contactId: contact.id,
      dealId,
      projectId: 'p-123',
      authorId: alice.user.id,
      deletedAt: null,
      version: 1,
    });
    const got = await wsCall(h, alice, 'GET', `/activities/${a.id}`);
    expect(got.headers.get('ETag')).toBe('"1"');
    expect(await got.json()).toEqual(a);
  });

  it('takes an occurredAt with an offset and stores it in UTC', async () => {
    const a = await create(alice, { type: 'meeting', subject: 'Schůzka', occurredAt: '2026-11-27T10:30:00+01:00' });
    expect(a.occurredAt).toBe('2026-11-27T09:30:00.000Z');
    expect(a).toMatchObject({ body: null, companyId: null, contactId: null, dealId: null, projectId: null });
  });

  it('accepts a body of 100,000 characters', async () => {
    const a = await create(alice, { type: 'note', subject: 'Dlouhá poznámka', body: 'ž'.repeat(100_000) });
    expect(a.body).toHaveLength(100_000);
  });

  it('edits an activity, keeps its author, records the change, and refuses a stale If-Match', async () => {
    const a = await create(alice, { type: 'email', subject: 'Nabídka', occurredAt: '2026-01-05T08:00:00Z' });
    h.clock.advance(5000);
    const res = await wsCall(h, alice, 'PATCH', `/activities/${a.id}`, { subject: 'Nabídka v2', occurredAt: '2026-01-06T08:00:00Z', contactId: contact.id }, { headers: { 'If-Match': '"1"' } });
    expect(res.status).toBe(200);
    expect(res.headers.get('ETag')).toBe('"2"');
    expect(await res.json()).toMatchObject({ subject: 'Nabídka v2', occurredAt: '2026-01-06T08:00:00.000Z', contactId: contact.id, authorId: alice.user.id, version: 2 });
    const history = await ok<Page<{ action: string; changes: Record<string, unknown> }>>(wsCall(h, alice, 'GET', `/activities/${a.id}/history`));
    expect(history.items.map((x) => x.action)).toEqual(['update', 'create']);
    expect(history.items[0]!.changes).toEqual({
      subject: ['Nabídka', 'Nabídka v2'],
      occurredAt: ['2026-01-05T08:00:00.000Z', '2026-01-06T08:00:00.000Z'],
      contactId: [null, contact.id],
    });

    const stale = await wsCall(h, alice, 'PATCH', `/activities/${a.id}`, { subject: 'Přepis' }, { headers: { 'If-Match': '"1"' } });
    expect(stale.status).toBe(409);
    expect((await errorOf(stale)).code).toBe('conflict');
    expect(await ok<Activity>(wsCall(h, alice, 'GET', `/activities/${a.id}`))).toMatchObject({ subject: 'Nabídka v2', version: 2 });
  });

  it('moves an activity to the trash and back', async () => {
    const a = await create(alice, { type: 'note', subject: 'Koš' });
    expect((await wsCall(h, alice, 'DELETE', `/activities/${a.id}`, undefined, { headers: { 'If-Match': '"1"' } })).status).toBe(204);
    expect((await wsCall(h, alice, 'GET', `/activities/${a.id}`)).status).toBe(404);
    expect((await list(alice, 'deleted=true')).items.map((x) => x.id)).toEqual([a.id]);
    expect((await list(alice, 'limit=200')).items.map((x) => x.id)).not.toContain(a.id);
    const restored = await ok<Activity>(wsCall(h, alice, 'POST', `/activities/${a.id}/restore`));
    expect(restored).toMatchObject({ deletedAt: null, version: 3 });
    const history = await ok<Page<{ action: string }>>(wsCall(h, alice, 'GET', `/activities/${a.id}/history`));
    expect(history.items.map((x) => x.action)).toEqual(['restore', 'delete', 'create']);
  });
});

describe('the journal list', () => {
  let j: SignedUp;
  const all: Activity[] = [];
  let firm: { id: string };
  let person: { id: string };

  beforeAll(async () => {
    j = await signUp(h.app, { workspaceName: 'Journal' });
    firm = await ok(wsCall(h, j, 'POST', '/companies', { name: 'Firma' }), 201);
    person = await ok(wsCall(h, j, 'POST', '/contacts', { firstName: 'Eva', lastName: 'Malá' }), 201);
    const base = Date.UTC(2026, 0, 1);
    for (let i = 0; i < 75; i++) {
      h.clock.advance(i % 4 === 0 ? 1 : 0);
      all.push(
        await create(j, {
          type: (['call', 'meeting', 'email', 'note'] as const)[i % 4],
          subject: `Záznam ${i}`,
          // Groups of three share a moment, so ties are broken by id.
          occurredAt: new Date(base + Math.floor(i / 3) * 3_600_000).toISOString(),
          companyId: i % 2 === 0 ? firm.id : null,
          contactId: i % 3 === 0 ? person.id : null,
        }),
      );
    }
  });

  async function walk(query: string, limit: number): Promise<string[]> {
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: Page<Activity> = await list(j, `${query}&limit=${limit}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
      seen.push(...page.items.map((a) => a.id));
      cursor = page.nextCursor;
    } while (cursor && seen.length <= 1000);
    return seen;
  }
  const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

  it('lists newest occurrence first by default', async () => {
    const page = await list(j, 'limit=5');
    const expected = [...all].sort((a, b) => cmp(b.occurredAt, a.occurredAt) || cmp(b.id, a.id)).slice(0, 5);
    expect(page.items.map((a) => a.id)).toEqual(expected.map((a) => a.id));
  });

  for (const sort of ['-occurredAt', 'occurredAt', '-updatedAt', 'updatedAt'] as const) {
    it(`walks every page sorted by ${sort} without repeating or skipping`, async () => {
      const key = sort.replace('-', '') as 'occurredAt' | 'updatedAt';
      const dir = sort.startsWith('-') ? -1 : 1;
      const expected = [...all].sort((a, b) => dir * (cmp(a[key], b[key]) || cmp(a.id, b.id))).map((a) => a.id);
      expect(await walk(`sort=${sort}`, 7)).toEqual(expected);
    });
  }

  it('filters by company, contact, deal, project and updatedSince', async () => {
    const ofFirm = await walk(`companyId=${firm.id}`, 6);
    expect(ofFirm).toEqual([...all].filter((a) => a.companyId === firm.id).sort((a, b) => cmp(b.occurredAt, a.occurredAt) || cmp(b.id, a.id)).map((a) => a.id));
    const ofPerson = await walk(`contactId=${person.id}`, 4);
    expect(ofPerson.sort()).toEqual(all.filter((a) => a.contactId === person.id).map((a) => a.id).sort());
    const both = await walk(`contactId=${person.id}&companyId=${firm.id}`, 3);
    expect(both.sort()).toEqual(all.filter((a) => a.contactId === person.id && a.companyId === firm.id).map((a) => a.id).sort());
    expect((await list(j, 'dealId=nope')).items).toEqual([]);
    expect((await list(j, 'projectId=nope')).items).toEqual([]);

    h.clock.advance(60_000);
    const since = new Date(h.clock.ms).toISOString();
    await ok(wsCall(h, j, 'PATCH', `/activities/${all[10]!.id}`, { body: 'Doplněno' }));
    expect((await list(j, `updatedSince=${encodeURIComponent(since)}`)).items.map((a) => a.id)).toEqual([all[10]!.id]);
  });

  it('filters by deal and project', async () => {
    const db = await tenantClient(h, j);
    const deal = await insertDeal(db, { title: 'Obchod', createdAt: h.clock.ms });
    const a = await create(j, { type: 'call', subject: 'K obchodu', dealId: deal, projectId: 'proj-1' });
    expect((await list(j, `dealId=${deal}`)).items.map((x) => x.id)).toEqual([a.id]);
    expect((await list(j, 'projectId=proj-1')).items.map((x) => x.id)).toEqual([a.id]);
  });
});
