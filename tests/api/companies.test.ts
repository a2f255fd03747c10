import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ok, wsCall } from './records-support.ts';
import { createHarness, errorOf, signUp, type Harness, type SignedUp } from './support.ts';

interface Company {
  id: string;
  name: string;
  country: string;
  regNo: string | null;
  vatNo: string | null;
  email: string | null;
  phone: string | null;
  website: string | null;
  address: { street: string | null; city: string | null; postalCode: string | null };
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

beforeAll(async () => {
  h = createHarness();
  alice = await signUp(h.app, { workspaceName: 'Alpha' });
});
afterAll(() => h.close());

const create = (who: SignedUp, body: Record<string, unknown>) => ok<Company>(wsCall(h, who, 'POST', '/companies', body), 201);
const list = (who: SignedUp, query: string) => ok<Page<Company>>(wsCall(h, who, 'GET', `/companies?${query}`));

describe('creating and reading companies', () => {
  it('creates a Czech company, normalizing IČO, DIČ, PSČ and phone, and reads it back with its ETag', async () => {
    const res = await wsCall(h, alice, 'POST', '/companies', {
      name: '  ČEZ, a. s.  ',
      regNo: '452 746 49',
      vatNo: 'cz 45274649',
      email: 'info@cez.cz',
      phone: '602123456',
      website: 'https://www.cez.cz',
      address: { street: 'Duhová 2', city: 'Praha', postalCode: '14000' },
      tags: ['Energie', 'energie', ' VIP '],
    });
    expect(res.status).toBe(201);
    expect(res.headers.get('ETag')).toBe('"1"');
    const created = (await res.json()) as Company;
    expect(created).toMatchObject({
      name: 'ČEZ, a. s.',
      country: 'CZ',
      regNo: '45274649',
      vatNo: 'CZ45274649',
      email: 'info@cez.cz',
      phone: '+420 602 123 456',
      address: { street: 'Duhová 2', city: 'Praha', postalCode: '140 00' },
      tags: ['Energie', 'VIP'],
      ownerId: alice.user.id,
      deletedAt: null,
      version: 1,
    });
    expect(created.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(created.createdAt).toBe(new Date(h.clock.ms).toISOString());

    const got = await wsCall(h, alice, 'GET', `/companies/${created.id}`);
    expect(got.status).toBe(200);
    expect(got.headers.get('ETag')).toBe('"1"');
    expect(await got.json()).toEqual(created);
  });

  it('checks IČO, DIČ and PSČ only for Czech companies', async () => {
    const sk = await create(alice, { name: 'Slovenská firma', country: 'sk', regNo: '12345678', vatNo: 'SK2020123456', address: { postalCode: '010 01' } });
    expect(sk).toMatchObject({ country: 'SK', regNo: '12345678', vatNo: 'SK2020123456', address: { postalCode: '010 01' } });
    const cz = await wsCall(h, alice, 'POST', '/companies', { name: 'Česká firma', regNo: '12345678', address: { postalCode: '010 01' } });
    expect(cz.status).toBe(400);
    expect((await errorOf(cz)).fields).toEqual({ regNo: expect.any(String), 'address.postalCode': expect.any(String) });
  });

  it('accepts every valid IČO of the test vectors, keeping leading zeros', async () => {
    for (const regNo of ['45274649', '00177041', '26168685', '27082440', '12345679']) {
      const c = await create(alice, { name: `IČO ${regNo}`, regNo });
      expect(c.regNo).toBe(regNo);
    }
  });

  it('keeps a foreign phone number as typed and clears optional fields with null or ""', async () => {
    const c = await create(alice, { name: 'Foreign', phone: ' +49 30 1234567 ', email: '', website: null });
    expect(c).toMatchObject({ phone: '+49 30 1234567', email: null, website: null });
  });
});

describe('changing companies', () => {
  it('changes only the given fields, bumps the version and ETag, and records history', async () => {
    const c = await create(alice, { name: 'Pekárna', address: { city: 'Brno', street: 'Hlavní 1' } });
    h.clock.advance(1000);
    const res = await wsCall(h, alice, 'PATCH', `/companies/${c.id}`, { address: { city: 'Olomouc' }, tags: ['pečivo'] });
    expect(res.status).toBe(200);
    expect(res.headers.get('ETag')).toBe('"2"');
    const updated = (await res.json()) as Company;
    expect(updated).toMatchObject({ name: 'Pekárna', address: { city: 'Olomouc', street: 'Hlavní 1' }, tags: ['pečivo'], version: 2 });
    expect(Date.parse(updated.updatedAt) - Date.parse(c.updatedAt)).toBe(1000);
    const history = await ok<Page<{ action: string; changes: Record<string, unknown> }>>(wsCall(h, alice, 'GET', `/companies/${c.id}/history`));
    expect(history.items[0]).toMatchObject({ action: 'update', changes: { city: ['Brno', 'Olomouc'], tags: [[], ['pečivo']] } });
  });

  it('writes nothing when a PATCH changes nothing', async () => {
    const c = await create(alice, { name: 'Beze změny' });
    const same = await ok<Company>(wsCall(h, alice, 'PATCH', `/companies/${c.id}`, { name: 'Beze změny' }));
    expect(same.version).toBe(1);
    const history = await ok<Page<unknown>>(wsCall(h, alice, 'GET', `/companies/${c.id}/history`));
    expect(history.items).toHaveLength(1);
  });

  it('applies a PATCH with the current If-Match and refuses a stale one with 409, overwriting nothing', async () => {
    const c = await create(alice, { name: 'Souběh' });
    const first = await wsCall(h, alice, 'PATCH', `/companies/${c.id}`, { name: 'Souběh 2' }, { headers: { 'If-Match': '"1"' } });
    expect(first.status).toBe(200);
    const stale = await wsCall(h, alice, 'PATCH', `/companies/${c.id}`, { name: 'Přepsáno' }, { headers: { 'If-Match': '"1"' } });
    expect(stale.status).toBe(409);
    expect((await errorOf(stale)).code).toBe('conflict');
    const staleDelete = await wsCall(h, alice, 'DELETE', `/companies/${c.id}`, undefined, { headers: { 'If-Match': '"1"' } });
    expect(staleDelete.status).toBe(409);
    const now = await ok<Company>(wsCall(h, alice, 'GET', `/companies/${c.id}`));
    expect(now).toMatchObject({ name: 'Souběh 2', version: 2, deletedAt: null });
    const history = await ok<Page<unknown>>(wsCall(h, alice, 'GET', `/companies/${c.id}/history`));
    expect(history.items).toHaveLength(2);
    const weak = await wsCall(h, alice, 'PATCH', `/companies/${c.id}`, { name: 'Souběh 3' }, { headers: { 'If-Match': 'W/"2"' } });
    expect(weak.status).toBe(200);
  });

  it('moves a company to the trash and restores it', async () => {
    const c = await create(alice, { name: 'Do koše' });
    expect((await wsCall(h, alice, 'DELETE', `/companies/${c.id}`, undefined, { headers: { 'If-Match': '"1"' } })).status).toBe(204);
    expect((await wsCall(h, alice, 'GET', `/companies/${c.id}`)).status).toBe(404);
    expect((await wsCall(h, alice, 'PATCH', `/companies/${c.id}`, { name: 'x' })).status).toBe(404);
    expect((await wsCall(h, alice, 'DELETE', `/companies/${c.id}`)).status).toBe(404);
    const live = await list(alice, 'limit=200');
    expect(live.items.map((x) => x.id)).not.toContain(c.id);
    const trash = await list(alice, 'deleted=true');
    expect(trash.items.find((x) => x.id === c.id)).toMatchObject({ name: 'Do koše', deletedAt: expect.any(String), version: 2 });

    const restored = await wsCall(h, alice, 'POST', `/companies/${c.id}/restore`);
    expect(restored.status).toBe(200);
    expect(restored.headers.get('ETag')).toBe('"3"');
    expect(await restored.json()).toMatchObject({ id: c.id, deletedAt: null, version: 3 });
    expect((await wsCall(h, alice, 'POST', `/companies/${c.id}/restore`)).status).toBe(404);
    const history = await ok<Page<{ action: string }>>(wsCall(h, alice, 'GET', `/companies/${c.id}/history`));
    expect(history.items.map((x) => x.action)).toEqual(['restore', 'delete', 'create']);
  });
});

describe('searching companies', () => {
  let searcher: SignedUp;
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    searcher = await signUp(h.app, { workspaceName: 'Search' });
    ids['dvorak'] = (await create(searcher, { name: 'Truhlářství Dvořák', address: { city: 'Třebíč' } })).id;
    ids['zluty'] = (await create(searcher, { name: 'Žlutý kůň s.r.o.', regNo: '26168685', email: 'obchod@zlutykun.cz', phone: '+420 602 123 456' })).id;
    ids['cez'] = (await create(searcher, { name: 'ČEZ, a. s.', regNo: '45274649', vatNo: 'CZ45274649', tags: ['Energetika'] })).id;
    ids['other'] = (await create(searcher, { name: 'Pražská plynárenská', phone: '+420 777 000 111' })).id;
  });

  const found = async (q: string) => (await list(searcher, `q=${encodeURIComponent(q)}`)).items.map((c) => c.id);

  it('finds names without diacritics and in any case', async () => {
    expect(await found('dvorak')).toEqual([ids['dvorak']]);
    expect(await found('DVOŘÁK')).toEqual([ids['dvorak']]);
    expect(await found('zluty')).toEqual([ids['zluty']]);
    expect(await found('zluty kun')).toEqual([ids['zluty']]);
    expect(await found('cez')).toEqual([ids['cez']]);
  });

  it('finds by word prefix, IČO, DIČ, email, phone digits, city and tag', async () => {
    expect(await found('truhl')).toEqual([ids['dvorak']]);
    expect(await found('26168685')).toEqual([ids['zluty']]);
    expect(await found('2616')).toEqual([ids['zluty']]);
    expect(await found('CZ45274649')).toEqual([ids['cez']]);
    expect(await found('obchod@zlutykun.cz')).toEqual([ids['zluty']]);
    expect(await found('zlutykun')).toEqual([ids['zluty']]);
    expect(await found('602123')).toEqual([ids['zluty']]);
    expect(await found('602 123 456')).toEqual([ids['zluty']]);
    expect(await found('trebic')).toEqual([ids['dvorak']]);
    expect(await found('energetika')).toEqual([ids['cez']]);
  });

  it('needs every word to match, finds nothing for punctuation only, and takes FTS syntax literally', async () => {
    expect(await found('zluty dvorak')).toEqual([]);
    expect(await found('***')).toEqual([]);
    expect(await found('"')).toEqual([]);
    expect(await found('zluty OR dvorak')).toEqual([]);
    expect(await found('NEAR(zluty')).toEqual([]);
    expect(await found('nic takového')).toEqual([]);
  });

  it('follows a rename and leaves trashed companies out', async () => {
    await ok(wsCall(h, searcher, 'PATCH', `/companies/${ids['other']}`, { name: 'Plynárna Vršovice' }));
    expect(await found('prazska')).toEqual([]);
    expect(await found('vrsovice')).toEqual([ids['other']]);
    await ok(wsCall(h, searcher, 'DELETE', `/companies/${ids['other']}`), 204);
    expect(await found('vrsovice')).toEqual([]);
    expect((await list(searcher, 'q=vrsovice&deleted=true')).items.map((c) => c.id)).toEqual([ids['other']]);
  });
});

describe('listing companies', () => {
  let lister: SignedUp;
  let all: Company[] = [];

  beforeAll(async () => {
    lister = await signUp(h.app, { workspaceName: 'Lists' });
    // 120 companies with repeating names and timestamps shared by three rows each, so
    // every sort has ties that only the id can break.
    for (let i = 0; i < 120; i++) {
      if (i % 3 === 0) h.clock.advance(1);
      all.push(await create(lister, { name: `Firma ${String(i % 40).padStart(2, '0')}`, tags: i % 4 === 0 ? ['Quarter'] : [] }));
    }
    // A few updates reorder updatedAt against createdAt.
    for (const c of all.slice(0, 10)) {
      h.clock.advance(1);
      await ok(wsCall(h, lister, 'PATCH', `/companies/${c.id}`, { website: 'https://example.cz' }));
    }
    all = (await list(lister, 'limit=200')).items;
    expect(all).toHaveLength(120);
  });

  async function walk(query: string, limit: number): Promise<string[]> {
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const page: Page<Company> = await list(lister, `${query}&limit=${limit}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
      expect(page.items.length).toBeLessThanOrEqual(limit);
      seen.push(...page.items.map((c) => c.id));
      cursor = page.nextCursor;
      pages += 1;
      expect(pages).toBeLessThan(200);
    } while (cursor);
    return seen;
  }

  const cmp = (a: string | number, b: string | number) => (a < b ? -1 : a > b ? 1 : 0);

  for (const sort of ['name', '-name', 'updatedAt', '-updatedAt', 'createdAt', '-createdAt'] as const) {
    it(`walks every page sorted by ${sort} without repeating or skipping a row`, async () => {
      const key = sort.replace('-', '') as 'name' | 'updatedAt' | 'createdAt';
      const dir = sort.startsWith('-') ? -1 : 1;
      const expected = [...all].sort((a, b) => dir * (cmp(a[key], b[key]) || cmp(a.id, b.id))).map((c) => c.id);
      const seen = await walk(`sort=${sort}`, 7);
      expect(new Set(seen).size).toBe(120);
      expect(seen).toEqual(expected);
    });
  }

  it('defaults to 50 rows sorted by name and ends with a null cursor', async () => {
    const first = await list(lister, '');
    expect(first.items).toHaveLength(50);
    expect(first.items[0]!.name).toBe('Firma 00');
    expect(first.nextCursor).toEqual(expect.any(String));
    const exact = await list(lister, 'limit=200');
    expect(exact.nextCursor).toBeNull();
    const last = await list(lister, 'limit=120');
    expect(last.nextCursor).toBeNull();
  });

  it('filters by tag (any case), owner and updatedSince, and pages within a filter', async () => {
    const tagged = await walk('tag=quarter', 4);
    expect(tagged).toHaveLength(30);
    expect(new Set(tagged).size).toBe(30);
    expect((await list(lister, 'tag=nothing')).items).toEqual([]);

    expect((await list(lister, `ownerId=${lister.user.id}&limit=200`)).items).toHaveLength(120);
    expect((await list(lister, 'ownerId=someone-else')).items).toEqual([]);

    const newest = [...all].sort((a, b) => cmp(b.updatedAt, a.updatedAt))[4]!;
    const since = await list(lister, `updatedSince=${encodeURIComponent(newest.updatedAt)}&limit=200`);
    expect(since.items.length).toBeGreaterThanOrEqual(5);
    for (const c of since.items) expect(c.updatedAt >= newest.updatedAt).toBe(true);
    expect(since.items.length).toBe(all.filter((c) => c.updatedAt >= newest.updatedAt).length);
  });

  it('combines a search with a sort and a cursor', async () => {
    const matching = all.filter((c) => c.name === 'Firma 07').map((c) => c.id).sort();
    expect(matching).toHaveLength(3);
    const seen = await walk('q=07&sort=createdAt', 1);
    expect([...seen].sort()).toEqual(matching);
  });
});
