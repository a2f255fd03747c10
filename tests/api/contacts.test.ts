import { czechSortKey } from '../../db/tenant/collation.ts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ok, wsCall } from './records-support.ts';
import { createHarness, errorOf, signUp, type Harness, type SignedUp } from './support.ts';

interface Contact {
  id: string;
  firstName: string | null;
  lastName: string;
  email: string | null;
  phone: string | null;
  title: string | null;
  companyId: string | null;
  companyName: string | null;
  tags: string[];
  ownerId: string | null;
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
let acme: { id: string };
let globex: { id: string };

beforeAll(async () => {
  h = createHarness();
  alice = await signUp(h.app, { workspaceName: 'Alpha' });
  acme = await ok(wsCall(h, alice, 'POST', '/companies', { name: 'Acme s.r.o.' }), 201);
  globex = await ok(wsCall(h, alice, 'POST', '/companies', { name: 'Globex a.s.' }), 201);
});
afterAll(() => h.close());

const create = (who: SignedUp, body: Record<string, unknown>) => ok<Contact>(wsCall(h, who, 'POST', '/contacts', body), 201);
const list = (who: SignedUp, query: string) => ok<Page<Contact>>(wsCall(h, who, 'GET', `/contacts?${query}`));

describe('creating and reading contacts', () => {
  it('creates a contact linked to a company, normalizing the phone, and reads it back with its ETag', async () => {
    const res = await wsCall(h, alice, 'POST', '/contacts', {
      firstName: ' Jan ',
      lastName: 'Dvořák',
      email: 'jan.dvorak@acme.cz',
      phone: '00420 602 123 456',
      title: 'Jednatel',
      companyId: acme.id,
      tags: ['Rozhodovatel'],
    });
    expect(res.status).toBe(201);
    expect(res.headers.get('ETag')).toBe('"1"');
    const c = (await res.json()) as Contact;
    expect(c).toMatchObject({
      firstName: 'Jan',
      lastName: 'Dvořák',
      email: 'jan.dvorak@acme.cz',
      phone: '+420 602 123 456',
      title: 'Jednatel',
      companyId: acme.id,
      companyName: 'Acme s.r.o.',
      tags: ['Rozhodovatel'],
      ownerId: alice.user.id,
      deletedAt: null,
      version: 1,
    });
    const got = await wsCall(h, alice, 'GET', `/contacts/${c.id}`);
    expect(got.headers.get('ETag')).toBe('"1"');
    expect(await got.json()).toEqual(c);
  });

  it('creates a contact without a company or owner', async () => {
    const c = await create(alice, { firstName: 'Eva', lastName: 'Svobodová', ownerId: null });
    expect(c).toMatchObject({ companyId: null, companyName: null, ownerId: null, email: null, phone: null, title: null, tags: [] });
  });
});

describe('changing contacts', () => {
  it('moves a contact to another company, records the change and shows the new company name', async () => {
    const c = await create(alice, { firstName: 'Petr', lastName: 'Novák', companyId: acme.id });
    h.clock.advance(1000);
    const res = await wsCall(h, alice, 'PATCH', `/contacts/${c.id}`, { companyId: globex.id, title: 'Nákupčí' }, { headers: { 'If-Match': '"1"' } });
    expect(res.status).toBe(200);
    expect(res.headers.get('ETag')).toBe('"2"');
    expect(await res.json()).toMatchObject({ companyId: globex.id, companyName: 'Globex a.s.', title: 'Nákupčí', lastName: 'Novák', version: 2 });
    const history = await ok<Page<{ action: string; changes: Record<string, unknown> }>>(wsCall(h, alice, 'GET', `/contacts/${c.id}/history`));
    expect(history.items.map((x) => x.action)).toEqual(['update', 'create']);
    expect(history.items[0]!.changes).toEqual({ companyId: [acme.id, globex.id], title: [null, 'Nákupčí'] });
    const unlinked = await ok<Contact>(wsCall(h, alice, 'PATCH', `/contacts/${c.id}`, { companyId: null }));
    expect(unlinked).toMatchObject({ companyId: null, companyName: null, version: 3 });
  });

  it('refuses a stale If-Match with 409 and keeps the newer data', async () => {
    const c = await create(alice, { firstName: 'Iva', lastName: 'Malá' });
    await ok(wsCall(h, alice, 'PATCH', `/contacts/${c.id}`, { lastName: 'Velká' }));
    const stale = await wsCall(h, alice, 'PATCH', `/contacts/${c.id}`, { lastName: 'Střední' }, { headers: { 'If-Match': '"1"' } });
    expect(stale.status).toBe(409);
    expect((await errorOf(stale)).code).toBe('conflict');
    expect((await wsCall(h, alice, 'DELETE', `/contacts/${c.id}`, undefined, { headers: { 'If-Match': '"1"' } })).status).toBe(409);
    expect(await ok<Contact>(wsCall(h, alice, 'GET', `/contacts/${c.id}`))).toMatchObject({ lastName: 'Velká', version: 2, deletedAt: null });
  });

  it('keeps a contact editable when its company went to the trash, without re-checking the unchanged link', async () => {
    const temp = await ok<{ id: string }>(wsCall(h, alice, 'POST', '/companies', { name: 'Dočasná' }), 201);
    const c = await create(alice, { firstName: 'Ota', lastName: 'Pavel', companyId: temp.id });
    await ok(wsCall(h, alice, 'DELETE', `/companies/${temp.id}`), 204);
    const edited = await ok<Contact>(wsCall(h, alice, 'PATCH', `/contacts/${c.id}`, { title: 'Ředitel', companyId: temp.id }));
    expect(edited).toMatchObject({ title: 'Ředitel', companyId: temp.id, companyName: 'Dočasná' });
  });

  it('moves a contact to the trash and back', async () => {
    const c = await create(alice, { firstName: 'Karel', lastName: 'Koš', companyId: acme.id });
    expect((await wsCall(h, alice, 'DELETE', `/contacts/${c.id}`)).status).toBe(204);
    expect((await wsCall(h, alice, 'GET', `/contacts/${c.id}`)).status).toBe(404);
    expect((await list(alice, 'limit=200')).items.map((x) => x.id)).not.toContain(c.id);
    expect((await list(alice, 'deleted=true')).items.map((x) => x.id)).toEqual([c.id]);
    const restored = await wsCall(h, alice, 'POST', `/contacts/${c.id}/restore`);
    expect(restored.status).toBe(200);
    expect(restored.headers.get('ETag')).toBe('"3"');
    expect(await restored.json()).toMatchObject({ id: c.id, deletedAt: null, companyName: 'Acme s.r.o.', version: 3 });
    expect((await wsCall(h, alice, 'POST', `/contacts/${c.id}/restore`)).status).toBe(404);
    expect((await list(alice, 'deleted=true')).items).toEqual([]);
  });
});

describe('searching contacts', () => {
  let s: SignedUp;
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    s = await signUp(h.app, { workspaceName: 'Search' });
    ids['dvorak'] = (await create(s, { firstName: 'Antonín', lastName: 'Dvořák', email: 'antonin@dvorak.cz', title: 'Skladatel' })).id;
    ids['zluta'] = (await create(s, { firstName: 'Žaneta', lastName: 'Žlutá', phone: '+420 602 123 456', tags: ['Klíčová'] })).id;
    ids['novak'] = (await create(s, { firstName: 'Jan', lastName: 'Novák', phone: '777 000 111' })).id;
  });

  const found = async (q: string) => (await list(s, `q=${encodeURIComponent(q)}`)).items.map((c) => c.id);

  it('finds by first or last name without diacritics, by email, title, tag and phone digits', async () => {
    expect(await found('dvorak')).toEqual([ids['dvorak']]);
    expect(await found('antonin')).toEqual([ids['dvorak']]);
    expect(await found('antonin dvo')).toEqual([ids['dvorak']]);
    expect(await found('zaneta zluta')).toEqual([ids['zluta']]);
    expect(await found('antonin@dvorak.cz')).toEqual([ids['dvorak']]);
    expect(await found('skladatel')).toEqual([ids['dvorak']]);
    expect(await found('klicova')).toEqual([ids['zluta']]);
    expect(await found('602123')).toEqual([ids['zluta']]);
    expect(await found('777000111')).toEqual([ids['novak']]);
    expect(await found('novakova')).toEqual([]);
  });
});

describe('listing contacts', () => {
  let l: SignedUp;
  let all: Contact[] = [];
  let firm: { id: string };

  beforeAll(async () => {
    l = await signUp(h.app, { workspaceName: 'Lists' });
    firm = await ok(wsCall(h, l, 'POST', '/companies', { name: 'Firma' }), 201);
    for (let i = 0; i < 90; i++) {
      if (i % 3 === 0) h.clock.advance(1);
      await create(l, {
        firstName: `Jméno${i}`,
        lastName: `Příjmení ${String(i % 30).padStart(2, '0')}`,
        companyId: i % 2 === 0 ? firm.id : null,
        tags: i % 5 === 0 ? ['VIP'] : [],
        ownerId: i % 3 === 0 ? null : l.user.id,
      });
    }
    all = (await list(l, 'limit=200')).items;
    expect(all).toHaveLength(90);
  });

  async function walk(query: string, limit: number): Promise<string[]> {
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: Page<Contact> = await list(l, `${query}&limit=${limit}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
      seen.push(...page.items.map((c) => c.id));
      cursor = page.nextCursor;
    } while (cursor && seen.length <= 1000);
    return seen;
  }
  const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

  for (const sort of ['lastName', '-lastName', 'updatedAt', '-updatedAt', 'createdAt', '-createdAt'] as const) {
    it(`walks every page sorted by ${sort} without repeating or skipping`, async () => {
      const key = sort.replace('-', '') as 'lastName' | 'updatedAt' | 'createdAt';
      const dir = sort.startsWith('-') ? -1 : 1;
      // Names sort in Czech order of "last first" (db/tenant/collation.ts).
      const value = (c: (typeof all)[number]) => (key === 'lastName' ? czechSortKey(`${c.lastName} ${c.firstName ?? ''}`) : c[key]);
      const expected = [...all].sort((a, b) => dir * (cmp(value(a), value(b)) || cmp(a.id, b.id))).map((c) => c.id);
      expect(await walk(`sort=${sort}`, 8)).toEqual(expected);
    });
  }

  it('filters by company, owner, tag and updatedSince, also while paging', async () => {
    const ofFirm = await walk(`companyId=${firm.id}`, 7);
    expect(ofFirm.sort()).toEqual(all.filter((c) => c.companyId === firm.id).map((c) => c.id).sort());
    expect(ofFirm).toHaveLength(45);
    const owned = await walk(`ownerId=${l.user.id}`, 9);
    expect(owned).toHaveLength(60);
    const vip = await walk('tag=vip', 5);
    expect(vip.sort()).toEqual(all.filter((c) => c.tags.includes('VIP')).map((c) => c.id).sort());
    const combined = await walk(`tag=VIP&companyId=${firm.id}`, 2);
    expect(combined.sort()).toEqual(all.filter((c) => c.tags.includes('VIP') && c.companyId === firm.id).map((c) => c.id).sort());
    expect((await list(l, 'companyId=missing')).items).toEqual([]);

    h.clock.advance(60_000);
    const since = new Date(h.clock.ms).toISOString();
    await ok(wsCall(h, l, 'PATCH', `/contacts/${all[0]!.id}`, { title: 'Nově' }));
    expect((await list(l, `updatedSince=${encodeURIComponent(since)}`)).items.map((c) => c.id)).toEqual([all[0]!.id]);
  });

  it('shows the company name on every listed contact of the company', async () => {
    const page = await list(l, `companyId=${firm.id}&limit=200`);
    expect(page.items.every((c) => c.companyName === 'Firma')).toBe(true);
  });
});
