import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectAllUnauthenticated, insertDeal, ok, tenantClient, wsCall } from './records-support.ts';
import { createHarness, errorOf, signUp, type Harness, type SignedUp } from './support.ts';

interface Hit {
  type: 'company' | 'contact' | 'deal';
  id: string;
  title: string;
  subtitle: string | null;
  rank: number;
}

let h: Harness;
let alice: SignedUp;
const ids: Record<string, string> = {};

beforeAll(async () => {
  h = createHarness();
  alice = await signUp(h.app, { workspaceName: 'Alpha' });
  const company = (body: Record<string, unknown>) => ok<{ id: string }>(wsCall(h, alice, 'POST', '/companies', body), 201);
  const contact = (body: Record<string, unknown>) => ok<{ id: string }>(wsCall(h, alice, 'POST', '/contacts', body), 201);
  ids['company'] = (await company({ name: 'Dvořák', address: { city: 'Praha' } })).id;
  ids['longCompany'] = (await company({ name: 'Stavební společnost pro Moravu a Slezsko, pobočka Dvořák a synové' })).id;
  ids['contact'] = (await contact({ firstName: 'Antonín', lastName: 'Dvořák', email: 'antonin@example.cz' })).id;
  ids['deal'] = await insertDeal(await tenantClient(h, alice), { title: 'Dvořák – nová kancelář', stage: 'proposal', createdAt: h.clock.ms });
  ids['zluty'] = (await company({ name: 'Žlutý kůň s.r.o.', regNo: '26168685', phone: '+420 602 123 456' })).id;
  ids['zlutaContact'] = (await contact({ firstName: 'Žofie', lastName: 'Žlutá', phone: '602 987 654' })).id;
  const gone = await company({ name: 'Dvořák v koši' });
  await ok(wsCall(h, alice, 'DELETE', `/companies/${gone.id}`), 204);
  ids['gone'] = gone.id;
});
afterAll(() => h.close());

const search = async (q: string, extra = '') => (await ok<{ items: Hit[] }>(wsCall(h, alice, 'GET', `/search?q=${encodeURIComponent(q)}${extra}`))).items;

describe('search across record types', () => {
  it('finds companies, contacts and deals in one list without diacritics, leaving the trash out', async () => {
    const hits = await search('dvorak');
    expect(hits.map((x) => `${x.type}:${x.id}`).sort()).toEqual(
      [`company:${ids['company']}`, `company:${ids['longCompany']}`, `contact:${ids['contact']}`, `deal:${ids['deal']}`].sort(),
    );
    expect(hits.find((x) => x.id === ids['contact'])).toMatchObject({ title: 'Antonín Dvořák', subtitle: 'antonin@example.cz' });
    expect(hits.find((x) => x.id === ids['company'])).toMatchObject({ title: 'Dvořák', subtitle: 'Praha' });
    expect(hits.find((x) => x.id === ids['deal'])).toMatchObject({ title: 'Dvořák – nová kancelář', subtitle: 'proposal' });
    expect(hits.map((x) => x.id)).not.toContain(ids['gone']);
  });

  it('ranks best first: the short exact name before the long one that merely mentions the word', async () => {
    const hits = await search('dvorak');
    for (let i = 1; i < hits.length; i++) expect(hits[i]!.rank).toBeGreaterThanOrEqual(hits[i - 1]!.rank);
    const order = hits.map((x) => x.id);
    expect(order.indexOf(ids['company']!)).toBeLessThan(order.indexOf(ids['longCompany']!));
  });

  it('ranks a hit in the name above the same word in the city', async () => {
    const byCity = (await ok<{ id: string }>(wsCall(h, alice, 'POST', '/companies', { name: 'Stavby Horák', address: { city: 'Kladno' } }), 201)).id;
    const byName = (await ok<{ id: string }>(wsCall(h, alice, 'POST', '/companies', { name: 'Kladno Servis', address: { city: 'Brno' } }), 201)).id;
    const order = (await search('kladno')).map((x) => x.id);
    expect(order.indexOf(byName)).toBeGreaterThanOrEqual(0);
    expect(order.indexOf(byName)).toBeLessThan(order.indexOf(byCity));
  });

  it('narrows with more words and matches prefixes, IČO and phone digits', async () => {
    expect((await search('antonin dvorak')).map((x) => x.id)).toEqual([ids['contact']]);
    expect((await search('dvo kanc')).map((x) => x.id)).toEqual([ids['deal']]);
    expect((await search('zlut')).map((x) => x.id).sort()).toEqual([ids['zluty'], ids['zlutaContact']].sort());
    expect((await search('26168685')).map((x) => x.id)).toEqual([ids['zluty']]);
    expect((await search('602987')).map((x) => x.id)).toEqual([ids['zlutaContact']]);
  });

  it('caps the list at limit and answers an empty list for nothing searchable', async () => {
    expect(await search('dvorak', '&limit=2')).toHaveLength(2);
    expect(await search('   ')).toEqual([]);
    expect(await search('"*()')).toEqual([]);
    expect(await search('neexistuje')).toEqual([]);
  });

  it('rejects a missing or too long query and a bad limit', async () => {
    for (const query of ['', `q=${'a'.repeat(201)}`, 'q=a&limit=0', 'q=a&limit=51', 'q=a&limit=x']) {
      const res = await wsCall(h, alice, 'GET', `/search?${query}`);
      expect(res.status, query).toBe(400);
      expect((await errorOf(res)).code).toBe('validation_failed');
    }
  });
});

describe('search and workspaces', () => {
  it('finds nothing of another workspace and answers 404 through its slug', async () => {
    const bob = await signUp(h.app, { workspaceName: 'Beta' });
    expect((await ok<{ items: Hit[] }>(wsCall(h, bob, 'GET', '/search?q=dvorak'))).items).toEqual([]);
    const res = await wsCall(h, { ...bob, workspace: alice.workspace }, 'GET', '/search?q=dvorak');
    expect(res.status).toBe(404);
  });

  it('answers 401 without a session', async () => {
    await expectAllUnauthenticated(h, alice, [{ method: 'GET', path: '/search?q=dvorak' }]);
  });
});
