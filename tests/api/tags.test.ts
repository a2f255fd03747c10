import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { caller, type Caller } from './crm-support.ts';
import { logSql } from './sql-log.ts';
import { call, createHarness, errorOf, signUp, type Harness, type SignedUp } from './support.ts';

interface Tags {
  items: { tag: string; count: number }[];
  nextCursor: null;
}

let h: Harness;
let alice: SignedUp;
let bob: SignedUp;
let a: Caller;
let b: Caller;

beforeAll(async () => {
  h = createHarness();
  alice = await signUp(h.app, { workspaceName: 'Alpha' });
  bob = await signUp(h.app, { workspaceName: 'Beta' });
  a = caller(h, alice);
  b = caller(h, bob);
  await a.ok('POST', '/companies', { name: 'One', tags: ['VIP', 'Praha'] });
  await a.ok('POST', '/companies', { name: 'Two', tags: ['vip'] });
  const gone = await a.ok<{ id: string }>('POST', '/companies', { name: 'Three', tags: ['VIP', 'Brno'] });
  expect((await a('DELETE', `/companies/${gone.id}`)).status).toBe(204);
  await a.ok('POST', '/contacts', { firstName: 'Jana', lastName: 'Nová', tags: ['Newsletter'] });
  await a.ok('POST', '/deals', { title: 'D1', tags: ['Hot', 'Q4'] });
  await a.ok('POST', '/deals', { title: 'D2', tags: ['hot'] });
  await b.ok('POST', '/deals', { title: 'Beta deal', tags: ['beta-only'] });
});
afterAll(() => h.close());

describe('tag counts', () => {
  it('counts live records per tag, most used first, case folded, trash left out', async () => {
    expect((await a.ok<Tags>('GET', '/tags?entity=company')).items).toEqual([
      { tag: 'vip', count: 2 },
      { tag: 'praha', count: 1 },
    ]);
    expect((await a.ok<Tags>('GET', '/tags?entity=deal')).items).toEqual([
      { tag: 'hot', count: 2 },
      { tag: 'q4', count: 1 },
    ]);
    expect((await a.ok<Tags>('GET', '/tags?entity=contact')).items).toEqual([{ tag: 'newsletter', count: 1 }]);
  });

  it('follows tag changes and restores', async () => {
    const deal = await a.ok<{ id: string }>('POST', '/deals', { title: 'D3', tags: ['Q4'] });
    expect((await a.ok<Tags>('GET', '/tags?entity=deal')).items).toContainEqual({ tag: 'q4', count: 2 });
    await a.ok('PATCH', `/deals/${deal.id}`, { tags: ['Hot'] }, 200);
    expect((await a.ok<Tags>('GET', '/tags?entity=deal')).items).toEqual([
      { tag: 'hot', count: 3 },
      { tag: 'q4', count: 1 },
    ]);
    expect((await a('DELETE', `/deals/${deal.id}`)).status).toBe(204);
    expect((await a.ok<Tags>('GET', '/tags?entity=deal')).items[0]).toEqual({ tag: 'hot', count: 2 });
    await a.ok('POST', `/deals/${deal.id}/restore`, undefined, 200);
    expect((await a.ok<Tags>('GET', '/tags?entity=deal')).items[0]).toEqual({ tag: 'hot', count: 3 });
  });

  it('answers in one grouped statement over the tag index', async () => {
    const log = await logSql(h, alice.workspace.id);
    log.clear();
    await a.ok<Tags>('GET', '/tags?entity=company');
    expect(log.statements).toHaveLength(1);
    const plan = (await log.plans())[0]!.plan;
    // Tag rows come off the index already grouped; only the (few) groups are sorted by count.
    expect(plan).toMatch(/SEARCH rt USING COVERING INDEX record_tags_tag_idx \(entity=\?\)/);
    expect(plan).toMatch(/SEARCH r USING INDEX sqlite_autoindex_companies_1 \(id=\?\)/);
    expect(plan).not.toContain('GROUP BY');
  });

  it('rejects a missing or unknown entity', async () => {
    for (const q of ['', '?entity=task', '?entity=companies', '?entity=company&x=1']) {
      const res = await a('GET', `/tags${q}`);
      expect(res.status, q).toBe(400);
      expect((await errorOf(res)).code).toBe('validation_failed');
    }
  });
});

describe('tags across workspaces', () => {
  it('shows each workspace only its own tags', async () => {
    expect((await b.ok<Tags>('GET', '/tags?entity=deal')).items).toEqual([{ tag: 'beta-only', count: 1 }]);
    expect((await b.ok<Tags>('GET', '/tags?entity=company')).items).toEqual([]);
  });

  it('answers 404 under another workspace’s slug and 401 without a session', async () => {
    const res = await caller(h, bob, alice.workspace.slug)('GET', '/tags?entity=company');
    expect(res.status).toBe(404);
    expect((await errorOf(res)).code).toBe('not_found');
    expect((await call(h.app, 'GET', `/w/${alice.workspace.slug}/tags?entity=company`)).status).toBe(401);
  });
});
