// Who may touch project tasks: another workspace never sees them (404), a free workspace may
// read but not write them (402, nothing written), and a downgrade leaves them read-only while
// ordinary tasks stay writable.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addMember, caller, type Caller } from './crm-support.ts';
import { newMilestone, newProject, newTask, proUser, taskState, type Board, type ProjectTask, type Timeline } from './project-tasks-support.ts';
import { expectAllNotFound, expectAllUnauthenticated, type RouteCase } from './records-support.ts';
import { insertProject, insertProjectTask } from './time-support.ts';
import { createHarness, errorOf, setPlan, signUp, type Harness, type SignedUp } from './support.ts';

let h: Harness;
let owner: SignedUp;
let a: Caller;
let intruder: SignedUp;
let project: string;
let task: ProjectTask;
let dep: ProjectTask;

beforeAll(async () => {
  h = createHarness({ startAt: Date.parse('2026-11-27T10:00:00Z') });
  ({ who: owner, a } = await proUser(h, 'Olga Vlastní'));
  ({ who: intruder } = await proUser(h, 'Ivan Cizí'));
  project = await newProject(a, 'Tajný projekt');
  dep = await newTask(a, project, 'Secret predecessor');
  task = await newTask(a, project, 'Secret task', { dependsOn: [dep.id] });
});
afterAll(() => h.close());

async function expect402(res: Response): Promise<void> {
  expect(res.status).toBe(402);
  const err = await errorOf(res);
  expect(err.code).toBe('plan_required');
  expect(err.message).toMatch(/Pro/);
}

describe('another workspace', () => {
  it('gets 404 for the board, timeline, tasks and moves of this workspace’s project', async () => {
    const cases: RouteCase[] = [
      { method: 'GET', path: `/projects/${project}/board` },
      { method: 'GET', path: `/projects/${project}/timeline` },
      { method: 'GET', path: `/tasks/${task.id}` },
      { method: 'PATCH', path: `/tasks/${task.id}`, body: { status: 'doing' } },
      { method: 'POST', path: `/tasks/${task.id}/move`, body: { status: 'doing' } },
      { method: 'DELETE', path: `/tasks/${task.id}` },
    ];
    const before = await taskState(h, owner);
    await expectAllNotFound(h, intruder, owner, cases);
    expect(await taskState(h, owner)).toBe(before);
  });

  it('cannot link its tasks to this workspace’s project, tasks or milestones', async () => {
    const b = caller(h, intruder);
    const own = await newProject(b, 'Vlastní');
    const milestone = await newMilestone(a, project);
    const before = await taskState(h, owner);
    for (const body of [{ projectId: project }, { projectId: own, dependsOn: [task.id] }, { projectId: own, milestoneId: milestone }]) {
      const res = await b('POST', '/tasks', { title: 'x', ...body });
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(JSON.stringify(await errorOf(res))).not.toContain('Secret');
    }
    const mine = await newTask(b, own, 'mine');
    expect((await b('POST', `/tasks/${mine.id}/move`, { status: 'doing', afterId: task.id })).status).toBe(400);
    expect(await taskState(h, owner)).toBe(before);
    // Its own lists never show this workspace's tasks.
    const listed = await b.ok<{ items: ProjectTask[] }>('GET', `/tasks?projectId=${project}`);
    expect(listed.items).toEqual([]);
  });

  it('needs a session', async () => {
    await expectAllUnauthenticated(h, owner, [
      { method: 'GET', path: `/projects/${project}/board` },
      { method: 'GET', path: `/projects/${project}/timeline` },
      { method: 'POST', path: `/tasks/${task.id}/move`, body: { status: 'doing' } },
    ]);
  });
});

describe('a member', () => {
  it('plans on the board like the owner (projects:write includes members)', async () => {
    const member = await signUp(h.app, { name: 'Marek Člen' });
    await addMember(h, owner.workspace.id, member.user.id, 'member');
    const m = caller(h, member, owner.workspace.slug);
    const t = await m.ok<ProjectTask>('POST', '/tasks', { title: 'by a member', projectId: project });
    expect((await m.ok<ProjectTask>('POST', `/tasks/${t.id}/move`, { status: 'review' }, 200)).status).toBe('review');
  });
});

describe('a free workspace', () => {
  let free: SignedUp;
  let f: Caller;
  let freeProject: string;
  let leftover: string;

  beforeAll(async () => {
    free = await signUp(h.app, { name: 'Fred Zdarma' });
    f = caller(h, free);
    // As a trial or an earlier Pro period would have left them.
    freeProject = await insertProject(h, free, { name: 'Starý projekt' });
    leftover = await insertProjectTask(h, free, freeProject, 'Leftover');
  });

  it('cannot create a project task (402) and nothing is written', async () => {
    const before = await taskState(h, free);
    await expect402(await f('POST', '/tasks', { title: 'x', projectId: freeProject }));
    // The plan speaks first, before the (bad) project is looked up.
    await expect402(await f('POST', '/tasks', { title: 'x', projectId: 'nope' }));
    expect(await taskState(h, free)).toBe(before);
  });

  it('reads the board, the timeline and the tasks it has (200)', async () => {
    const b = await f.ok<Board>('GET', `/projects/${freeProject}/board`);
    expect(b.columns.find((c) => c.status === 'todo')!.items.map((t) => t.id)).toEqual([leftover]);
    const tl = await f.ok<Timeline>('GET', `/projects/${freeProject}/timeline`);
    expect(tl.tasks.map((t) => t.id)).toEqual([leftover]);
    expect((await f.ok<ProjectTask>('GET', `/tasks/${leftover}`)).projectId).toBe(freeProject);
  });

  it('still creates and changes ordinary tasks', async () => {
    const t = await f.ok<ProjectTask>('POST', '/tasks', { title: 'Call the client', status: 'waiting' });
    expect((await f.ok<ProjectTask>('PATCH', `/tasks/${t.id}`, { done: true })).done).toBe(true);
    const before = await taskState(h, free);
    await expect402(await f('PATCH', `/tasks/${t.id}`, { projectId: freeProject }));
    expect(await taskState(h, free)).toBe(before);
  });
});

describe('after a downgrade', () => {
  it('keeps project tasks readable and refuses every write to them with 402', async () => {
    const { who, a: d } = await proUser(h, 'Dana Dolů');
    const p = await newProject(d, 'Before the downgrade');
    const t = await newTask(d, p, 'planned');
    const gone = await newTask(d, p, 'trashed');
    expect((await d('DELETE', `/tasks/${gone.id}`)).status).toBe(204);
    const loose = await d.ok<ProjectTask>('POST', '/tasks', { title: 'loose' });
    await setPlan(h, who.workspace.id, 'free');

    const before = await taskState(h, who);
    await expect402(await d('POST', '/tasks', { title: 'x', projectId: p }));
    await expect402(await d('PATCH', `/tasks/${t.id}`, { title: 'renamed' }));
    await expect402(await d('PATCH', `/tasks/${t.id}`, { projectId: null }));
    await expect402(await d('POST', `/tasks/${t.id}/move`, { status: 'doing' }));
    await expect402(await d('DELETE', `/tasks/${t.id}`));
    await expect402(await d('POST', `/tasks/${gone.id}/restore`));
    await expect402(await d('PATCH', `/tasks/${loose.id}`, { projectId: p }));
    expect(await taskState(h, who)).toBe(before);

    expect((await d.ok<Board>('GET', `/projects/${p}/board`)).columns[0]!.items.map((x) => x.title)).toEqual(['planned']);
    expect((await d.ok<Timeline>('GET', `/projects/${p}/timeline`)).tasks.map((x) => x.title)).toEqual(['planned']);
    expect((await d.ok<ProjectTask>('PATCH', `/tasks/${loose.id}`, { title: 'still mine' })).title).toBe('still mine');

    // Upgrading again opens them up.
    await setPlan(h, who.workspace.id, 'pro');
    expect((await d.ok<ProjectTask>('POST', `/tasks/${t.id}/move`, { status: 'doing' }, 200)).status).toBe('doing');
  });
});
