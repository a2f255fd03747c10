import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectAllNotFound, expectAllUnauthenticated, ok, tenantClient, wsCall, type RouteCase } from './records-support.ts';
import { createHarness, errorOf, setPlan, signUp, type Harness, type SignedUp } from './support.ts';
import { book, insertProject, proUser, type TimeEntryBody } from './time-support.ts';

let h: Harness;
let alice: SignedUp;
let bob: SignedUp;
let bobProject: string;
let bobEntry: TimeEntryBody;

beforeAll(async () => {
  h = createHarness();
  alice = await proUser(h, { name: 'Alice', workspaceName: 'Alfa' });
  bob = await proUser(h, { name: 'Bob', workspaceName: 'Beta' });
  bobProject = await insertProject(h, bob, { name: 'Bobův tajný projekt' });
  bobEntry = await book(h, bob, { projectId: bobProject, minutes: 45, note: 'Bobova poznámka' });
});
afterAll(() => h.close());

async function bobRows(): Promise<string> {
  const db = await tenantClient(h, bob);
  return JSON.stringify((await db.execute('SELECT * FROM time_entries ORDER BY id')).rows);
}

describe('time entries across workspaces', () => {
  it('answers 404 to another workspace’s entries, through either slug, and changes nothing', async () => {
    const before = await bobRows();
    const cases: RouteCase[] = [
      { method: 'GET', path: `/time-entries/${bobEntry.id}` },
      { method: 'PATCH', path: `/time-entries/${bobEntry.id}`, body: { minutes: 1 } },
      { method: 'DELETE', path: `/time-entries/${bobEntry.id}` },
      { method: 'POST', path: `/time-entries/${bobEntry.id}/restore` },
    ];
    await expectAllNotFound(h, alice, bob, cases);
    expect(await bobRows()).toBe(before);
  });

  it('never books onto or lists another workspace’s project', async () => {
    const res = await wsCall(h, alice, 'POST', '/time-entries', { projectId: bobProject, date: '2026-11-23', minutes: 5 });
    expect(res.status).toBe(400);
    expect(JSON.stringify(await res.json())).not.toContain('tajný');
    const list = await ok<{ items: TimeEntryBody[] }>(wsCall(h, alice, 'GET', `/time-entries?projectId=${bobProject}`));
    expect(list.items).toEqual([]);
    const byUser = await ok<{ items: TimeEntryBody[] }>(wsCall(h, alice, 'GET', `/time-entries?userId=${bob.user.id}`));
    expect(byUser.items).toEqual([]);
  });

  it('answers 401 without a session', async () => {
    await expectAllUnauthenticated(h, bob, [
      { method: 'GET', path: '/time-entries' },
      { method: 'POST', path: '/time-entries', body: { projectId: bobProject, date: '2026-11-23', minutes: 5 } },
      { method: 'GET', path: `/time-entries/${bobEntry.id}` },
    ]);
  });
});

describe('plans', () => {
  it('on free: every write answers 402 plan_required and writes nothing; reads answer 200', async () => {
    const free = await signUp(h.app, { name: 'Franta', workspaceName: 'Zdarma' });
    const p = await insertProject(h, free);
    const writes: [string, string, unknown][] = [
      ['POST', '/time-entries', { projectId: p, date: '2026-11-23', minutes: 5 }],
      ['PATCH', '/time-entries/anything', { minutes: 5 }],
      ['DELETE', '/time-entries/anything', undefined],
      ['POST', '/time-entries/anything/restore', undefined],
    ];
    for (const [method, path, body] of writes) {
      const res = await wsCall(h, free, method, path, body);
      expect(res.status, `${method} ${path}`).toBe(402);
      const err = await errorOf(res);
      expect(err.code).toBe('plan_required');
      expect(err.message).toMatch(/Pro/);
    }
    const db = await tenantClient(h, free);
    expect((await db.execute('SELECT count(*) AS n FROM time_entries')).rows[0]!['n']).toBe(0);
    expect((await ok<{ items: unknown[] }>(wsCall(h, free, 'GET', '/time-entries'))).items).toEqual([]);
  });

  it('after a downgrade the entries stay readable but read-only', async () => {
    const was = await proUser(h, { workspaceName: 'Dříve Pro' });
    const p = await insertProject(h, was);
    const e = await book(h, was, { projectId: p, minutes: 60 });
    await setPlan(h, was.workspace.id, 'free');
    const got = await ok<TimeEntryBody>(wsCall(h, was, 'GET', `/time-entries/${e.id}`));
    expect(got.minutes).toBe(60);
    expect((await ok<{ items: TimeEntryBody[] }>(wsCall(h, was, 'GET', '/time-entries'))).items.map((x) => x.id)).toEqual([e.id]);
    expect((await wsCall(h, was, 'PATCH', `/time-entries/${e.id}`, { minutes: 5 })).status).toBe(402);
    expect((await wsCall(h, was, 'DELETE', `/time-entries/${e.id}`)).status).toBe(402);
    expect((await wsCall(h, was, 'POST', '/time-entries', { projectId: p, date: '2026-11-23', minutes: 5 })).status).toBe(402);
    expect((await ok<TimeEntryBody>(wsCall(h, was, 'GET', `/time-entries/${e.id}`))).version).toBe(1);
    await setPlan(h, was.workspace.id, 'pro');
    expect((await wsCall(h, was, 'PATCH', `/time-entries/${e.id}`, { minutes: 5 })).status).toBe(200);
  });
});
