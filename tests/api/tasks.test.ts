import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addMember, caller, historyOf, type Caller } from './crm-support.ts';
import { logSql } from './sql-log.ts';
import { createHarness, signUp, type Harness, type SignedUp } from './support.ts';

interface Task {
  id: string;
  title: string;
  dueAt: string | null;
  done: boolean;
  assigneeId: string | null;
  companyId: string | null;
  contactId: string | null;
  dealId: string | null;
  projectId: string | null;
  status: string | null;
  position: string | null;
  estimateMinutes: number | null;
  companyName: string | null;
  contactName: string | null;
  dealTitle: string | null;
  createdAt: string;
  updatedAt: string;
  deletedAt: string | null;
  version: number;
}
interface Page {
  items: Task[];
  nextCursor: string | null;
}
interface Mine {
  overdue: Task[];
  today: Task[];
  upcoming: Task[];
}

// 2026-11-27 is a Friday in winter time: Prague is UTC+1.
const START = Date.parse('2026-11-27T10:00:00.000Z');

let h: Harness;
let alice: SignedUp;
let bob: SignedUp;
let a: Caller;

beforeAll(async () => {
  h = createHarness({ startAt: START });
  alice = await signUp(h.app, { name: 'Alice' });
  bob = await signUp(h.app, { name: 'Bob' });
  await addMember(h, alice.workspace.id, bob.user.id, 'member');
  a = caller(h, alice);
});
afterAll(() => h.close());

describe('task CRUD', () => {
  it('creates a task with defaults: open, assigned to the caller, no due date', async () => {
    const res = await a('POST', '/tasks', { title: '  Call back Dvořák  ' });
    expect(res.status).toBe(201);
    const task = (await res.json()) as Task;
    expect(task).toMatchObject({
      title: 'Call back Dvořák',
      dueAt: null,
      done: false,
      assigneeId: alice.user.id,
      companyId: null,
      projectId: null,
      estimateMinutes: null,
      deletedAt: null,
      version: 1,
    });
    expect(res.headers.get('etag')).toBe('"1"');
    expect(task.createdAt).toBe(new Date(START).toISOString());
    const got = await a('GET', `/tasks/${task.id}`);
    expect(got.status).toBe(200);
    expect(got.headers.get('etag')).toBe('"1"');
    expect(await got.json()).toEqual(task);
  });

  it('links a company, contact and deal of the workspace and shows their names', async () => {
    const company = await a.ok<{ id: string }>('POST', '/companies', { name: 'Žlutý kůň s.r.o.' });
    const deal = await a.ok<{ id: string }>('POST', '/deals', { title: 'Website rebuild', companyId: company.id });
    const task = await a.ok<Task>('POST', '/tasks', {
      title: 'Send the offer',
      dueAt: '2026-11-30T09:00:00+01:00',
      companyId: company.id,
      dealId: deal.id,
      assigneeId: bob.user.id,
      status: 'todo',
      position: 'a0',
      estimateMinutes: 90,
    });
    expect(task).toMatchObject({
      dueAt: '2026-11-30T08:00:00.000Z',
      companyId: company.id,
      companyName: 'Žlutý kůň s.r.o.',
      dealId: deal.id,
      dealTitle: 'Website rebuild',
      contactName: null,
      assigneeId: bob.user.id,
      projectId: null,
      status: 'todo',
      position: 'a0',
      estimateMinutes: 90,
    });
    const listed = await a.ok<Page>('GET', `/tasks?companyId=${company.id}`);
    expect(listed.items.map((t) => [t.id, t.companyName, t.dealTitle])).toEqual([[task.id, 'Žlutý kůň s.r.o.', 'Website rebuild']]);
  });

  it('patches fields, bumps the version and records only what changed in the history', async () => {
    const task = await a.ok<Task>('POST', '/tasks', { title: 'Draft', dueAt: '2026-12-01T10:00:00Z' });
    h.clock.advance(1000);
    const res = await a('PATCH', `/tasks/${task.id}`, { title: 'Final', done: true, dueAt: null }, { 'If-Match': '"1"' });
    expect(res.status).toBe(200);
    expect(res.headers.get('etag')).toBe('"2"');
    const patched = (await res.json()) as Task;
    expect(patched).toMatchObject({ title: 'Final', done: true, dueAt: null, version: 2 });
    expect(Date.parse(patched.updatedAt)).toBe(h.clock.ms);
    // The same values again: nothing to write, version unchanged.
    const same = await a.ok<Task>('PATCH', `/tasks/${task.id}`, { title: 'Final' });
    expect(same.version).toBe(2);
    const history = await historyOf(h, alice.workspace.id, 'task', task.id);
    expect(history.map((r) => r.action)).toEqual(['create', 'update']);
    expect(history[0]!.changes['title']).toEqual([null, 'Draft']);
    expect(history[1]!.changes).toEqual({ title: ['Draft', 'Final'], done: [false, true], dueAt: ['2026-12-01T10:00:00.000Z', null] });
    expect(history[1]!.actorId).toBe(alice.user.id);
  });

  it('trashes and restores a task, each with a history row; the trash lists it meanwhile', async () => {
    const task = await a.ok<Task>('POST', '/tasks', { title: 'To the bin' });
    expect((await a('DELETE', `/tasks/${task.id}`, undefined, { 'If-Match': '"1"' })).status).toBe(204);
    expect((await a('GET', `/tasks/${task.id}`)).status).toBe(404);
    expect((await a('PATCH', `/tasks/${task.id}`, { title: 'x' })).status).toBe(404);
    expect((await a('DELETE', `/tasks/${task.id}`)).status).toBe(404);
    const trash = await a.ok<Page>('GET', '/tasks?deleted=true&sort=-updatedAt');
    expect(trash.items.map((t) => t.id)).toContain(task.id);
    expect(trash.items.find((t) => t.id === task.id)!.deletedAt).not.toBeNull();
    const live = await a.ok<Page>('GET', '/tasks?limit=200');
    expect(live.items.map((t) => t.id)).not.toContain(task.id);
    const restored = await a.ok<Task>('POST', `/tasks/${task.id}/restore`, undefined, 200);
    expect(restored).toMatchObject({ deletedAt: null, version: 3 });
    expect((await a('POST', `/tasks/${task.id}/restore`)).status).toBe(404);
    expect((await historyOf(h, alice.workspace.id, 'task', task.id)).map((r) => r.action)).toEqual(['create', 'delete', 'restore']);
  });

  it('lets a task keep a link to a company that went to the trash while other fields change', async () => {
    const company = await a.ok<{ id: string }>('POST', '/companies', { name: 'Gone Soon' });
    const task = await a.ok<Task>('POST', '/tasks', { title: 'Follow up', companyId: company.id });
    expect((await a('DELETE', `/companies/${company.id}`)).status).toBe(204);
    const patched = await a.ok<Task>('PATCH', `/tasks/${task.id}`, { title: 'Follow up (company gone)' });
    expect(patched.companyId).toBe(company.id);
    expect(patched.companyName).toBe('Gone Soon');
  });
});

describe('task lists: keyset pages', () => {
  let h2: Harness;
  let owner: SignedUp;
  let o: Caller;
  const all: Task[] = [];

  /** Follows nextCursor to the end; fails on any repeat. */
  async function walk(query: string, limit: number): Promise<Task[]> {
    const out: Task[] = [];
    let cursor: string | null = null;
    for (let i = 0; i < 100; i++) {
      const page: Page = await o.ok<Page>('GET', `/tasks?${query}&limit=${limit}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
      expect(page.items.length).toBeLessThanOrEqual(limit);
      out.push(...page.items);
      cursor = page.nextCursor;
      if (!cursor) break;
    }
    expect(new Set(out.map((t) => t.id)).size).toBe(out.length);
    return out;
  }

  const NULL_DUE = Number.POSITIVE_INFINITY;
  const dueKey = (t: Task) => (t.dueAt === null ? NULL_DUE : Date.parse(t.dueAt));
  const byKey = (key: (t: Task) => number) => (x: Task, y: Task) => key(x) - key(y) || (x.id < y.id ? -1 : x.id > y.id ? 1 : 0);

  beforeAll(async () => {
    h2 = createHarness({ startAt: START });
    owner = await signUp(h2.app);
    o = caller(h2, owner);
    // Duplicate due dates (ties broken by id), nulls in between, done and open, several clocks.
    const dues = ['2026-12-01T09:00:00Z', null, '2026-11-20T08:00:00Z', '2026-12-01T09:00:00Z', null, '2027-01-05T00:00:00Z'];
    for (let i = 0; i < 23; i++) {
      if (i % 5 === 0) h2.clock.advance(60_000);
      all.push(await o.ok<Task>('POST', '/tasks', { title: `Task ${i}`, dueAt: dues[i % dues.length], done: i % 4 === 1 }));
    }
    // Some updates so updatedAt differs from creation order.
    for (const t of all.filter((_, i) => i % 3 === 0)) {
      h2.clock.advance(1000);
      const updated = await o.ok<Task>('PATCH', `/tasks/${t.id}`, { title: `${t.title}!` });
      all[all.indexOf(t)] = updated;
    }
  });
  afterAll(() => h2.close());

  it('pages by dueAt with undated tasks last, never repeating or skipping, at every page size', async () => {
    const expected = [...all].sort(byKey(dueKey)).map((t) => t.id);
    for (const limit of [1, 2, 3, 7, 50]) expect((await walk('sort=dueAt', limit)).map((t) => t.id)).toEqual(expected);
    expect((await walk('sort=-dueAt', 4)).map((t) => t.id)).toEqual([...expected].reverse());
  });

  it('pages by dueAt within done and open tasks, and within a due range', async () => {
    for (const done of [true, false]) {
      const expected = all.filter((t) => t.done === done).sort(byKey(dueKey)).map((t) => t.id);
      expect((await walk(`sort=dueAt&done=${done}`, 3)).map((t) => t.id)).toEqual(expected);
      expect((await walk(`sort=-dueAt&done=${done}`, 3)).map((t) => t.id)).toEqual([...expected].reverse());
    }
    const from = Date.parse('2026-11-21T00:00:00Z');
    const to = Date.parse('2027-01-05T00:00:00Z');
    const inRange = all.filter((t) => t.dueAt !== null && dueKey(t) >= from && dueKey(t) < to).sort(byKey(dueKey));
    expect(inRange.length).toBeGreaterThan(3);
    expect((await walk('sort=dueAt&dueFrom=2026-11-21T00:00:00Z&dueTo=2027-01-05T00:00:00Z', 2)).map((t) => t.id)).toEqual(inRange.map((t) => t.id));
  });

  it('pages by updatedAt and createdAt both ways', async () => {
    const upd = [...all].sort(byKey((t) => Date.parse(t.updatedAt))).map((t) => t.id);
    expect((await walk('sort=updatedAt', 4)).map((t) => t.id)).toEqual(upd);
    expect((await walk('sort=-updatedAt', 5)).map((t) => t.id)).toEqual([...upd].reverse());
    const created = [...all].sort(byKey((t) => Date.parse(t.createdAt))).map((t) => t.id);
    expect((await walk('sort=createdAt', 6)).map((t) => t.id)).toEqual(created);
    expect((await walk('sort=-createdAt', 6)).map((t) => t.id)).toEqual([...created].reverse());
  });

  it('keeps its place when tasks are added during paging', async () => {
    const first = await o.ok<Page>('GET', '/tasks?sort=dueAt&limit=5');
    // New tasks before and after the cursor: the next pages continue after the last row seen.
    const early = await o.ok<Task>('POST', '/tasks', { title: 'Early bird', dueAt: '2020-01-01T00:00:00Z' });
    const late = await o.ok<Task>('POST', '/tasks', { title: 'Latecomer', dueAt: null });
    let cursor = first.nextCursor;
    const rest: Task[] = [];
    while (cursor) {
      const page: Page = await o.ok<Page>('GET', `/tasks?sort=dueAt&limit=5&cursor=${encodeURIComponent(cursor)}`);
      rest.push(...page.items);
      cursor = page.nextCursor;
    }
    const seen = [...first.items, ...rest].map((t) => t.id);
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen).toContain(late.id);
    expect(seen).not.toContain(early.id);
    expect(seen.length).toBe(all.length + 1);
  });

  it('filters by assignee (also `me`), company, contact, deal, done and updatedSince', async () => {
    const company = await o.ok<{ id: string }>('POST', '/companies', { name: 'Filter Co' });
    const contact = await o.ok<{ id: string }>('POST', '/contacts', { firstName: 'Jan', lastName: 'Svoboda', companyId: company.id });
    const deal = await o.ok<{ id: string }>('POST', '/deals', { title: 'Filter deal' });
    const member = await signUp(h2.app);
    await addMember(h2, owner.workspace.id, member.user.id, 'member');
    const t1 = await o.ok<Task>('POST', '/tasks', { title: 'c', companyId: company.id, contactId: contact.id });
    const t2 = await o.ok<Task>('POST', '/tasks', { title: 'd', dealId: deal.id, assigneeId: member.user.id });
    const ids = async (q: string) => (await walk(q, 200)).map((t) => t.id);
    expect(await ids(`companyId=${company.id}`)).toEqual([t1.id]);
    expect(await ids(`contactId=${contact.id}`)).toEqual([t1.id]);
    expect(await ids(`dealId=${deal.id}`)).toEqual([t2.id]);
    expect(await ids(`assigneeId=${member.user.id}`)).toEqual([t2.id]);
    const mine = await ids('assigneeId=me');
    expect(mine).toContain(t1.id);
    expect(mine).not.toContain(t2.id);
    // The member's own `me` is the member.
    expect((await caller(h2, member, owner.workspace.slug).ok<Page>('GET', '/tasks?assigneeId=me')).items.map((t) => t.id)).toEqual([t2.id]);
    expect((await ids('done=true')).every((id) => all.find((t) => t.id === id)?.done === true)).toBe(true);
    h2.clock.advance(5000);
    const since = new Date(h2.clock.ms).toISOString();
    const touched = await o.ok<Task>('PATCH', `/tasks/${t2.id}`, { title: 'd2' });
    expect(await ids(`updatedSince=${since}`)).toEqual([touched.id]);
  });

  it('answers each list in one SQL statement that walks an index (no sort of the whole table)', async () => {
    const log = await logSql(h2, owner.workspace.id);
    const queries = [
      'sort=dueAt',
      'sort=-dueAt',
      'sort=dueAt&done=false',
      `sort=dueAt&assigneeId=${owner.user.id}`,
      'sort=dueAt&companyId=x',
      'sort=dueAt&dealId=x&done=true',
      'sort=dueAt&contactId=x',
      'sort=dueAt&dueFrom=2026-11-21T00:00:00Z',
      'sort=updatedAt',
      'sort=-updatedAt',
      'sort=createdAt',
      'sort=-createdAt',
    ];
    for (const q of queries) {
      const first = await o.ok<Page>('GET', `/tasks?${q}&limit=2`);
      for (const cursor of [undefined, first.nextCursor ?? undefined]) {
        log.clear();
        await o.ok<Page>('GET', `/tasks?${q}&limit=2${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
        expect(log.statements.length, q).toBe(1);
        const plan = (await log.plans())[0]!.plan;
        const tableLines = plan.split('\n').filter((l) => /^(SCAN|SEARCH) tasks\b/.test(l));
        expect(tableLines.length, `${q}\n${plan}`).toBeGreaterThan(0);
        for (const line of tableLines) expect(line, `${q}\n${plan}`).toMatch(/USING (COVERING )?INDEX|USING INTEGER PRIMARY KEY/);
        // The only sort allowed is the merge of a page's few branch rows, after the LIMITed scans.
        const sorted = plan.split('\n').filter((l) => l.includes('TEMP B-TREE'));
        expect(sorted.length, `${q}\n${plan}`).toBeLessThanOrEqual(1);
        if (sorted.length) expect(plan.split('\n').at(-1), `${q}\n${plan}`).toContain('TEMP B-TREE');
      }
    }
  });
});

describe('my tasks', () => {
  let h3: Harness;
  let me: SignedUp;
  let m: Caller;
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    // One second before midnight in Prague (23:59:59 CET = 22:59:59 UTC).
    h3 = createHarness({ startAt: Date.parse('2026-11-27T22:59:59.000Z') });
    me = await signUp(h3.app);
    m = caller(h3, me);
    const other = await signUp(h3.app);
    await addMember(h3, me.workspace.id, other.user.id, 'member');
    const make = async (key: string, body: Record<string, unknown>) => {
      ids[key] = (await m.ok<Task>('POST', '/tasks', { title: key, ...body })).id;
    };
    await make('yesterday-last-second', { dueAt: '2026-11-26T22:59:59.999Z' }); // 26. 11. 23:59:59.999 Prague
    await make('long-overdue', { dueAt: '2026-10-01T10:00:00Z' });
    await make('today-first-instant', { dueAt: '2026-11-26T23:00:00.000Z' }); // 27. 11. 00:00 Prague
    await make('today-noon', { dueAt: '2026-11-27T11:00:00Z' });
    await make('today-last-instant', { dueAt: '2026-11-27T22:59:59.999Z' });
    await make('tomorrow-midnight', { dueAt: '2026-11-27T23:00:00.000Z' }); // 28. 11. 00:00 Prague
    await make('next-year', { dueAt: '2027-01-10T09:00:00Z' });
    await make('undated', {});
    await make('done-today', { dueAt: '2026-11-27T11:00:00Z', done: true });
    await make('someone-else', { dueAt: '2026-11-27T11:00:00Z', assigneeId: other.user.id });
    await make('trashed', { dueAt: '2026-11-27T11:00:00Z' });
    expect((await m('DELETE', `/tasks/${ids['trashed']}`)).status).toBe(204);
  });
  afterAll(() => h3.close());

  const titles = (tasks: Task[]) => tasks.map((t) => t.title);

  it('buckets open tasks by the calendar day in Prague, earliest first, undated last', async () => {
    const mine = await m.ok<Mine>('GET', '/tasks/mine');
    expect(titles(mine.overdue)).toEqual(['long-overdue', 'yesterday-last-second']);
    expect(titles(mine.today)).toEqual(['today-first-instant', 'today-noon', 'today-last-instant']);
    expect(titles(mine.upcoming)).toEqual(['tomorrow-midnight', 'next-year', 'undated']);
    expect(await m.ok<Mine>('GET', '/tasks/mine?tz=Europe/Prague')).toEqual(mine);
  });

  it('moves the buckets on at midnight', async () => {
    h3.clock.advance(1000); // 28. 11. 00:00:00 in Prague
    const mine = await m.ok<Mine>('GET', '/tasks/mine');
    expect(titles(mine.overdue)).toEqual(['long-overdue', 'yesterday-last-second', 'today-first-instant', 'today-noon', 'today-last-instant']);
    expect(titles(mine.today)).toEqual(['tomorrow-midnight']);
    expect(titles(mine.upcoming)).toEqual(['next-year', 'undated']);
    h3.clock.advance(-1000);
  });

  it('uses the given time zone for "today"', async () => {
    // 22:59:59 UTC: still the 27th in UTC (the Prague midnight instants are 23:00 of the day before).
    const utc = await m.ok<Mine>('GET', '/tasks/mine?tz=UTC');
    expect(titles(utc.overdue)).toEqual(['long-overdue', 'yesterday-last-second', 'today-first-instant']);
    expect(titles(utc.today)).toEqual(['today-noon', 'today-last-instant', 'tomorrow-midnight']);
    // Already 07:59:59 on the 28th in Tokyo (UTC+9): its today runs 15:00Z on the 27th to 15:00Z on the 28th.
    const tokyo = await m.ok<Mine>('GET', `/tasks/mine?tz=${encodeURIComponent('Asia/Tokyo')}`);
    expect(titles(tokyo.overdue)).toEqual(['long-overdue', 'yesterday-last-second', 'today-first-instant', 'today-noon']);
    expect(titles(tokyo.today)).toEqual(['today-last-instant', 'tomorrow-midnight']);
    expect(titles(tokyo.upcoming)).toEqual(['next-year', 'undated']);
  });

  it('follows summer time (CEST, UTC+2)', async () => {
    const summer = createHarness({ startAt: Date.parse('2026-07-01T21:59:59.000Z') }); // 23:59:59 CEST
    try {
      const user = await signUp(summer.app);
      const s = caller(summer, user);
      await s.ok<Task>('POST', '/tasks', { title: 'today-end', dueAt: '2026-07-01T21:59:59.999Z' });
      await s.ok<Task>('POST', '/tasks', { title: 'tomorrow-start', dueAt: '2026-07-01T22:00:00.000Z' });
      await s.ok<Task>('POST', '/tasks', { title: 'today-start', dueAt: '2026-06-30T22:00:00.000Z' });
      await s.ok<Task>('POST', '/tasks', { title: 'yesterday-end', dueAt: '2026-06-30T21:59:59.999Z' });
      const mine = await s.ok<Mine>('GET', '/tasks/mine');
      expect(titles(mine.overdue)).toEqual(['yesterday-end']);
      expect(titles(mine.today)).toEqual(['today-start', 'today-end']);
      expect(titles(mine.upcoming)).toEqual(['tomorrow-start']);
    } finally {
      summer.close();
    }
  });

  it('leaves out finished, trashed and other people’s tasks, and drops a task once done', async () => {
    const all = Object.values(await m.ok<Mine>('GET', '/tasks/mine')).flat() as Task[];
    for (const hidden of ['done-today', 'someone-else', 'trashed']) expect(titles(all)).not.toContain(hidden);
    expect(all.every((t) => t.assigneeId === me.user.id && !t.done)).toBe(true);
    await m.ok<Task>('PATCH', `/tasks/${ids['today-noon']}`, { done: true });
    expect(titles((await m.ok<Mine>('GET', '/tasks/mine')).today)).toEqual(['today-first-instant', 'today-last-instant']);
    await m.ok<Task>('PATCH', `/tasks/${ids['today-noon']}`, { done: false });
  });

  it('answers in one statement of indexed range scans and caps each bucket at 100', async () => {
    const log = await logSql(h3, me.workspace.id);
    log.clear();
    await m.ok<Mine>('GET', '/tasks/mine');
    expect(log.statements.length).toBe(1);
    const plan = (await log.plans())[0]!.plan;
    const lines = plan.split('\n').filter((l) => /^(SCAN|SEARCH) tasks\b/.test(l));
    expect(lines).toHaveLength(4);
    for (const l of lines) expect(l).toContain('USING INDEX tasks_assignee_idx (assignee_id=? AND deleted_at=? AND done=?');
    for (let i = 0; i < 105; i++) await m.ok<Task>('POST', '/tasks', { title: `bulk ${i}`, dueAt: '2026-11-27T12:00:00Z' });
    const mine = await m.ok<Mine>('GET', '/tasks/mine');
    expect(mine.today).toHaveLength(100);
    expect(mine.overdue).toHaveLength(2);
  });
});
