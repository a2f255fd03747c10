import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../api/app.ts';
import { createNodePlatform } from '../../api/node-platform.ts';
import { addMember } from './imports-support.ts';
import { ok, tenantClient, wsCall } from './records-support.ts';
import { call, createHarness, errorOf, setPlan, signUp, type Harness, type SignedUp } from './support.ts';
import { insertProject, insertProjectTask, proUser, setRates, trashProject, type TimeEntryBody } from './time-support.ts';

interface TimerBody {
  userId: string;
  projectId: string;
  projectName: string;
  taskId: string | null;
  taskTitle: string | null;
  note: string | null;
  billable: boolean;
  startedAt: string;
}

const MIN = 60_000;
/** Monday 23 November 2026, 09:00 in Prague (CET, UTC+1). */
const MONDAY_9 = Date.UTC(2026, 10, 23, 8, 0);

let h: Harness;
let who: SignedUp;
let project: string;
let second: string;
let task: string;

beforeAll(async () => {
  h = createHarness({ startAt: MONDAY_9 });
  who = await proUser(h, { name: 'Tereza Časová' });
  await setRates(h, who, who.user.id, { costRate: 60_000, billRate: 150_000 });
  project = await insertProject(h, who, { name: 'Mobilní aplikace' });
  second = await insertProject(h, who, { name: 'Údržba' });
  task = await insertProjectTask(h, who, project, 'Přihlášení');
});
afterAll(() => h.close());

const timer = async (w: SignedUp = who) => (await ok<{ timer: TimerBody | null }>(wsCall(h, w, 'GET', '/timer'))).timer;
const start = (body: Record<string, unknown>, w: SignedUp = who) => ok<{ timer: TimerBody; booked: TimeEntryBody[] }>(wsCall(h, w, 'POST', '/timer/start', body), 201);
const stop = (body: Record<string, unknown> = {}) => ok<{ booked: TimeEntryBody[] }>(wsCall(h, who, 'POST', '/timer/stop', body));

async function entryCount(w: SignedUp = who): Promise<number> {
  const db = await tenantClient(h, w);
  return Number((await db.execute('SELECT count(*) AS n FROM time_entries WHERE deleted_at IS NULL')).rows[0]!['n']);
}

describe('the timer', () => {
  it('is null until started, then runs with the project and task it was started on', async () => {
    expect(await timer()).toBeNull();
    const started = await start({ projectId: project, taskId: task, note: 'Login přes Google' });
    expect(started.booked).toEqual([]);
    expect(started.timer).toEqual({
      userId: who.user.id,
      projectId: project,
      projectName: 'Mobilní aplikace',
      taskId: task,
      taskTitle: 'Přihlášení',
      note: 'Login přes Google',
      billable: true,
      startedAt: new Date(MONDAY_9).toISOString(),
    });
    h.clock.advance(20 * MIN);
    expect(await timer()).toEqual(started.timer);
  });

  it('stops into one entry with the run’s whole minutes, valued at the member’s rates', async () => {
    h.clock.advance(70 * MIN + 29_000); // 90 min 29 s in all → 90 min
    const { booked } = await stop();
    expect(booked).toHaveLength(1);
    expect(booked[0]).toMatchObject({
      projectId: project,
      taskId: task,
      userId: who.user.id,
      date: '2026-11-23',
      minutes: 90,
      billable: true,
      note: 'Login přes Google',
      revenue: { amount: 225_000, currency: 'CZK' },
      cost: { amount: 90_000, currency: 'CZK' },
    });
    expect(await timer()).toBeNull();
    const res = await wsCall(h, who, 'POST', '/timer/stop', {});
    expect(res.status).toBe(404);
    expect((await errorOf(res)).code).toBe('not_found');
  });

  it('starting while one runs stops and books the running one first', async () => {
    await start({ projectId: project, billable: false });
    h.clock.advance(25 * MIN);
    const next = await start({ projectId: second, note: 'Aktualizace' });
    expect(next.booked).toHaveLength(1);
    expect(next.booked[0]).toMatchObject({ projectId: project, minutes: 25, billable: false, revenue: { amount: 0 } });
    expect(next.timer).toMatchObject({ projectId: second, note: 'Aktualizace', startedAt: new Date(h.clock.ms).toISOString() });
    h.clock.advance(10 * MIN);
    const { booked } = await stop();
    expect(booked.map((e) => [e.projectId, e.minutes])).toEqual([[second, 10]]);
  });

  it('a failed start leaves the running timer running and books nothing', async () => {
    await start({ projectId: project });
    h.clock.advance(15 * MIN);
    const before = await entryCount();
    const res = await wsCall(h, who, 'POST', '/timer/start', { projectId: 'nope' });
    expect(res.status).toBe(400);
    expect((await errorOf(res)).fields?.['projectId']).toMatch(/No such project/);
    const foreignTask = await insertProjectTask(h, who, second, 'Cizí');
    expect((await wsCall(h, who, 'POST', '/timer/start', { projectId: project, taskId: foreignTask })).status).toBe(400);
    expect(await entryCount()).toBe(before);
    expect((await timer())?.projectId).toBe(project);
    await ok(wsCall(h, who, 'DELETE', '/timer'), 204);
  });

  it('books nothing for a run under 30 seconds, and discarding books nothing at all', async () => {
    const before = await entryCount();
    await start({ projectId: project });
    h.clock.advance(29_000);
    expect((await stop()).booked).toEqual([]);
    expect(await timer()).toBeNull();
    await start({ projectId: project });
    h.clock.advance(3 * 60 * MIN);
    expect((await wsCall(h, who, 'DELETE', '/timer')).status).toBe(204);
    expect(await timer()).toBeNull();
    expect((await wsCall(h, who, 'DELETE', '/timer')).status).toBe(404);
    expect(await entryCount()).toBe(before);
  });

  it('stops without any body too (API clients)', async () => {
    await start({ projectId: project });
    h.clock.advance(5 * MIN);
    const res = await call(h.app, 'POST', `/w/${who.workspace.slug}/timer/stop`, undefined, { cookie: who.cookie });
    expect(res.status).toBe(200);
    expect(((await res.json()) as { booked: TimeEntryBody[] }).booked.map((e) => e.minutes)).toEqual([5]);
  });
});

describe('midnight', () => {
  it('a run across midnight books each calendar day its own minutes, in the caller’s time zone', async () => {
    // 23:30 → 00:45 Prague time (22:30 → 23:45 UTC).
    h.clock.ms = Date.UTC(2026, 10, 24, 22, 30);
    await start({ projectId: project, tz: 'Europe/Prague' });
    h.clock.advance(75 * MIN);
    const { booked } = await stop({ tz: 'Europe/Prague' });
    expect(booked.map((e) => [e.date, e.minutes])).toEqual([
      ['2026-11-24', 30],
      ['2026-11-25', 45],
    ]);
    expect(booked.map((e) => e.revenue.amount)).toEqual([75_000, 112_500]);
  });

  it('the same run seen from UTC never crosses midnight', async () => {
    h.clock.ms = Date.UTC(2026, 10, 24, 22, 30);
    await start({ projectId: project });
    h.clock.advance(75 * MIN);
    const { booked } = await stop({ tz: 'UTC' });
    expect(booked.map((e) => [e.date, e.minutes])).toEqual([['2026-11-24', 75]]);
  });

  it('a timer forgotten overnight books each day up to its full 24 hours, and the parts add up to the whole run', async () => {
    // Friday 27 Nov 10:00 Prague → Sunday 29 Nov 10:00:40 Prague.
    h.clock.ms = Date.UTC(2026, 10, 27, 9, 0);
    await start({ projectId: project });
    h.clock.advance(48 * 60 * MIN + 40_000);
    const { booked } = await stop();
    expect(booked.map((e) => [e.date, e.minutes])).toEqual([
      ['2026-11-27', 14 * 60],
      ['2026-11-28', 1440],
      ['2026-11-29', 10 * 60 + 1],
    ]);
    expect(booked.reduce((s, e) => s + e.minutes, 0)).toBe(48 * 60 + 1);
    expect(new Set(booked.map((e) => e.week))).toEqual(new Set(['2026-W48']));
  });

  it('the default time zone is Prague’s', async () => {
    h.clock.ms = Date.UTC(2026, 10, 30, 22, 50); // 23:50 Monday 30 Nov in Prague
    await start({ projectId: project });
    h.clock.advance(20 * MIN);
    const { booked } = await stop();
    expect(booked.map((e) => [e.date, e.minutes, e.week])).toEqual([
      ['2026-11-30', 10, '2026-W49'],
      ['2026-12-01', 10, '2026-W49'],
    ]);
  });
});

describe('one timer per person, kept in the database', () => {
  it('each member has their own timer', async () => {
    const mate = await signUp(h.app, { name: 'Kolega', workspaceName: 'Kolegův' });
    await addMember(h, who, mate, 'member');
    const asMate = { ...mate, workspace: who.workspace };
    await start({ projectId: project, note: 'moje' });
    await start({ projectId: second, note: 'kolegova' }, asMate);
    expect((await timer())?.note).toBe('moje');
    expect((await timer(asMate))?.note).toBe('kolegova');
    await ok(wsCall(h, asMate, 'DELETE', '/timer'), 204);
    expect((await timer())?.note).toBe('moje');
    await ok(wsCall(h, who, 'DELETE', '/timer'), 204);
  });

  it('refuses to book onto a project trashed while the timer ran, until the timer is discarded', async () => {
    const p = await insertProject(h, who, { name: 'Zrušený' });
    await start({ projectId: p });
    h.clock.advance(30 * MIN);
    await trashProject(h, who, p);
    const res = await wsCall(h, who, 'POST', '/timer/stop', {});
    expect(res.status).toBe(400);
    expect((await errorOf(res)).fields?.['timer']).toMatch(/trash/);
    expect((await timer())?.projectId).toBe(p);
    expect((await wsCall(h, who, 'DELETE', '/timer')).status).toBe(204);
  });
});

describe('timer errors, plans and workspaces', () => {
  it('validates the start body', async () => {
    const f = async (body: unknown) => (await errorOf(await wsCall(h, who, 'POST', '/timer/start', body))).fields ?? {};
    expect((await f({}))['projectId']).toBeDefined();
    expect((await f({ projectId: project, billable: 'no' }))['billable']).toMatch(/true or false/);
    expect((await f({ projectId: project, tz: 'Mars/Olympus' }))['tz']).toMatch(/IANA/);
    expect((await f({ projectId: project, extra: 1 }))['extra']).toMatch(/Unknown/);
    expect((await errorOf(await wsCall(h, who, 'POST', '/timer/stop', { tz: 'Nowhere' }))).fields?.['tz']).toMatch(/IANA/);
    expect(await timer()).toBeNull();
  });

  it('on free: starting, stopping and discarding answer 402, reading answers 200', async () => {
    const free = await signUp(h.app, { name: 'Zdarma', workspaceName: 'Zdarma' });
    const p = await insertProject(h, free);
    for (const [method, path, body] of [
      ['POST', '/timer/start', { projectId: p }],
      ['POST', '/timer/stop', {}],
      ['DELETE', '/timer', undefined],
    ] as const) {
      const res = await wsCall(h, free, method, path, body);
      expect(res.status, `${method} ${path}`).toBe(402);
      expect((await errorOf(res)).code).toBe('plan_required');
    }
    expect(await timer(free)).toBeNull();
  });

  it('a timer left running at a downgrade stays visible but cannot be stopped until Pro again', async () => {
    const w = await proUser(h, { workspaceName: 'Přechod' });
    const p = await insertProject(h, w);
    await start({ projectId: p }, w);
    await setPlan(h, w.workspace.id, 'free');
    expect((await timer(w))?.projectId).toBe(p);
    expect((await wsCall(h, w, 'POST', '/timer/stop', {})).status).toBe(402);
    await setPlan(h, w.workspace.id, 'pro');
    h.clock.advance(MIN);
    expect((await ok<{ booked: TimeEntryBody[] }>(wsCall(h, w, 'POST', '/timer/stop', {}))).booked).toHaveLength(1);
  });

  it('another workspace neither sees nor touches the timer', async () => {
    const other = await proUser(h, { workspaceName: 'Cizí' });
    await start({ projectId: project });
    for (const [method, path, body] of [
      ['GET', '/timer', undefined],
      ['POST', '/timer/stop', {}],
      ['DELETE', '/timer', undefined],
      ['POST', '/timer/start', { projectId: project }],
    ] as const) {
      const res = await call(h.app, method, `/w/${who.workspace.slug}${path}`, body, { cookie: other.cookie });
      expect(res.status, `${method} ${path}`).toBe(404);
    }
    expect(await timer(other)).toBeNull();
    expect((await wsCall(h, other, 'POST', '/timer/start', { projectId: project })).status).toBe(400);
    expect((await timer())?.projectId).toBe(project);
    await ok(wsCall(h, who, 'DELETE', '/timer'), 204);
  });
});

describe('a server restart', () => {
  it('keeps a running timer: a new app on the same data folder still sees it and books it', async () => {
    const own = createHarness({ startAt: Date.UTC(2026, 11, 2, 8, 0) });
    try {
      const w = await proUser(own, { workspaceName: 'Restart' });
      const p = await insertProject(own, w, { name: 'Přes restart' });
      const started = await ok<{ timer: TimerBody }>(wsCall(own, w, 'POST', '/timer/start', { projectId: p, note: 'Běží dál' }), 201);
      own.platform.close();
      // A new process: platform and app built afresh over the same files, 90 minutes later.
      const platform = createNodePlatform({ dataDir: own.dataDir, appOrigin: undefined, rateLimits: false });
      platform.now = () => new Date(Date.UTC(2026, 11, 2, 9, 30));
      const app = createApp(platform);
      try {
        const res = await call(app, 'GET', `/w/${w.workspace.slug}/timer`, undefined, { cookie: w.cookie });
        expect(res.status).toBe(200);
        expect(((await res.json()) as { timer: TimerBody }).timer).toEqual(started.timer);
        const stopped = await call(app, 'POST', `/w/${w.workspace.slug}/timer/stop`, {}, { cookie: w.cookie });
        expect(stopped.status).toBe(200);
        expect(((await stopped.json()) as { booked: TimeEntryBody[] }).booked.map((e) => [e.date, e.minutes, e.note])).toEqual([['2026-12-02', 90, 'Běží dál']]);
        const after = await call(app, 'GET', `/w/${w.workspace.slug}/timer`, undefined, { cookie: w.cookie });
        expect(((await after.json()) as { timer: TimerBody | null }).timer).toBeNull();
      } finally {
        platform.close();
      }
    } finally {
      own.close();
    }
  });
});
