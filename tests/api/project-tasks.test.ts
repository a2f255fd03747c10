// Project tasks through the task routes: board column and done flag kept in step, start dates,
// checklists, milestones and finish-to-start dependencies, list filters for one project.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { historyOf, type Caller } from './crm-support.ts';
import { newMilestone, newProject, newTask, proUser, type ProjectTask } from './project-tasks-support.ts';
import { createHarness, type Harness, type SignedUp } from './support.ts';

const START = Date.parse('2026-11-27T10:00:00.000Z');

let h: Harness;
let who: SignedUp;
let a: Caller;
let project: string;

beforeAll(async () => {
  h = createHarness({ startAt: START });
  ({ who, a } = await proUser(h));
  project = await newProject(a);
});
afterAll(() => h.close());

describe('creating project tasks', () => {
  it('starts in todo on top of the column, open, with the fields of a project task', async () => {
    const milestone = await newMilestone(a, project);
    const first = await newTask(a, project, 'Wireframes');
    const task = await newTask(a, project, 'Design', {
      estimateMinutes: 240,
      startAt: '2026-11-30T08:00:00Z',
      dueAt: '2026-12-02T16:00:00Z',
      checklist: [{ title: 'Homepage' }, { title: 'Contact page', done: true }],
      milestoneId: milestone,
      dependsOn: [first.id],
    });
    expect(task).toMatchObject({
      projectId: project,
      status: 'todo',
      done: false,
      estimateMinutes: 240,
      startAt: '2026-11-30T08:00:00.000Z',
      dueAt: '2026-12-02T16:00:00.000Z',
      milestoneId: milestone,
      dependsOn: [first.id],
      assigneeId: who.user.id,
    });
    expect(task.checklist.map((i) => [i.title, i.done])).toEqual([
      ['Homepage', false],
      ['Contact page', true],
    ]);
    expect(new Set(task.checklist.map((i) => i.id)).size).toBe(2);
    // New cards go on top: the later one sorts first.
    expect(task.position! < first.position!).toBe(true);
    expect(await a.ok<ProjectTask>('GET', `/tasks/${task.id}`)).toEqual(task);
  });

  it('puts a task created as done into the done column, and a task created in done as done', async () => {
    expect(await newTask(a, project, 'Kickoff', { done: true })).toMatchObject({ status: 'done', done: true });
    expect(await newTask(a, project, 'Contract', { status: 'done' })).toMatchObject({ status: 'done', done: true });
    expect(await newTask(a, project, 'Copy', { status: 'review' })).toMatchObject({ status: 'review', done: false });
  });

  it('keeps free-text status and no position for tasks outside projects', async () => {
    const t = await a.ok<ProjectTask>('POST', '/tasks', { title: 'Call back', status: 'waiting' });
    expect(t).toMatchObject({ projectId: null, status: 'waiting', position: null, checklist: [], dependsOn: [], milestoneId: null, startAt: null });
  });
});

describe('changing project tasks', () => {
  it('ties the done flag and the done column together', async () => {
    const t = await newTask(a, project, 'Tie');
    const done = await a.ok<ProjectTask>('PATCH', `/tasks/${t.id}`, { done: true });
    expect(done).toMatchObject({ status: 'done', done: true });
    const reopened = await a.ok<ProjectTask>('PATCH', `/tasks/${t.id}`, { done: false });
    expect(reopened).toMatchObject({ status: 'todo', done: false });
    const review = await a.ok<ProjectTask>('PATCH', `/tasks/${t.id}`, { status: 'review' });
    expect(review).toMatchObject({ status: 'review', done: false });
    expect(await a.ok<ProjectTask>('PATCH', `/tasks/${t.id}`, { status: 'done' })).toMatchObject({ done: true });
    expect(await a.ok<ProjectTask>('PATCH', `/tasks/${t.id}`, { status: 'doing' })).toMatchObject({ done: false });
    const history = await historyOf(h, who.workspace.id, 'task', t.id);
    expect(history.at(-1)!.changes).toEqual({ status: ['done', 'doing'], done: [true, false] });
  });

  it('puts a task that changes column on top of the new column', async () => {
    const p = await newProject(a, 'Columns');
    const x = await newTask(a, p, 'x', { status: 'doing' });
    const y = await newTask(a, p, 'y');
    const moved = await a.ok<ProjectTask>('PATCH', `/tasks/${y.id}`, { status: 'doing' });
    expect(moved.position! < x.position!).toBe(true);
  });

  it('replaces the checklist, keeping given item ids, without a history entry', async () => {
    const t = await newTask(a, project, 'Checklist', { checklist: [{ title: 'One' }, { title: 'Two' }] });
    const [one, two] = t.checklist;
    const ticked = await a.ok<ProjectTask>('PATCH', `/tasks/${t.id}`, { checklist: [{ ...two!, done: true }, one!, { title: 'Three' }] });
    expect(ticked.checklist.slice(0, 2)).toEqual([{ ...two!, done: true }, one!]);
    expect(ticked.checklist[2]).toMatchObject({ title: 'Three', done: false });
    expect(ticked.version).toBe(t.version + 1);
    const history = await historyOf(h, who.workspace.id, 'task', t.id);
    expect(history.map((r) => r.action)).toEqual(['create']);
  });

  it('sets, lists and replaces dependencies, and records them in the history', async () => {
    const p = await newProject(a, 'Deps');
    const [d1, d2, t] = [await newTask(a, p, 'd1'), await newTask(a, p, 'd2'), await newTask(a, p, 't')];
    const set = await a.ok<ProjectTask>('PATCH', `/tasks/${t.id}`, { dependsOn: [d2.id, d1.id, d1.id] });
    expect(set.dependsOn).toEqual([d1.id, d2.id].sort());
    const listed = await a.ok<{ items: ProjectTask[] }>('GET', `/tasks?projectId=${p}`);
    expect(listed.items.find((x) => x.id === t.id)!.dependsOn).toEqual([d1.id, d2.id].sort());
    const replaced = await a.ok<ProjectTask>('PATCH', `/tasks/${t.id}`, { dependsOn: [d2.id] });
    expect(replaced.dependsOn).toEqual([d2.id]);
    const history = await historyOf(h, who.workspace.id, 'task', t.id);
    expect(history.at(-1)!.changes).toEqual({ dependsOn: [[d1.id, d2.id].sort(), [d2.id]] });
    // A predecessor in the trash drops out of dependsOn and comes back with it.
    expect((await a('DELETE', `/tasks/${d2.id}`)).status).toBe(204);
    expect((await a.ok<ProjectTask>('GET', `/tasks/${t.id}`)).dependsOn).toEqual([]);
    await a.ok('POST', `/tasks/${d2.id}/restore`, undefined, 200);
    expect((await a.ok<ProjectTask>('GET', `/tasks/${t.id}`)).dependsOn).toEqual([d2.id]);
  });

  it('drops the milestone and every dependency, both ways, when a task leaves its project', async () => {
    const p = await newProject(a, 'Leaving');
    const m = await newMilestone(a, p);
    const before = await newTask(a, p, 'before');
    const leaver = await newTask(a, p, 'leaver', { milestoneId: m, dependsOn: [before.id] });
    const after = await newTask(a, p, 'after', { dependsOn: [leaver.id] });
    const left = await a.ok<ProjectTask>('PATCH', `/tasks/${leaver.id}`, { projectId: null });
    expect(left).toMatchObject({ projectId: null, milestoneId: null, dependsOn: [], status: 'todo' });
    expect((await a.ok<ProjectTask>('GET', `/tasks/${after.id}`)).dependsOn).toEqual([]);
  });

  it('moves a task to another project: a fresh column position, no old dependencies', async () => {
    const p1 = await newProject(a, 'From');
    const p2 = await newProject(a, 'To');
    const dep = await newTask(a, p1, 'dep');
    const t = await newTask(a, p1, 'mover', { dependsOn: [dep.id], status: 'doing' });
    const there = await newTask(a, p2, 'already there', { status: 'doing' });
    const moved = await a.ok<ProjectTask>('PATCH', `/tasks/${t.id}`, { projectId: p2 });
    expect(moved).toMatchObject({ projectId: p2, status: 'doing', dependsOn: [] });
    expect(moved.position! < there.position!).toBe(true);
  });

  it('brings a non-project task into a project in todo (its free-text status is no column)', async () => {
    const t = await a.ok<ProjectTask>('POST', '/tasks', { title: 'Adopted', status: 'waiting' });
    const adopted = await a.ok<ProjectTask>('PATCH', `/tasks/${t.id}`, { projectId: project });
    expect(adopted).toMatchObject({ projectId: project, status: 'todo' });
    expect(adopted.position).not.toBeNull();
  });
});

describe('listing a project’s tasks', () => {
  it('filters by project and column and pages a column in board order', async () => {
    const p = await newProject(a, 'Listing');
    const titles = ['c1', 'c2', 'c3', 'c4', 'c5'];
    for (const t of titles) await newTask(a, p, t, { status: 'doing' });
    await newTask(a, p, 'other column');
    const all = await a.ok<{ items: ProjectTask[] }>('GET', `/tasks?projectId=${p}&limit=50`);
    expect(all.items).toHaveLength(6);
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: { items: ProjectTask[]; nextCursor: string | null } = await a.ok('GET', `/tasks?projectId=${p}&status=doing&sort=position&limit=2${cursor ? `&cursor=${cursor}` : ''}`);
      seen.push(...page.items.map((t) => t.title));
      cursor = page.nextCursor;
    } while (cursor);
    // Each new card went on top.
    expect(seen).toEqual([...titles].reverse());
  });
});
