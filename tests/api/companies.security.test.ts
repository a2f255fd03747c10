import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectAllNotFound, expectAllUnauthenticated, ok, wsCall, type RouteCase } from './records-support.ts';
import { createHarness, signUp, type Harness, type SignedUp } from './support.ts';

interface Company {
  id: string;
  name: string;
  version: number;
  deletedAt: string | null;
}

let h: Harness;
let alice: SignedUp;
let bob: SignedUp;
let live: Company;
let trashed: Company;

beforeAll(async () => {
  h = createHarness();
  alice = await signUp(h.app, { workspaceName: 'Alpha Tajné' });
  bob = await signUp(h.app, { workspaceName: 'Beta' });
  live = await ok<Company>(wsCall(h, alice, 'POST', '/companies', { name: 'Tajná firma', regNo: '45274649', tags: ['secret'] }), 201);
  trashed = await ok<Company>(wsCall(h, alice, 'POST', '/companies', { name: 'Tajný koš' }), 201);
  await ok(wsCall(h, alice, 'DELETE', `/companies/${trashed.id}`), 204);
  await ok(wsCall(h, bob, 'POST', '/companies', { name: 'Bobova firma' }), 201);
});
afterAll(() => h.close());

const routes = (id: string): RouteCase[] => [
  { method: 'GET', path: `/companies/${id}` },
  { method: 'PATCH', path: `/companies/${id}`, body: { name: 'Pwned' } },
  { method: 'DELETE', path: `/companies/${id}` },
  { method: 'POST', path: `/companies/${id}/restore` },
  { method: 'GET', path: `/companies/${id}/history` },
  { method: 'GET', path: `/companies/${id}/timeline` },
  { method: 'GET', path: `/companies/${id}/summary` },
];

async function aliceDataUnchanged(): Promise<void> {
  const got = await ok<Company>(wsCall(h, alice, 'GET', `/companies/${live.id}`));
  expect(got).toEqual(live);
  const trash = await ok<{ items: Company[] }>(wsCall(h, alice, 'GET', '/companies?deleted=true'));
  expect(trash.items.map((c) => [c.id, c.version])).toEqual([[trashed.id, 2]]);
  const history = await ok<{ items: unknown[] }>(wsCall(h, alice, 'GET', `/companies/${live.id}/history`));
  expect(history.items).toHaveLength(1);
}

describe('companies across workspaces', () => {
  it('answers 404 on every route to a member of another workspace, for live and trashed ids, and changes nothing', async () => {
    await expectAllNotFound(h, bob, alice, [...routes(live.id), ...routes(trashed.id)]);
    await aliceDataUnchanged();
  });

  it('answers 404 for the victim’s slug even on list and create, and creates nothing there', async () => {
    for (const [method, body] of [
      ['GET', undefined],
      ['POST', { name: 'Vetřelec' }],
    ] as const) {
      const res = await wsCall(h, { ...bob, workspace: alice.workspace }, method, '/companies', body);
      expect(res.status).toBe(404);
    }
    const names = (await ok<{ items: Company[] }>(wsCall(h, alice, 'GET', '/companies'))).items.map((c) => c.name);
    expect(names).toEqual(['Tajná firma']);
  });

  it('never lists or finds another workspace’s companies', async () => {
    const list = await ok<{ items: Company[] }>(wsCall(h, bob, 'GET', '/companies?limit=200'));
    expect(list.items.map((c) => c.name)).toEqual(['Bobova firma']);
    for (const q of ['tajna', '45274649', 'secret']) {
      expect((await ok<{ items: Company[] }>(wsCall(h, bob, 'GET', `/companies?q=${q}`))).items).toEqual([]);
      expect((await ok<{ items: unknown[] }>(wsCall(h, bob, 'GET', `/search?q=${q}`))).items).toEqual([]);
    }
    expect((await ok<{ items: Company[] }>(wsCall(h, bob, 'GET', '/companies?deleted=true'))).items).toEqual([]);
    expect((await ok<{ items: Company[] }>(wsCall(h, bob, 'GET', '/companies?tag=secret'))).items).toEqual([]);
  });

  it('answers 401 on every route without a session and changes nothing', async () => {
    await expectAllUnauthenticated(h, alice, [
      ...routes(live.id),
      { method: 'GET', path: '/companies' },
      { method: 'POST', path: '/companies', body: { name: 'Anonym' } },
    ]);
    await aliceDataUnchanged();
  });
});
