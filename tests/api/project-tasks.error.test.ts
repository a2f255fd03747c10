// Bad input to project tasks: 400 with the field named and nothing written, including
// dependency loops, dependencies and milestones of other projects, and bad moves.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Caller } from './crm-support.ts';
import { newMilestone, newProject, newTask, proUser, taskState, type ProjectTask } from './project-tasks-support.ts';
import { createHarness, errorOf, type Harness, type SignedUp } from './support.ts';

let h: Harness;
let who: SignedUp;
let a: Caller;
let project: string;
let otherProject: string;
let otherMilestone: string;
let otherTask: ProjectTask;
let trashedProject: string;

async function expectFields(res: Response, fields: string[]): Promise<void> {
  const text = await res.clone().text();
  expect(res.status, text).toBe(400);
  const err = await errorOf(res);
  expect(err.code).toBe('validation_failed');
  expect(Object.keys(err.fields ?? {}).sort(), text).toEqual([...fields].sort());
}

beforeAll(async () => {
  h = createHarness({ startAt: Date.parse('2026-11-27T10:00:00Z') });
  ({ who, a } = await proUser(h));
  project = await newProject(a);
  otherProject = await newProject(a, 'Jiný projekt');
  otherMilestone = await newMilestone(a, otherProject);
  otherTask = await newTask(a, otherProject, 'Elsewhere');
  trashedProject = await newProject(a, 'Koš');
  expect((await a('DELETE', `/projects/${trashedProject}`)).status).toBe(204);
});
afterAll(() => h.close());

describe('creating a project task with bad input', () => {
  const cases: [string, () => Record<string, unknown>, string[]][] = [
    ['a status that is no board column', () => ({ status: 'backlog' }), ['status']],
    ['a start after the due date', () => ({ startAt: '2026-12-03T00:00:00Z', dueAt: '2026-12-02T00:00:00Z' }), ['startAt']],
    ['a start that is no timestamp', () => ({ startAt: '2026-12-03' }), ['startAt']],
    ['a checklist item without a title', () => ({ checklist: [{ title: '  ' }] }), ['checklist.0.title']],
    ['a checklist item with an unknown field', () => ({ checklist: [{ title: 'x', owner: 'me' }] }), ['checklist.0.owner']],
    ['a checklist of 101 items', () => ({ checklist: Array.from({ length: 101 }, (_, i) => ({ title: `i${i}` })) }), ['checklist']],
    ['two checklist items with one id', () => ({ checklist: [{ id: 'a', title: 'x' }, { id: 'a', title: 'y' }] }), ['checklist']],
    ['a checklist that is no list', () => ({ checklist: 'buy milk' }), ['checklist']],
    ['dependsOn that is no list', () => ({ dependsOn: 'x' }), ['dependsOn']],
    ['dependsOn naming no task', () => ({ dependsOn: ['nope'] }), ['dependsOn']],
    ['dependsOn naming a task of another project', () => ({ dependsOn: [otherTask.id] }), ['dependsOn']],
    ['a milestone of another project', () => ({ milestoneId: otherMilestone }), ['milestoneId']],
    ['a milestone naming nothing', () => ({ milestoneId: 'nope' }), ['milestoneId']],
    ['both a bad milestone and bad dependencies', () => ({ milestoneId: 'nope', dependsOn: ['nope'] }), ['milestoneId', 'dependsOn']],
    ['a project that does not exist', () => ({ projectId: 'nope' }), ['projectId']],
    ['a project in the trash', () => ({ projectId: trashedProject }), ['projectId']],
  ];
  for (const [name, body, fields] of cases) {
    it(`rejects ${name}`, async () => {
      const before = await taskState(h, who);
      await expectFields(await a('POST', '/tasks', { title: 'x', projectId: project, ...body() }), fields);
      expect(await taskState(h, who)).toBe(before);
    });
  }
});

describe('changing a project task with bad input', () => {
  it('refuses a task depending on itself', async () => {
    const t = await newTask(a, project, 'self');
    const before = await taskState(h, who);
    await expectFields(await a('PATCH', `/tasks/${t.id}`, { dependsOn: [t.id] }), ['dependsOn']);
    expect(await taskState(h, who)).toBe(before);
  });

  it('refuses dependencies that close a loop, however long', async () => {
    const x = await newTask(a, project, 'x');
    const y = await newTask(a, project, 'y', { dependsOn: [x.id] });
    const z = await newTask(a, project, 'z', { dependsOn: [y.id] });
    const before = await taskState(h, who);
    await expectFields(await a('PATCH', `/tasks/${x.id}`, { dependsOn: [z.id] }), ['dependsOn']);
    await expectFields(await a('PATCH', `/tasks/${y.id}`, { dependsOn: [x.id, z.id] }), ['dependsOn']);
    expect(await taskState(h, who)).toBe(before);
    // A loop through a task in the trash would come back with it: refused as well.
    expect((await a('DELETE', `/tasks/${y.id}`)).status).toBe(204);
    const trashed = await taskState(h, who);
    await expectFields(await a('PATCH', `/tasks/${x.id}`, { dependsOn: [z.id] }), ['dependsOn']);
    expect(await taskState(h, who)).toBe(trashed);
    // Not a loop: a diamond.
    const w = await newTask(a, project, 'w', { dependsOn: [x.id] });
    expect((await a.ok<ProjectTask>('PATCH', `/tasks/${z.id}`, { dependsOn: [x.id, w.id] })).dependsOn).toHaveLength(2);
  });

  it('refuses a start after the (kept) due date and a bad column', async () => {
    const t = await newTask(a, project, 'span', { dueAt: '2026-12-02T00:00:00Z' });
    const before = await taskState(h, who);
    await expectFields(await a('PATCH', `/tasks/${t.id}`, { startAt: '2026-12-05T00:00:00Z' }), ['startAt']);
    await expectFields(await a('PATCH', `/tasks/${t.id}`, { status: 'later' }), ['status']);
    expect(await taskState(h, who)).toBe(before);
  });

  it('checks the kept milestone against the new project when a task changes project', async () => {
    const m = await newMilestone(a, project, 'M');
    const t = await newTask(a, project, 'moving', { milestoneId: m });
    const before = await taskState(h, who);
    await expectFields(await a('PATCH', `/tasks/${t.id}`, { projectId: otherProject }), ['milestoneId']);
    expect(await taskState(h, who)).toBe(before);
    expect(await a.ok<ProjectTask>('PATCH', `/tasks/${t.id}`, { projectId: otherProject, milestoneId: null })).toMatchObject({ projectId: otherProject, milestoneId: null });
  });
});

describe('moving a task with bad input', () => {
  it('answers 400 naming the field for a bad column or anchor, and writes nothing', async () => {
    const t = await newTask(a, project, 'card');
    const elsewhere = await newTask(a, project, 'in doing', { status: 'doing' });
    const before = await taskState(h, who);
    await expectFields(await a('POST', `/tasks/${t.id}/move`, { status: 'backlog' }), ['status']);
    await expectFields(await a('POST', `/tasks/${t.id}/move`, {}), ['status']);
    await expectFields(await a('POST', `/tasks/${t.id}/move`, { status: 'review', afterId: elsewhere.id }), ['afterId']);
    await expectFields(await a('POST', `/tasks/${t.id}/move`, { status: 'doing', beforeId: otherTask.id }), ['beforeId']);
    await expectFields(await a('POST', `/tasks/${t.id}/move`, { status: 'doing', afterId: t.id }), ['afterId']);
    await expectFields(await a('POST', `/tasks/${t.id}/move`, { status: 'doing', position: 'a0' }), ['position']);
    expect(await taskState(h, who)).toBe(before);
  });

  it('refuses to move a task outside any project (400) and a stale If-Match (409)', async () => {
    const loose = await a.ok<ProjectTask>('POST', '/tasks', { title: 'loose' });
    const res = await a('POST', `/tasks/${loose.id}/move`, { status: 'doing' });
    expect(res.status).toBe(400);
    expect((await errorOf(res)).code).toBe('bad_request');
    const t = await newTask(a, project, 'versioned');
    const before = await taskState(h, who);
    const stale = await a('POST', `/tasks/${t.id}/move`, { status: 'doing' }, { 'If-Match': `"${t.version + 1}"` });
    expect(stale.status).toBe(409);
    expect(await taskState(h, who)).toBe(before);
    expect((await a('POST', `/tasks/${t.id}/move`, { status: 'doing' }, { 'If-Match': `"${t.version}"` })).status).toBe(200);
  });

  it('answers 404 for a task that does not exist or is in the trash', async () => {
    const t = await newTask(a, project, 'gone');
    expect((await a('DELETE', `/tasks/${t.id}`)).status).toBe(204);
    for (const id of [t.id, 'nope']) expect((await a('POST', `/tasks/${id}/move`, { status: 'doing' })).status).toBe(404);
  });
});

describe('board and timeline of a missing project', () => {
  it('answers 404 for an unknown or trashed project', async () => {
    for (const id of ['nope', trashedProject]) {
      for (const view of ['board', 'timeline']) {
        const res = await a('GET', `/projects/${id}/${view}`);
        expect(res.status, `${view} ${id}`).toBe(404);
        expect((await errorOf(res)).code).toBe('not_found');
      }
    }
  });
});
