import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addMember, caller, snapshot, type Caller } from './crm-support.ts';
import { call, createHarness, errorOf, signUp, type Harness, type SignedUp } from './support.ts';

let h: Harness;
let alice: SignedUp;
let bob: SignedUp;
let a: Caller;
let b: Caller;
let aTask: string;
let aTrashed: string;
let aCompany: string;
let aDeal: string;

beforeAll(async () => {
  h = createHarness();
  alice = await signUp(h.app, { workspaceName: 'Alpha' });
  bob = await signUp(h.app, { workspaceName: 'Beta' });
  a = caller(h, alice);
  b = caller(h, bob);
  aCompany = (await a.ok<{ id: string }>('POST', '/companies', { name: 'Alpha Client' })).id;
  aDeal = (await a.ok<{ id: string }>('POST', '/deals', { title: 'Alpha deal' })).id;
  aTask = (await a.ok<{ id: string }>('POST', '/tasks', { title: 'Alpha secret task', companyId: aCompany, dueAt: '2026-11-27T10:00:00Z' })).id;
  aTrashed = (await a.ok<{ id: string }>('POST', '/tasks', { title: 'Alpha trashed task' })).id;
  expect((await a('DELETE', `/tasks/${aTrashed}`)).status).toBe(204);
  await b.ok('POST', '/tasks', { title: 'Beta task' });
});
afterAll(() => h.close());

async function alphaState(): Promise<string> {
  return (await snapshot(h, alice.workspace.id, 'tasks')) + (await snapshot(h, alice.workspace.id, 'record_history'));
}

/** Every task route, with A's ids filled in. */
const routes = (): [string, string, unknown?][] => [
  ['GET', '/tasks'],
  ['GET', '/tasks/mine'],
  ['GET', `/tasks/${aTask}`],
  ['POST', '/tasks', { title: 'Injected' }],
  ['PATCH', `/tasks/${aTask}`, { title: 'Pwned' }],
  ['DELETE', `/tasks/${aTask}`],
  ['POST', `/tasks/${aTrashed}/restore`],
];

describe('tasks across workspaces', () => {
  it('answers 404 to a user of another workspace on every route under A’s slug, and changes nothing', async () => {
    const before = await alphaState();
    const asBobInAlpha = caller(h, bob, alice.workspace.slug);
    for (const [method, path, body] of routes()) {
      const res = await asBobInAlpha(method, path, body);
      expect(res.status, `${method} ${path}`).toBe(404);
      expect((await errorOf(res)).code).toBe('not_found');
    }
    expect(await alphaState()).toBe(before);
  });

  it('answers 404 to A’s task ids inside B’s own workspace, and changes nothing in A', async () => {
    const before = await alphaState();
    for (const [method, path, body] of routes().filter(([, p]) => p.includes(aTask) || p.includes(aTrashed))) {
      const res = await b(method, path, body);
      expect(res.status, `${method} ${path}`).toBe(404);
      const text = JSON.stringify(await errorOf(res));
      expect(text).not.toContain('Alpha');
    }
    expect(await alphaState()).toBe(before);
  });

  it('does not let B link A’s company or deal, or assign A’s owner', async () => {
    const before = await alphaState();
    const res = await b('POST', '/tasks', { title: 'Steal', companyId: aCompany, dealId: aDeal, assigneeId: alice.user.id });
    expect(res.status).toBe(400);
    expect(Object.keys((await errorOf(res)).fields ?? {}).sort()).toEqual(['assigneeId']);
    const links = await b('POST', '/tasks', { title: 'Steal', companyId: aCompany, dealId: aDeal });
    expect(Object.keys((await errorOf(links)).fields ?? {}).sort()).toEqual(['companyId', 'dealId']);
    expect(await alphaState()).toBe(before);
  });

  it('never lists A’s tasks in B, whatever the filter', async () => {
    for (const q of ['', `?companyId=${aCompany}`, `?assigneeId=${alice.user.id}`, '?deleted=true', `?dealId=${aDeal}`]) {
      const page = await b.ok<{ items: { title: string }[] }>('GET', `/tasks${q}`);
      expect(page.items.every((t) => !t.title.startsWith('Alpha')), q).toBe(true);
    }
    const mine = await b.ok<Record<string, { title: string }[]>>('GET', '/tasks/mine');
    expect(Object.values(mine).flat().map((t) => t.title)).toEqual(['Beta task']);
    expect((await b.ok<{ items: { title: string }[] }>('GET', '/tasks')).items.map((t) => t.title)).toEqual(['Beta task']);
  });

  it('lets a plain member of the workspace work with tasks', async () => {
    const member = await signUp(h.app);
    await addMember(h, alice.workspace.id, member.user.id, 'member');
    const m = caller(h, member, alice.workspace.slug);
    const task = await m.ok<{ id: string; assigneeId: string }>('POST', '/tasks', { title: 'Member task' });
    expect(task.assigneeId).toBe(member.user.id);
    expect((await m('PATCH', `/tasks/${aTask}`, { done: true })).status).toBe(200);
    expect((await m('DELETE', `/tasks/${task.id}`)).status).toBe(204);
  });
});

describe('tasks without a session', () => {
  it('answers 401 on every route and writes nothing', async () => {
    const before = await alphaState();
    for (const [method, path, body] of routes()) {
      const res = await call(h.app, method, `/w/${alice.workspace.slug}${path}`, body);
      expect(res.status, `${method} ${path}`).toBe(401);
      expect((await errorOf(res)).code).toBe('unauthenticated');
    }
    expect(await alphaState()).toBe(before);
  });
});
