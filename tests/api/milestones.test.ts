// Milestones of a project: add, list by due date, check off, re-date, trash and restore (the
// undo), with history; bad input 400, unknown or foreign ids 404, trashed projects closed.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { historyOf, snapshot, type Caller } from './crm-support.ts';
import { errorWith, proUser, type Milestone, type Project } from './projects-support.ts';
import { createHarness, type Harness, type SignedUp } from './support.ts';

let h: Harness;
let alice: SignedUp;
let a: Caller;
let project: Project;

beforeAll(async () => {
  h = createHarness({ startAt: Date.parse('2026-11-27T10:00:00Z') });
  ({ user: alice, call: a } = await proUser(h));
  project = await a.ok<Project>('POST', '/projects', { name: 'E-shop' });
});
afterAll(() => h.close());

const list = async (projectId = project.id) => (await a.ok<{ items: Milestone[]; nextCursor: null }>('GET', `/projects/${projectId}/milestones`)).items;
const base = () => `/projects/${project.id}/milestones`;

describe('milestones', () => {
  it('adds milestones and lists them by due date, undated last', async () => {
    const launch = await a.ok<Milestone>('POST', base(), { name: '  Spuštění  ', dueOn: '2027-03-01' });
    expect(launch).toMatchObject({ projectId: project.id, name: 'Spuštění', dueOn: '2027-03-01', done: false, version: 1 });
    await a.ok('POST', base(), { name: 'Někdy' });
    await a.ok('POST', base(), { name: 'Návrh', dueOn: '2026-12-15', done: true });
    expect((await list()).map((m) => [m.name, m.dueOn, m.done])).toEqual([
      ['Návrh', '2026-12-15', true],
      ['Spuštění', '2027-03-01', false],
      ['Někdy', null, false],
    ]);
  });

  it('checks a milestone off and re-dates it, recording both in the history', async () => {
    const m = await a.ok<Milestone>('POST', base(), { name: 'Testování', dueOn: '2027-02-01' });
    const done = await a.ok<Milestone>('PATCH', `${base()}/${m.id}`, { done: true, dueOn: null });
    expect(done).toMatchObject({ done: true, dueOn: null, version: 2 });
    const same = await a.ok<Milestone>('PATCH', `${base()}/${m.id}`, { done: true });
    expect(same.version).toBe(2);
    const history = await historyOf(h, alice.workspace.id, 'milestone', m.id);
    expect(history.map((e) => e.action)).toEqual(['create', 'update']);
    expect(history[1]!.changes).toEqual({ done: [false, true], dueOn: ['2027-02-01', null] });
  });

  it('trashes a milestone and brings it back (the undo of a delete)', async () => {
    const m = await a.ok<Milestone>('POST', base(), { name: 'Dočasný' });
    expect((await a('DELETE', `${base()}/${m.id}`)).status).toBe(204);
    expect((await list()).map((x) => x.id)).not.toContain(m.id);
    expect((await a('PATCH', `${base()}/${m.id}`, { done: true })).status).toBe(404);
    const back = await a.ok<Milestone>('POST', `${base()}/${m.id}/restore`, undefined, 200);
    expect(back).toMatchObject({ id: m.id, name: 'Dočasný', version: 3 });
    expect((await list()).map((x) => x.id)).toContain(m.id);
    expect((await a('POST', `${base()}/${m.id}/restore`)).status).toBe(404);
  });

  it('keeps each project’s milestones to itself', async () => {
    const other = await a.ok<Project>('POST', '/projects', { name: 'Jiný' });
    const m = await a.ok<Milestone>('POST', `/projects/${other.id}/milestones`, { name: 'Cizí milník' });
    expect((await a('PATCH', `${base()}/${m.id}`, { name: 'Přes jiný projekt' })).status).toBe(404);
    expect((await a('DELETE', `${base()}/${m.id}`)).status).toBe(404);
    expect((await list(other.id)).map((x) => x.name)).toEqual(['Cizí milník']);
  });

  it('closes a trashed project’s milestones (404) until it is restored', async () => {
    const p = await a.ok<Project>('POST', '/projects', { name: 'Do koše' });
    const m = await a.ok<Milestone>('POST', `/projects/${p.id}/milestones`, { name: 'Uvnitř' });
    expect((await a('DELETE', `/projects/${p.id}`)).status).toBe(204);
    expect((await a('GET', `/projects/${p.id}/milestones`)).status).toBe(404);
    expect((await a('POST', `/projects/${p.id}/milestones`, { name: 'Nový' })).status).toBe(404);
    expect((await a('PATCH', `/projects/${p.id}/milestones/${m.id}`, { done: true })).status).toBe(404);
    await a.ok('POST', `/projects/${p.id}/restore`, undefined, 200);
    expect((await list(p.id)).map((x) => x.name)).toEqual(['Uvnitř']);
  });
});

describe('bad input', () => {
  it('refuses missing or long names, bad dates and flags, unknown fields, writing nothing', async () => {
    const m = await a.ok<Milestone>('POST', base(), { name: 'Pevný' });
    const before = await snapshot(h, alice.workspace.id, 'milestones');
    const cases: [string, string, unknown, string[]][] = [
      ['POST', base(), {}, ['name']],
      ['POST', base(), { name: '' }, ['name']],
      ['POST', base(), { name: 'x'.repeat(201) }, ['name']],
      ['POST', base(), { name: 'X', dueOn: '15. 12. 2026', done: 'yes' }, ['done', 'dueOn']],
      ['POST', base(), { name: 'X', projectId: 'other' }, ['projectId']],
      ['PATCH', `${base()}/${m.id}`, { name: null }, ['name']],
      ['PATCH', `${base()}/${m.id}`, { done: 1 }, ['done']],
    ];
    for (const [method, path, body, fields] of cases) {
      const error = await errorWith(await a(method, path, body), 400);
      expect(Object.keys(error.fields ?? {}).sort(), `${method} ${JSON.stringify(body)}`).toEqual(fields);
    }
    expect(await snapshot(h, alice.workspace.id, 'milestones')).toBe(before);
  });

  it('answers 404 for unknown projects and milestones', async () => {
    expect((await a('GET', '/projects/nope/milestones')).status).toBe(404);
    expect((await a('POST', '/projects/nope/milestones', { name: 'X' })).status).toBe(404);
    expect((await a('PATCH', `${base()}/nope`, { done: true })).status).toBe(404);
    expect((await a('DELETE', `${base()}/nope`)).status).toBe(404);
  });
});
