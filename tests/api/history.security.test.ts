import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectAllNotFound, expectAllUnauthenticated, insertDeal, insertTask, ok, tenantClient, wsCall, type RouteCase } from './records-support.ts';
import { createHarness, signUp, type Harness, type SignedUp } from './support.ts';

let h: Harness;
let alice: SignedUp;
let bob: SignedUp;
let cases: RouteCase[];

beforeAll(async () => {
  h = createHarness();
  alice = await signUp(h.app, { workspaceName: 'Alpha Tajné' });
  bob = await signUp(h.app, { workspaceName: 'Beta' });
  const company = await ok<{ id: string }>(wsCall(h, alice, 'POST', '/companies', { name: 'Tajná' }), 201);
  const contact = await ok<{ id: string }>(wsCall(h, alice, 'POST', '/contacts', { firstName: 'Tajný', lastName: 'Agent' }), 201);
  const activity = await ok<{ id: string }>(wsCall(h, alice, 'POST', '/activities', { type: 'note', subject: 'Tajné' }), 201);
  const db = await tenantClient(h, alice);
  const deal = await insertDeal(db, { title: 'Tajný obchod', createdAt: h.clock.ms });
  const task = await insertTask(db, { title: 'Tajný úkol', createdAt: h.clock.ms });
  cases = [
    { method: 'GET', path: `/companies/${company.id}/history` },
    { method: 'GET', path: `/contacts/${contact.id}/history` },
    { method: 'GET', path: `/activities/${activity.id}/history` },
    { method: 'GET', path: `/deals/${deal}/history` },
    { method: 'GET', path: `/tasks/${task}/history` },
  ];
  // Bob's workspace has records of every type too, so a 404 is not just an empty database.
  await ok(wsCall(h, bob, 'POST', '/companies', { name: 'Bobova' }), 201);
});
afterAll(() => h.close());

describe('history across workspaces', () => {
  it('answers 404 to a member of another workspace for every collection', async () => {
    await expectAllNotFound(h, bob, alice, cases);
    // The owner still reads them: one creation each where this module wrote it, none for the inserted rows.
    const lengths = [];
    for (const c of cases) lengths.push((await ok<{ items: unknown[] }>(wsCall(h, alice, 'GET', c.path))).items.length);
    expect(lengths).toEqual([1, 1, 1, 0, 0]);
  });

  it('answers 401 without a session', async () => {
    await expectAllUnauthenticated(h, alice, cases);
  });
});
