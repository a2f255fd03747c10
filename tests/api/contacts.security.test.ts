import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectAllNotFound, expectAllUnauthenticated, ok, wsCall, type RouteCase } from './records-support.ts';
import { createHarness, errorOf, signUp, type Harness, type SignedUp } from './support.ts';

interface Contact {
  id: string;
  lastName: string;
  companyId: string | null;
  version: number;
}

let h: Harness;
let alice: SignedUp;
let bob: SignedUp;
let company: { id: string };
let live: Contact;
let trashed: Contact;

beforeAll(async () => {
  h = createHarness();
  alice = await signUp(h.app, { workspaceName: 'Alpha Tajné' });
  bob = await signUp(h.app, { workspaceName: 'Beta' });
  company = await ok(wsCall(h, alice, 'POST', '/companies', { name: 'Tajná firma' }), 201);
  live = await ok(wsCall(h, alice, 'POST', '/contacts', { firstName: 'Tajný', lastName: 'Agent', email: 'agent@tajne.cz', companyId: company.id }), 201);
  trashed = await ok(wsCall(h, alice, 'POST', '/contacts', { firstName: 'Smazaný', lastName: 'Agent' }), 201);
  await ok(wsCall(h, alice, 'DELETE', `/contacts/${trashed.id}`), 204);
});
afterAll(() => h.close());

const routes = (id: string): RouteCase[] => [
  { method: 'GET', path: `/contacts/${id}` },
  { method: 'PATCH', path: `/contacts/${id}`, body: { lastName: 'Pwned' } },
  { method: 'DELETE', path: `/contacts/${id}` },
  { method: 'POST', path: `/contacts/${id}/restore` },
  { method: 'GET', path: `/contacts/${id}/history` },
];

async function aliceDataUnchanged(): Promise<void> {
  expect(await ok<Contact>(wsCall(h, alice, 'GET', `/contacts/${live.id}`))).toEqual(live);
  const trash = await ok<{ items: Contact[] }>(wsCall(h, alice, 'GET', '/contacts?deleted=true'));
  expect(trash.items.map((c) => [c.id, c.version])).toEqual([[trashed.id, 2]]);
  expect((await ok<{ items: unknown[] }>(wsCall(h, alice, 'GET', `/contacts/${live.id}/history`))).items).toHaveLength(1);
}

describe('contacts across workspaces', () => {
  it('answers 404 on every route to a member of another workspace and changes nothing', async () => {
    await expectAllNotFound(h, bob, alice, [...routes(live.id), ...routes(trashed.id)]);
    await aliceDataUnchanged();
  });

  it('refuses to link a contact to another workspace’s company, naming the field only', async () => {
    const res = await wsCall(h, bob, 'POST', '/contacts', { firstName: 'Bob', lastName: 'Vetřelec', companyId: company.id });
    expect(res.status).toBe(400);
    const error = await errorOf(res);
    expect(error.fields).toEqual({ companyId: 'No such company in this workspace.' });
    expect(JSON.stringify(error)).not.toContain('Tajná');
    expect((await ok<{ items: unknown[] }>(wsCall(h, bob, 'GET', '/contacts'))).items).toEqual([]);
  });

  it('never lists, filters or finds another workspace’s contacts', async () => {
    expect((await ok<{ items: unknown[] }>(wsCall(h, bob, 'GET', '/contacts?limit=200'))).items).toEqual([]);
    expect((await ok<{ items: unknown[] }>(wsCall(h, bob, 'GET', `/contacts?companyId=${company.id}`))).items).toEqual([]);
    expect((await ok<{ items: unknown[] }>(wsCall(h, bob, 'GET', '/contacts?deleted=true'))).items).toEqual([]);
    expect((await ok<{ items: unknown[] }>(wsCall(h, bob, 'GET', '/contacts?q=agent'))).items).toEqual([]);
    expect((await ok<{ items: unknown[] }>(wsCall(h, bob, 'GET', '/search?q=agent'))).items).toEqual([]);
    for (const [method, body] of [
      ['GET', undefined],
      ['POST', { firstName: 'X', lastName: 'Y' }],
    ] as const) {
      expect((await wsCall(h, { ...bob, workspace: alice.workspace }, method, '/contacts', body)).status).toBe(404);
    }
  });

  it('answers 401 on every route without a session and changes nothing', async () => {
    await expectAllUnauthenticated(h, alice, [
      ...routes(live.id),
      { method: 'GET', path: '/contacts' },
      { method: 'POST', path: '/contacts', body: { firstName: 'A', lastName: 'B' } },
    ]);
    await aliceDataUnchanged();
  });
});
