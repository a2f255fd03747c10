import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectAllNotFound, expectAllUnauthenticated, ok, wsCall, type RouteCase } from './records-support.ts';
import { createHarness, errorOf, signUp, type Harness, type SignedUp } from './support.ts';

interface Activity {
  id: string;
  subject: string;
  version: number;
}

let h: Harness;
let alice: SignedUp;
let bob: SignedUp;
let company: { id: string };
let contact: { id: string };
let live: Activity;
let trashed: Activity;

beforeAll(async () => {
  h = createHarness();
  alice = await signUp(h.app, { workspaceName: 'Alpha Tajné' });
  bob = await signUp(h.app, { workspaceName: 'Beta' });
  company = await ok(wsCall(h, alice, 'POST', '/companies', { name: 'Tajná firma' }), 201);
  contact = await ok(wsCall(h, alice, 'POST', '/contacts', { firstName: 'Tajný', lastName: 'Agent' }), 201);
  live = await ok(wsCall(h, alice, 'POST', '/activities', { type: 'meeting', subject: 'Tajná schůzka', companyId: company.id, contactId: contact.id }), 201);
  trashed = await ok(wsCall(h, alice, 'POST', '/activities', { type: 'note', subject: 'Smazaná poznámka' }), 201);
  await ok(wsCall(h, alice, 'DELETE', `/activities/${trashed.id}`), 204);
});
afterAll(() => h.close());

const routes = (id: string): RouteCase[] => [
  { method: 'GET', path: `/activities/${id}` },
  { method: 'PATCH', path: `/activities/${id}`, body: { subject: 'Pwned' } },
  { method: 'DELETE', path: `/activities/${id}` },
  { method: 'POST', path: `/activities/${id}/restore` },
  { method: 'GET', path: `/activities/${id}/history` },
];

async function aliceDataUnchanged(): Promise<void> {
  expect(await ok<Activity>(wsCall(h, alice, 'GET', `/activities/${live.id}`))).toEqual(live);
  const trash = await ok<{ items: Activity[] }>(wsCall(h, alice, 'GET', '/activities?deleted=true'));
  expect(trash.items.map((a) => [a.id, a.version])).toEqual([[trashed.id, 2]]);
  expect((await ok<{ items: unknown[] }>(wsCall(h, alice, 'GET', `/activities/${live.id}/history`))).items).toHaveLength(1);
}

describe('activities across workspaces', () => {
  it('answers 404 on every route to a member of another workspace and changes nothing', async () => {
    await expectAllNotFound(h, bob, alice, [...routes(live.id), ...routes(trashed.id)]);
    await aliceDataUnchanged();
  });

  it('refuses links to another workspace’s company and contact', async () => {
    const res = await wsCall(h, bob, 'POST', '/activities', { type: 'call', subject: 'Vetřelec', companyId: company.id, contactId: contact.id });
    expect(res.status).toBe(400);
    expect((await errorOf(res)).fields).toEqual({ companyId: 'No such company in this workspace.', contactId: 'No such contact in this workspace.' });
    expect((await ok<{ items: unknown[] }>(wsCall(h, bob, 'GET', '/activities'))).items).toEqual([]);
  });

  it('never lists another workspace’s journal, whatever the filter', async () => {
    for (const query of ['limit=200', `companyId=${company.id}`, `contactId=${contact.id}`, 'deleted=true']) {
      expect((await ok<{ items: unknown[] }>(wsCall(h, bob, 'GET', `/activities?${query}`))).items).toEqual([]);
    }
    for (const [method, body] of [
      ['GET', undefined],
      ['POST', { type: 'call', subject: 'X' }],
    ] as const) {
      expect((await wsCall(h, { ...bob, workspace: alice.workspace }, method, '/activities', body)).status).toBe(404);
    }
  });

  it('answers 401 on every route without a session and changes nothing', async () => {
    await expectAllUnauthenticated(h, alice, [
      ...routes(live.id),
      { method: 'GET', path: '/activities' },
      { method: 'POST', path: '/activities', body: { type: 'call', subject: 'Anonym' } },
    ]);
    await aliceDataUnchanged();
  });
});
