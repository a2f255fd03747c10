import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorOf, createHarness, type Harness, type SignedUp } from './support.ts';
import { tenantClient, wsCall } from './records-support.ts';
import { book, insertProject, insertProjectTask, proUser, trashProject } from './time-support.ts';

let h: Harness;
let who: SignedUp;
let project: string;
let otherProject: string;

beforeAll(async () => {
  h = createHarness();
  who = await proUser(h);
  project = await insertProject(h, who);
  otherProject = await insertProject(h, who, { name: 'Jiný projekt' });
});
afterAll(() => h.close());

async function entryCount(): Promise<number> {
  const db = await tenantClient(h, who);
  return Number((await db.execute('SELECT count(*) AS n FROM time_entries')).rows[0]!['n']);
}

async function fields(method: string, path: string, body: unknown): Promise<Record<string, string>> {
  const res = await wsCall(h, who, method, path, body);
  expect(res.status, JSON.stringify(body)).toBe(400);
  const err = await errorOf(res);
  expect(err.code).toBe('validation_failed');
  return err.fields ?? {};
}

describe('time entry validation', () => {
  it('names each bad field and writes nothing', async () => {
    const before = await entryCount();
    const cases: [unknown, string, RegExp][] = [
      [{ date: '2026-11-23', minutes: 60 }, 'projectId', /project/],
      [{ projectId: project, minutes: 60 }, 'date', /2026-11-27/],
      [{ projectId: project, date: '2026-02-30', minutes: 60 }, 'date', /2026-11-27/],
      [{ projectId: project, date: '23. 11. 2026', minutes: 60 }, 'date', /2026-11-27/],
      [{ projectId: project, date: '2026-11-23' }, 'minutes', /1 to 1440/],
      [{ projectId: project, date: '2026-11-23', minutes: 0 }, 'minutes', /1 to 1440/],
      [{ projectId: project, date: '2026-11-23', minutes: 1441 }, 'minutes', /1 to 1440/],
      [{ projectId: project, date: '2026-11-23', minutes: 1.5 }, 'minutes', /whole minutes/],
      [{ projectId: project, date: '2026-11-23', minutes: '60' }, 'minutes', /whole minutes/],
      [{ projectId: project, date: '2026-11-23', minutes: 60, billable: 'yes' }, 'billable', /true or false/],
      [{ projectId: project, date: '2026-11-23', minutes: 60, hourlyRate: { amount: -1, currency: 'CZK' } }, 'hourlyRate.amount', /0 or more/],
      [{ projectId: project, date: '2026-11-23', minutes: 60, hourlyRate: { amount: 1.5, currency: 'CZK' } }, 'hourlyRate.amount', /whole number/],
      [{ projectId: project, date: '2026-11-23', minutes: 60, hourlyRate: { amount: 100, currency: 'XYZ' } }, 'hourlyRate.currency', /ISO 4217/],
      [{ projectId: project, date: '2026-11-23', minutes: 60, note: 'x'.repeat(2001) }, 'note', /2000/],
      [{ projectId: project, date: '2026-11-23', minutes: 60, color: 'red' }, 'color', /Unknown/],
    ];
    for (const [body, field, message] of cases) {
      const f = await fields('POST', '/time-entries', body);
      expect(f[field], `${JSON.stringify(body)} → ${JSON.stringify(f)}`).toMatch(message);
    }
    expect(await entryCount()).toBe(before);
  });

  it('refuses projects and tasks that do not fit, and rates in another currency', async () => {
    const before = await entryCount();
    const trashed = await insertProject(h, who, { name: 'V koši' });
    await trashProject(h, who, trashed);
    const foreignTask = await insertProjectTask(h, who, otherProject, 'Cizí úkol');
    const crmTask = await insertProjectTask(h, who, null, 'CRM úkol');
    const base = { date: '2026-11-23', minutes: 60 };
    expect((await fields('POST', '/time-entries', { ...base, projectId: 'nope' }))['projectId']).toMatch(/No such project/);
    expect((await fields('POST', '/time-entries', { ...base, projectId: trashed }))['projectId']).toMatch(/No such project/);
    expect((await fields('POST', '/time-entries', { ...base, projectId: project, taskId: 'nope' }))['taskId']).toMatch(/No such task/);
    expect((await fields('POST', '/time-entries', { ...base, projectId: project, taskId: foreignTask }))['taskId']).toMatch(/another project/);
    expect((await fields('POST', '/time-entries', { ...base, projectId: project, taskId: crmTask }))['taskId']).toMatch(/another project/);
    expect((await fields('POST', '/time-entries', { ...base, projectId: project, userId: 'stranger' }))['userId']).toMatch(/Not a member/);
    const eur = await fields('POST', '/time-entries', { ...base, projectId: project, hourlyRate: { amount: 5000, currency: 'EUR' } });
    expect(eur['hourlyRate.currency']).toMatch(/project's currency \(CZK\)/);
    expect(await entryCount()).toBe(before);
  });

  it('validates changes the same way and leaves the entry as it was', async () => {
    const e = await book(h, who, { projectId: project, minutes: 30 });
    expect((await fields('PATCH', `/time-entries/${e.id}`, { minutes: 0 }))['minutes']).toBeDefined();
    expect((await fields('PATCH', `/time-entries/${e.id}`, { projectId: null }))['projectId']).toBeDefined();
    expect((await fields('PATCH', `/time-entries/${e.id}`, { userId: null }))['userId']).toBeDefined();
    expect((await fields('PATCH', `/time-entries/${e.id}`, { taskId: 'nope' }))['taskId']).toMatch(/No such task/);
    expect((await fields('PATCH', `/time-entries/${e.id}`, { date: '2026-13-01' }))['date']).toBeDefined();
    const res = await wsCall(h, who, 'GET', `/time-entries/${e.id}`);
    expect(((await res.json()) as { minutes: number; version: number })).toMatchObject({ minutes: 30, version: 1 });
  });

  it('rejects bad list parameters with field messages', async () => {
    expect((await fields('GET', '/time-entries?limit=0', undefined))['limit']).toMatch(/1 to 200/);
    expect((await fields('GET', '/time-entries?sort=minutes', undefined))['sort']).toBeDefined();
    expect((await fields('GET', '/time-entries?dateFrom=yesterday', undefined))['dateFrom']).toMatch(/2026-11-27/);
    expect((await fields('GET', '/time-entries?cursor=garbage', undefined))['cursor']).toMatch(/nextCursor/);
    expect((await fields('GET', '/time-entries?color=red', undefined))['color']).toMatch(/Unknown/);
  });

  it('answers 400 to malformed JSON and 404 to unknown ids', async () => {
    const res = await wsCall(h, who, 'POST', '/time-entries', undefined, { rawBody: '{"projectId": ' });
    expect(res.status).toBe(400);
    for (const [method, path] of [
      ['GET', '/time-entries/nope'],
      ['PATCH', '/time-entries/nope'],
      ['DELETE', '/time-entries/nope'],
      ['POST', '/time-entries/nope/restore'],
    ] as const) {
      const r = await wsCall(h, who, method, path, method === 'PATCH' ? { minutes: 5 } : undefined);
      expect(r.status, `${method} ${path}`).toBe(404);
      expect((await errorOf(r)).code).toBe('not_found');
    }
  });

  it('cannot restore an entry whose project went to the trash', async () => {
    const p = await insertProject(h, who, { name: 'Brzy v koši' });
    const e = await book(h, who, { projectId: p, minutes: 30 });
    expect((await wsCall(h, who, 'DELETE', `/time-entries/${e.id}`)).status).toBe(204);
    await trashProject(h, who, p);
    const res = await wsCall(h, who, 'POST', `/time-entries/${e.id}/restore`);
    expect(res.status).toBe(400);
    expect((await errorOf(res)).fields?.['projectId']).toMatch(/No such project/);
  });
});
