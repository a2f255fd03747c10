import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addMember } from './imports-support.ts';
import { ok, wsCall } from './records-support.ts';
import { createHarness, errorOf, setPlan, signUp, type Harness, type SignedUp } from './support.ts';
import { book, insertProject, insertProjectTask, proUser, setRates, type TimeEntryBody } from './time-support.ts';

interface Sheet {
  week: string;
  userId: string;
  days: string[];
  rows: { projectId: string; projectName: string; taskId: string | null; taskTitle: string | null; minutes: number[]; total: number }[];
  totals: { days: number[]; minutes: number };
}

let h: Harness;
let who: SignedUp;
let mate: SignedUp;
let alpha: string;
let beta: string;
let design: string;

beforeAll(async () => {
  // Wednesday 25 November 2026, noon in Prague.
  h = createHarness({ startAt: Date.UTC(2026, 10, 25, 11, 0) });
  who = await proUser(h, { name: 'Věra' });
  await setRates(h, who, who.user.id, { costRate: 30_000, billRate: 60_000 });
  const m = await signUp(h.app, { name: 'Kolega', workspaceName: 'Kolega' });
  await addMember(h, who, m, 'member');
  mate = { ...m, workspace: who.workspace };
  alpha = await insertProject(h, who, { name: 'Alfa' });
  beta = await insertProject(h, who, { name: 'Beta' });
  design = await insertProjectTask(h, who, alpha, 'Design');
});
afterAll(() => h.close());

const sheet = (w: SignedUp, query = '') => ok<Sheet>(wsCall(h, w, 'GET', `/timesheet${query}`));
const cell = (w: SignedUp, body: Record<string, unknown>) => ok<{ items: TimeEntryBody[] }>(wsCall(h, w, 'PUT', '/timesheet/cells', body));

describe('GET /w/:ws/timesheet', () => {
  it('is this week (Monday first) with no rows before anything is booked', async () => {
    expect(await sheet(who)).toEqual({
      week: '2026-W48',
      userId: who.user.id,
      days: ['2026-11-23', '2026-11-24', '2026-11-25', '2026-11-26', '2026-11-27', '2026-11-28', '2026-11-29'],
      rows: [],
      totals: { days: [0, 0, 0, 0, 0, 0, 0], minutes: 0 },
    });
  });

  it('groups a person’s entries into project/task rows with minutes per day and totals', async () => {
    await book(h, who, { projectId: alpha, taskId: design, date: '2026-11-23', minutes: 60 });
    await book(h, who, { projectId: alpha, taskId: design, date: '2026-11-23', minutes: 30 });
    await book(h, who, { projectId: alpha, date: '2026-11-24', minutes: 45 });
    await book(h, who, { projectId: beta, date: '2026-11-29', minutes: 15 });
    // Outside the week, and someone else's: not in this sheet.
    await book(h, who, { projectId: beta, date: '2026-11-30', minutes: 600 });
    await book(h, who, { projectId: beta, date: '2026-11-22', minutes: 600 });
    await book(h, mate, { projectId: alpha, date: '2026-11-24', minutes: 240 });
    const s = await sheet(who, '?week=2026-W48');
    expect(s.rows).toEqual([
      { projectId: alpha, projectName: 'Alfa', taskId: null, taskTitle: null, minutes: [0, 45, 0, 0, 0, 0, 0], total: 45 },
      { projectId: alpha, projectName: 'Alfa', taskId: design, taskTitle: 'Design', minutes: [90, 0, 0, 0, 0, 0, 0], total: 90 },
      { projectId: beta, projectName: 'Beta', taskId: null, taskTitle: null, minutes: [0, 0, 0, 0, 0, 0, 15], total: 15 },
    ]);
    expect(s.totals).toEqual({ days: [90, 45, 0, 0, 0, 0, 15], minutes: 150 });
  });

  it('shows a colleague’s week on request, and a week across the new year', async () => {
    const theirs = await sheet(who, `?userId=${mate.user.id}&week=2026-W48`);
    expect(theirs.userId).toBe(mate.user.id);
    expect(theirs.totals.minutes).toBe(240);
    const ny = await sheet(who, '?week=2026-W53');
    expect(ny.days).toEqual(['2026-12-28', '2026-12-29', '2026-12-30', '2026-12-31', '2027-01-01', '2027-01-02', '2027-01-03']);
  });

  it('picks “this week” in the caller’s time zone', async () => {
    // Sunday 29 Nov 23:30 UTC is already Monday 30 Nov in Prague.
    const saved = h.clock.ms;
    h.clock.ms = Date.UTC(2026, 10, 29, 23, 30);
    expect((await sheet(who, '?tz=UTC')).week).toBe('2026-W48');
    expect((await sheet(who, '?tz=Europe%2FPrague')).week).toBe('2026-W49');
    expect((await sheet(who)).week).toBe('2026-W49');
    h.clock.ms = saved;
  });

  it('rejects weeks that do not exist and unknown parameters', async () => {
    for (const q of ['?week=2026-48', '?week=2025-W53', '?week=2026-W00', '?tz=Mars', '?colour=red']) {
      const res = await wsCall(h, who, 'GET', `/timesheet${q}`);
      expect(res.status, q).toBe(400);
      expect((await errorOf(res)).code).toBe('validation_failed');
    }
  });
});

describe('PUT /w/:ws/timesheet/cells', () => {
  it('fills an empty cell with one new entry, valued like any other', async () => {
    const { items } = await cell(who, { projectId: beta, date: '2026-11-26', minutes: 90 });
    expect(items).toHaveLength(1);
    expect(items[0]).toMatchObject({ projectId: beta, taskId: null, date: '2026-11-26', minutes: 90, billable: true, revenue: { amount: 90_000 }, cost: { amount: 45_000 } });
    expect((await sheet(who, '?week=2026-W48')).totals.days[3]).toBe(90);
  });

  it('grows the newest entry of a cell and shrinks from the newest first, keeping older entries and their notes', async () => {
    const day = '2026-11-27';
    const first = await book(h, who, { projectId: alpha, taskId: design, date: day, minutes: 60, note: 'ráno' });
    h.clock.advance(1000);
    const second = await book(h, who, { projectId: alpha, taskId: design, date: day, minutes: 30, note: 'odpoledne' });
    // 90 → 120: the newest entry takes the 30 extra minutes.
    let { items } = await cell(who, { projectId: alpha, taskId: design, date: day, minutes: 120 });
    expect(items.map((e) => [e.id, e.minutes, e.note])).toEqual([
      [first.id, 60, 'ráno'],
      [second.id, 60, 'odpoledne'],
    ]);
    expect(items[1]!.revenue.amount).toBe(60_000);
    // 120 → 45: the newest (60) goes entirely, the older one gives 15.
    ({ items } = await cell(who, { projectId: alpha, taskId: design, date: day, minutes: 45 }));
    expect(items.map((e) => [e.id, e.minutes, e.note])).toEqual([[first.id, 45, 'ráno']]);
    expect(items[0]!.cost.amount).toBe(22_500);
    expect((await wsCall(h, who, 'GET', `/time-entries/${second.id}`)).status).toBe(404);
    // The same total again changes nothing.
    ({ items } = await cell(who, { projectId: alpha, taskId: design, date: day, minutes: 45 }));
    expect(items.map((e) => e.version)).toEqual([items[0]!.version]);
    // 0 clears the cell (into the trash, restorable).
    ({ items } = await cell(who, { projectId: alpha, taskId: design, date: day, minutes: 0 }));
    expect(items).toEqual([]);
    expect((await ok<TimeEntryBody>(wsCall(h, who, 'POST', `/time-entries/${first.id}/restore`))).minutes).toBe(45);
  });

  it('never lets a cell pass a day’s 1,440 minutes', async () => {
    const day = '2026-11-28';
    await book(h, who, { projectId: beta, date: day, minutes: 1430 });
    expect((await cell(who, { projectId: beta, date: day, minutes: 1440 })).items.map((e) => e.minutes)).toEqual([1440]);
    expect((await wsCall(h, who, 'PUT', '/timesheet/cells', { projectId: beta, date: day, minutes: 1441 })).status).toBe(400);
  });

  it('lets an owner fill a member’s sheet, but not a member someone else’s', async () => {
    const { items } = await cell(who, { projectId: alpha, userId: mate.user.id, date: '2026-11-23', minutes: 30 });
    expect(items[0]!.userId).toBe(mate.user.id);
    const res = await wsCall(h, mate, 'PUT', '/timesheet/cells', { projectId: alpha, userId: who.user.id, date: '2026-11-23', minutes: 30 });
    expect(res.status).toBe(403);
  });

  it('validates the cell and writes nothing on error', async () => {
    const before = await sheet(who, '?week=2026-W48');
    const other = await insertProjectTask(h, who, beta, 'Jinde');
    const cases: [unknown, string][] = [
      [{ date: '2026-11-23', minutes: 30 }, 'projectId'],
      [{ projectId: alpha, minutes: 30 }, 'date'],
      [{ projectId: alpha, date: '2026-11-23', minutes: -1 }, 'minutes'],
      [{ projectId: alpha, date: '2026-11-23', minutes: 1441 }, 'minutes'],
      [{ projectId: 'nope', date: '2026-11-23', minutes: 30 }, 'projectId'],
      [{ projectId: alpha, taskId: other, date: '2026-11-23', minutes: 30 }, 'taskId'],
      [{ projectId: alpha, userId: 'stranger', date: '2026-11-23', minutes: 30 }, 'userId'],
    ];
    for (const [body, field] of cases) {
      const res = await wsCall(h, who, 'PUT', '/timesheet/cells', body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect((await errorOf(res)).fields?.[field], JSON.stringify(body)).toBeDefined();
    }
    expect(await sheet(who, '?week=2026-W48')).toEqual(before);
  });

  it('is Pro: 402 on free and after a downgrade, while the sheet still reads; another workspace gets 404', async () => {
    const was = await proUser(h, { workspaceName: 'Bývalý Pro' });
    const p = await insertProject(h, was);
    await cell(was, { projectId: p, date: '2026-11-23', minutes: 30 });
    await setPlan(h, was.workspace.id, 'free');
    const res = await wsCall(h, was, 'PUT', '/timesheet/cells', { projectId: p, date: '2026-11-23', minutes: 60 });
    expect(res.status).toBe(402);
    expect((await errorOf(res)).code).toBe('plan_required');
    expect((await sheet(was, '?week=2026-W48')).totals.minutes).toBe(30);
    for (const [method, path, body] of [
      ['GET', '/timesheet', undefined],
      ['PUT', '/timesheet/cells', { projectId: p, date: '2026-11-23', minutes: 5 }],
    ] as const) {
      const r = await wsCall(h, { ...was, workspace: who.workspace }, method, path, body);
      expect(r.status, `${method} ${path}`).toBe(404);
    }
  });
});
