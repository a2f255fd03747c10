import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addMember } from './imports-support.ts';
import { ok, wsCall } from './records-support.ts';
import { createHarness, type Harness, type SignedUp } from './support.ts';
import { book, insertProject, insertProjectTask, proUser, setRates, type TimeEntryBody } from './time-support.ts';

let h: Harness;
let owner: SignedUp;
let member: SignedUp;
let project: string;
let ratedProject: string;
let task: string;

beforeAll(async () => {
  h = createHarness();
  owner = await proUser(h, { name: 'Olga Vlastníková' });
  member = await proUser(h, { name: 'Marek Člen', workspaceName: 'Marek' });
  await addMember(h, owner, member, 'member');
  member = { ...member, workspace: owner.workspace };
  // Owner: costs 500 Kč/h, bills 1 200 Kč/h; the member costs 350,50 Kč/h and bills 900 Kč/h.
  await setRates(h, owner, owner.user.id, { costRate: 50_000, billRate: 120_000 });
  await setRates(h, owner, member.user.id, { costRate: 35_050, billRate: 90_000 });
  project = await insertProject(h, owner, { name: 'E-shop Pekárna' });
  ratedProject = await insertProject(h, owner, { name: 'Audit', hourlyRate: 150_000 });
  task = await insertProjectTask(h, owner, project, 'Košík');
});
afterAll(() => h.close());

describe('POST /w/:ws/time-entries', () => {
  it('books the caller’s time, valued at the member’s billRate and costRate when the project has no rate', async () => {
    const e = await book(h, owner, { projectId: project, taskId: task, date: '2026-11-23', minutes: 90, note: 'Košík a platby' });
    expect(e).toMatchObject({
      projectId: project,
      projectName: 'E-shop Pekárna',
      taskId: task,
      taskTitle: 'Košík',
      userId: owner.user.id,
      date: '2026-11-23',
      week: '2026-W48',
      minutes: 90,
      billable: true,
      hourlyRate: { amount: 120_000, currency: 'CZK' },
      costRate: { amount: 50_000, currency: 'CZK' },
      // 90 min × 1 200 Kč/h = 1 800 Kč; × 500 Kč/h = 750 Kč.
      revenue: { amount: 180_000, currency: 'CZK' },
      cost: { amount: 75_000, currency: 'CZK' },
      note: 'Košík a platby',
      version: 1,
      deletedAt: null,
    });
  });

  it('prefers the project’s rate to the member’s, and the entry’s own to both', async () => {
    const byProject = await book(h, owner, { projectId: ratedProject, minutes: 30 });
    expect(byProject.hourlyRate).toEqual({ amount: 150_000, currency: 'CZK' });
    expect(byProject.revenue.amount).toBe(75_000);
    const own = await book(h, owner, { projectId: ratedProject, minutes: 30, hourlyRate: { amount: 99_900, currency: 'CZK' } });
    expect(own.hourlyRate).toEqual({ amount: 99_900, currency: 'CZK' });
    expect(own.revenue.amount).toBe(49_950);
    // The cost rate is always the member's.
    expect(own.cost.amount).toBe(25_000);
  });

  it('rounds each entry half-up to a whole haléř', async () => {
    // 7 min × 350,50 Kč/h = 40,891 666… Kč → 40,89 Kč; 1 min × 900 Kč/h = 15 Kč exactly.
    const e = await book(h, member, { projectId: project, minutes: 7 });
    expect(e.cost.amount).toBe(4_089);
    expect(e.revenue.amount).toBe(10_500);
    // 1 min at 0,01 Kč/h: 0.0166… haléře → 0; 30 min at 0,01 Kč/h: 0.5 → 1 (half-up).
    expect((await book(h, owner, { projectId: project, minutes: 1, hourlyRate: { amount: 1, currency: 'CZK' } })).revenue.amount).toBe(0);
    expect((await book(h, owner, { projectId: project, minutes: 30, hourlyRate: { amount: 1, currency: 'CZK' } })).revenue.amount).toBe(1);
    expect((await book(h, owner, { projectId: project, minutes: 29, hourlyRate: { amount: 1, currency: 'CZK' } })).revenue.amount).toBe(0);
  });

  it('earns nothing for non-billable time, which still costs', async () => {
    const e = await book(h, owner, { projectId: project, minutes: 45, billable: false });
    expect(e.billable).toBe(false);
    expect(e.hourlyRate).toEqual({ amount: 120_000, currency: 'CZK' });
    expect(e.revenue.amount).toBe(0);
    expect(e.cost.amount).toBe(37_500);
  });

  it('snapshots the rates: a later rate change does not rewrite booked entries', async () => {
    const e = await book(h, member, { projectId: project, minutes: 60 });
    await setRates(h, owner, member.user.id, { costRate: 99_999, billRate: 99_999 });
    const again = await ok<TimeEntryBody>(wsCall(h, member, 'GET', `/time-entries/${e.id}`));
    expect(again.cost.amount).toBe(35_050);
    expect(again.revenue.amount).toBe(90_000);
    await setRates(h, owner, member.user.id, { costRate: 35_050, billRate: 90_000 });
  });

  it('lets an owner book for a member, but a member only for themself', async () => {
    const forMember = await book(h, owner, { projectId: project, userId: member.user.id, minutes: 10 });
    expect(forMember.userId).toBe(member.user.id);
    expect(forMember.costRate?.amount).toBe(35_050);
    const res = await wsCall(h, member, 'POST', '/time-entries', { projectId: project, userId: owner.user.id, date: '2026-11-23', minutes: 10 });
    expect(res.status).toBe(403);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe('forbidden');
  });

  it('values time at zero without any rate', async () => {
    const bare = await proUser(h, { workspaceName: 'Bez sazeb' });
    const p = await insertProject(h, bare);
    const e = await book(h, bare, { projectId: p, minutes: 120 });
    expect(e.hourlyRate).toBeNull();
    expect(e.costRate).toBeNull();
    expect(e.revenue).toEqual({ amount: 0, currency: 'CZK' });
    expect(e.cost).toEqual({ amount: 0, currency: 'CZK' });
  });
});

describe('GET /w/:ws/time-entries', () => {
  it('lists the caller’s own entries by default, a project’s entries for everyone, newest day first, in keyset pages', async () => {
    const ws = await proUser(h, { workspaceName: 'Seznam' });
    const colleague = await proUser(h, { workspaceName: 'Kolega' });
    await addMember(h, ws, colleague, 'member');
    const mate = { ...colleague, workspace: ws.workspace };
    const p = await insertProject(h, ws);
    const other = await insertProject(h, ws, { name: 'Jiný' });
    for (const date of ['2026-11-20', '2026-11-22', '2026-11-21']) await book(h, ws, { projectId: p, date });
    await book(h, ws, { projectId: other, date: '2026-11-25' });
    await book(h, mate, { projectId: p, date: '2026-11-24' });

    const mine = await ok<{ items: TimeEntryBody[] }>(wsCall(h, ws, 'GET', '/time-entries'));
    expect(mine.items.map((e) => e.date)).toEqual(['2026-11-25', '2026-11-22', '2026-11-21', '2026-11-20']);
    const ofProject = await ok<{ items: TimeEntryBody[] }>(wsCall(h, ws, 'GET', `/time-entries?projectId=${p}`));
    expect(ofProject.items.map((e) => e.date)).toEqual(['2026-11-24', '2026-11-22', '2026-11-21', '2026-11-20']);
    const ofMate = await ok<{ items: TimeEntryBody[] }>(wsCall(h, ws, 'GET', `/time-entries?userId=${mate.user.id}`));
    expect(ofMate.items.map((e) => e.userId)).toEqual([mate.user.id]);
    const range = await ok<{ items: TimeEntryBody[] }>(wsCall(h, ws, 'GET', `/time-entries?projectId=${p}&dateFrom=2026-11-21&dateTo=2026-11-22&sort=date`));
    expect(range.items.map((e) => e.date)).toEqual(['2026-11-21', '2026-11-22']);

    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const q: string = cursor ? `&cursor=${cursor}` : '';
      const pg: { items: TimeEntryBody[]; nextCursor: string | null } = await ok(wsCall(h, ws, 'GET', `/time-entries?projectId=${p}&limit=2${q}`));
      expect(pg.items.length).toBeLessThanOrEqual(2);
      seen.push(...pg.items.map((e) => e.date));
      cursor = pg.nextCursor;
    } while (cursor);
    expect(seen).toEqual(['2026-11-24', '2026-11-22', '2026-11-21', '2026-11-20']);
  });

  it('filters by task', async () => {
    const e = await book(h, owner, { projectId: project, taskId: task, minutes: 5, date: '2026-10-01' });
    const res = await ok<{ items: TimeEntryBody[] }>(wsCall(h, owner, 'GET', `/time-entries?taskId=${task}&dateTo=2026-10-01`));
    expect(res.items.map((x) => x.id)).toEqual([e.id]);
  });
});

describe('PATCH, DELETE and restore', () => {
  it('recomputes money when minutes or billable change, and re-resolves the rate on another project', async () => {
    const e = await book(h, owner, { projectId: project, minutes: 60 });
    const longer = await ok<TimeEntryBody>(wsCall(h, owner, 'PATCH', `/time-entries/${e.id}`, { minutes: 150, billable: false }));
    expect(longer).toMatchObject({ minutes: 150, billable: false, version: 2, revenue: { amount: 0 }, cost: { amount: 125_000 } });
    const moved = await ok<TimeEntryBody>(wsCall(h, owner, 'PATCH', `/time-entries/${e.id}`, { projectId: ratedProject, billable: true }));
    expect(moved.hourlyRate?.amount).toBe(150_000);
    expect(moved.revenue.amount).toBe(375_000);
    const explicit = await ok<TimeEntryBody>(wsCall(h, owner, 'PATCH', `/time-entries/${e.id}`, { hourlyRate: { amount: 100_000, currency: 'CZK' } }));
    expect(explicit.revenue.amount).toBe(250_000);
    const back = await ok<TimeEntryBody>(wsCall(h, owner, 'PATCH', `/time-entries/${e.id}`, { hourlyRate: null, date: '2026-12-31' }));
    expect(back.hourlyRate?.amount).toBe(150_000);
    expect(back.week).toBe('2026-W53');
  });

  it('moves an entry to the trash and back, and keeps members off others’ entries', async () => {
    const e = await book(h, owner, { projectId: project, minutes: 15 });
    expect((await wsCall(h, member, 'PATCH', `/time-entries/${e.id}`, { minutes: 1 })).status).toBe(403);
    expect((await wsCall(h, member, 'DELETE', `/time-entries/${e.id}`)).status).toBe(403);
    expect((await wsCall(h, owner, 'DELETE', `/time-entries/${e.id}`)).status).toBe(204);
    expect((await wsCall(h, owner, 'GET', `/time-entries/${e.id}`)).status).toBe(404);
    const listed = await ok<{ items: TimeEntryBody[] }>(wsCall(h, owner, 'GET', `/time-entries?projectId=${project}&limit=200`));
    expect(listed.items.some((x) => x.id === e.id)).toBe(false);
    const restored = await ok<TimeEntryBody>(wsCall(h, owner, 'POST', `/time-entries/${e.id}/restore`));
    expect(restored).toMatchObject({ id: e.id, deletedAt: null, minutes: 15 });
    expect((await wsCall(h, owner, 'POST', `/time-entries/${e.id}/restore`)).status).toBe(404);
  });

  it('lets a member change their own entry, and an admin anyone’s', async () => {
    const e = await book(h, member, { projectId: project, minutes: 20 });
    expect((await ok<TimeEntryBody>(wsCall(h, member, 'PATCH', `/time-entries/${e.id}`, { note: 'Upraveno' }))).note).toBe('Upraveno');
    const admin = await proUser(h, { workspaceName: 'Admin' });
    await addMember(h, owner, admin, 'admin');
    const asAdmin = { ...admin, workspace: owner.workspace };
    expect((await ok<TimeEntryBody>(wsCall(h, asAdmin, 'PATCH', `/time-entries/${e.id}`, { minutes: 25 }))).minutes).toBe(25);
  });

  it('lets an admin correct a former member’s entry, keeping its cost rate; a new person must still be a member', async () => {
    const leaver = await proUser(h, { name: 'Lenka Odchozí', workspaceName: 'Lenka' });
    await addMember(h, owner, leaver, 'member');
    await setRates(h, owner, leaver.user.id, { costRate: 40_000, billRate: 80_000 });
    const e = await book(h, { ...leaver, workspace: owner.workspace }, { projectId: project, minutes: 60 });
    expect(e.cost.amount).toBe(40_000);
    expect((await wsCall(h, owner, 'DELETE', `/members/${leaver.user.id}`)).status).toBe(204);

    const fixed = await ok<TimeEntryBody>(wsCall(h, owner, 'PATCH', `/time-entries/${e.id}`, { minutes: 90, note: 'Opraveno' }));
    expect(fixed).toMatchObject({ userId: leaver.user.id, minutes: 90, note: 'Opraveno', cost: { amount: 60_000 }, revenue: { amount: 120_000 } });
    // Another project: billed at that project's rate; the cost still follows the (gone) person.
    const moved = await ok<TimeEntryBody>(wsCall(h, owner, 'PATCH', `/time-entries/${e.id}`, { projectId: ratedProject }));
    expect(moved.hourlyRate?.amount).toBe(150_000);
    expect(moved.cost.amount).toBe(60_000);
    // Handing it to someone who is not a member is still refused, and changes nothing.
    const outsider = await proUser(h, { workspaceName: 'Cizí' });
    const refused = await wsCall(h, owner, 'PATCH', `/time-entries/${e.id}`, { userId: outsider.user.id });
    expect(refused.status).toBe(400);
    expect((await ok<TimeEntryBody>(wsCall(h, owner, 'GET', `/time-entries/${e.id}`))).userId).toBe(leaver.user.id);
  });

  it('answers 409 to a stale If-Match and writes nothing', async () => {
    const e = await book(h, owner, { projectId: project, minutes: 15 });
    await ok(wsCall(h, owner, 'PATCH', `/time-entries/${e.id}`, { minutes: 16 }, { headers: { 'If-Match': '"1"' } }));
    const stale = await wsCall(h, owner, 'PATCH', `/time-entries/${e.id}`, { minutes: 99 }, { headers: { 'If-Match': '"1"' } });
    expect(stale.status).toBe(409);
    expect((await wsCall(h, owner, 'DELETE', `/time-entries/${e.id}`, undefined, { headers: { 'If-Match': '"1"' } })).status).toBe(409);
    const now = await ok<TimeEntryBody>(wsCall(h, owner, 'GET', `/time-entries/${e.id}`));
    expect(now.minutes).toBe(16);
  });

  it('sends the version as ETag', async () => {
    const e = await book(h, owner, { projectId: project, minutes: 15 });
    const res = await wsCall(h, owner, 'GET', `/time-entries/${e.id}`);
    expect(res.headers.get('etag')).toBe('"1"');
  });
});
