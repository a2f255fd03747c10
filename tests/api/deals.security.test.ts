import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { caller, snapshot, type Caller } from './crm-support.ts';
import { call, createHarness, errorOf, signUp, type Harness, type SignedUp } from './support.ts';

let h: Harness;
let alice: SignedUp;
let bob: SignedUp;
let a: Caller;
let b: Caller;
let aDeal: string;
let aTrashed: string;
let aCompany: string;
let bDeal: string;

beforeAll(async () => {
  h = createHarness();
  alice = await signUp(h.app, { workspaceName: 'Alpha' });
  bob = await signUp(h.app, { workspaceName: 'Beta' });
  a = caller(h, alice);
  b = caller(h, bob);
  aCompany = (await a.ok<{ id: string }>('POST', '/companies', { name: 'Alpha Client' })).id;
  aDeal = (await a.ok<{ id: string }>('POST', '/deals', { title: 'Alpha secret deal', companyId: aCompany, value: { amount: 999, currency: 'CZK' }, tags: ['alpha'] })).id;
  aTrashed = (await a.ok<{ id: string }>('POST', '/deals', { title: 'Alpha trashed deal' })).id;
  expect((await a('DELETE', `/deals/${aTrashed}`)).status).toBe(204);
  bDeal = (await b.ok<{ id: string }>('POST', '/deals', { title: 'Beta deal' })).id;
});
afterAll(() => h.close());

async function alphaState(): Promise<string> {
  const ws = alice.workspace.id;
  return (await snapshot(h, ws, 'deals')) + (await snapshot(h, ws, 'record_history')) + (await snapshot(h, ws, 'record_tags'));
}

const routes = (): [string, string, unknown?][] => [
  ['GET', '/deals'],
  ['GET', '/deals/board'],
  ['GET', `/deals/${aDeal}`],
  ['POST', '/deals', { title: 'Injected' }],
  ['PATCH', `/deals/${aDeal}`, { title: 'Pwned' }],
  ['POST', `/deals/${aDeal}/move`, { stage: 'won' }],
  ['DELETE', `/deals/${aDeal}`],
  ['POST', `/deals/${aTrashed}/restore`],
];

describe('deals across workspaces', () => {
  it('answers 404 to a user of another workspace on every route under A’s slug, changing nothing', async () => {
    const before = await alphaState();
    const bobInAlpha = caller(h, bob, alice.workspace.slug);
    for (const [method, path, body] of routes()) {
      const res = await bobInAlpha(method, path, body);
      expect(res.status, `${method} ${path}`).toBe(404);
      expect((await errorOf(res)).code).toBe('not_found');
    }
    expect(await alphaState()).toBe(before);
  });

  it('answers 404 to A’s deal ids in B’s workspace, changing nothing in A', async () => {
    const before = await alphaState();
    for (const [method, path, body] of routes().filter(([, p]) => p.includes(aDeal) || p.includes(aTrashed))) {
      const res = await b(method, path, body);
      expect(res.status, `${method} ${path}`).toBe(404);
      expect(JSON.stringify(await errorOf(res))).not.toContain('Alpha');
    }
    expect(await alphaState()).toBe(before);
  });

  it('does not let B use A’s records as neighbours, links or owners', async () => {
    const before = await alphaState();
    const move = await b('POST', `/deals/${bDeal}/move`, { stage: 'lead', afterId: aDeal });
    expect(move.status).toBe(400);
    expect((await errorOf(move)).fields).toHaveProperty('afterId');
    const link = await b('POST', '/deals', { title: 'x', companyId: aCompany });
    expect((await errorOf(link)).fields).toHaveProperty('companyId');
    const owner = await b('POST', '/deals', { title: 'x', ownerId: alice.user.id });
    expect((await errorOf(owner)).fields).toHaveProperty('ownerId');
    expect(await alphaState()).toBe(before);
  });

  it('never shows A’s deals, totals or tags in B', async () => {
    for (const q of ['', `?companyId=${aCompany}`, '?tag=alpha', '?q=alpha', '?deleted=true']) {
      const page = await b.ok<{ items: { title: string }[] }>('GET', `/deals${q}`);
      expect(page.items.every((d) => !d.title.startsWith('Alpha')), q).toBe(true);
    }
    const board = await b.ok<{ columns: { count: number; totals: unknown[]; items: { title: string }[] }[] }>('GET', '/deals/board');
    expect(board.columns.flatMap((c) => c.items.map((d) => d.title))).toEqual(['Beta deal']);
    expect(board.columns.flatMap((c) => c.totals)).toEqual([]);
  });
});

describe('deals without a session', () => {
  it('answers 401 on every route and writes nothing', async () => {
    const before = await alphaState();
    for (const [method, path, body] of routes()) {
      const res = await call(h.app, method, `/w/${alice.workspace.slug}${path}`, body);
      expect(res.status, `${method} ${path}`).toBe(401);
    }
    expect(await alphaState()).toBe(before);
  });
});
