// The project timeline: tasks as bars (scheduled first), milestones by date, finish-to-start
// arrows with violations flagged in SQL, rescheduling by PATCH startAt/dueAt, one batch.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Caller } from './crm-support.ts';
import { newMilestone, newProject, newTask, proUser, type ProjectTask, type Timeline } from './project-tasks-support.ts';
import { logSql } from './sql-log.ts';
import { createHarness, type Harness, type SignedUp } from './support.ts';

let h: Harness;
let who: SignedUp;
let a: Caller;

beforeAll(async () => {
  h = createHarness({ startAt: Date.parse('2026-11-27T10:00:00Z') });
  ({ who, a } = await proUser(h));
});
afterAll(() => h.close());

const day = (d: string, hour = '08') => `2026-${d}T${hour}:00:00.000Z`;
const timeline = (p: string) => a.ok<Timeline>('GET', `/projects/${p}/timeline`);

describe('the timeline', () => {
  it('lists tasks by start (else due), unscheduled last, milestones by date, in one batch', async () => {
    const p = await newProject(a, 'Web', { startOn: '2026-11-30', dueOn: '2026-12-31' });
    await newTask(a, p, 'unscheduled');
    await newTask(a, p, 'build', { startAt: day('12-07'), dueAt: day('12-11', '16') });
    await newTask(a, p, 'design', { startAt: day('11-30'), dueAt: day('12-04', '16') });
    await newTask(a, p, 'deadline only', { dueAt: day('12-02', '16') });
    const gone = await newTask(a, p, 'trashed', { startAt: day('11-30') });
    expect((await a('DELETE', `/tasks/${gone.id}`)).status).toBe(204);
    await newMilestone(a, p, 'Launch', '2026-12-18');
    await newMilestone(a, p, 'Design sign-off', '2026-12-04');
    await newTask(a, await newProject(a, 'Other'), 'elsewhere', { startAt: day('11-29') });

    const log = await logSql(h, who.workspace.id);
    log.clear();
    const t = await timeline(p);
    expect(log.statements).toHaveLength(4); // one batch of four reads
    for (const { plan } of await log.plans()) expect(plan, plan).not.toMatch(/SCAN (tasks|milestones|task_dependencies)\b/);

    expect(t.project).toEqual({ id: p, name: 'Web', startOn: '2026-11-30', dueOn: '2026-12-31' });
    expect(t.tasks.map((x) => x.title)).toEqual(['design', 'deadline only', 'build', 'unscheduled']);
    expect(t.tasks[0]).toMatchObject({ startAt: day('11-30'), dueAt: day('12-04', '16') });
    expect(t.milestones.map((m) => [m.name, m.dueOn, m.done])).toEqual([
      ['Design sign-off', '2026-12-04', false],
      ['Launch', '2026-12-18', false],
    ]);
    expect(t.dependencies).toEqual([]);
  });

  it('flags dependencies whose task starts before its predecessor is due, or is done before it', async () => {
    const p = await newProject(a, 'Deps');
    const design = await newTask(a, p, 'design', { startAt: day('11-30'), dueAt: day('12-04', '16') });
    const build = await newTask(a, p, 'build', { startAt: day('12-07'), dueAt: day('12-11', '16'), dependsOn: [design.id] });
    const early = await newTask(a, p, 'early', { startAt: day('12-03'), dueAt: day('12-05', '16'), dependsOn: [design.id] });
    const dueOnly = await newTask(a, p, 'due only', { dueAt: day('12-04', '10'), dependsOn: [design.id] });
    const undated = await newTask(a, p, 'undated', { dependsOn: [design.id] });
    const rushed = await newTask(a, p, 'rushed', { done: true, dependsOn: [build.id] });

    const t = await timeline(p);
    const byTask = new Map(t.dependencies.map((d) => [`${d.taskId}<${d.dependsOnId}`, d]));
    expect(t.dependencies).toHaveLength(5);
    expect(byTask.get(`${build.id}<${design.id}`)).toMatchObject({ violated: false, reason: null });
    expect(byTask.get(`${early.id}<${design.id}`)).toMatchObject({ violated: true, reason: 'dates' });
    expect(byTask.get(`${dueOnly.id}<${design.id}`)).toMatchObject({ violated: true, reason: 'dates' });
    expect(byTask.get(`${undated.id}<${design.id}`)).toMatchObject({ violated: false, reason: null });
    expect(byTask.get(`${rushed.id}<${build.id}`)).toMatchObject({ violated: true, reason: 'status' });

    // Rescheduling (what dragging a bar does) clears the date violation.
    await a.ok<ProjectTask>('PATCH', `/tasks/${early.id}`, { startAt: day('12-07'), dueAt: day('12-09', '16') });
    // Finishing the predecessor clears the status one, but finishing it before its own
    // predecessor is a violation in turn.
    await a.ok<ProjectTask>('POST', `/tasks/${build.id}/move`, { status: 'done' }, 200);
    const mid = await timeline(p);
    expect(mid.dependencies.filter((d) => d.violated).map((d) => [d.taskId, d.reason])).toEqual(
      [
        [build.id, 'status'],
        [dueOnly.id, 'dates'],
      ].sort((x, y) => x[0]!.localeCompare(y[0]!)),
    );
    await a.ok<ProjectTask>('PATCH', `/tasks/${design.id}`, { done: true });
    const after = await timeline(p);
    const flagged = after.dependencies.filter((d) => d.violated).map((d) => d.taskId);
    expect(flagged).toEqual([dueOnly.id]);
  });

  it('leaves arrows to trashed predecessors out', async () => {
    const p = await newProject(a, 'Trash');
    const first = await newTask(a, p, 'first', { dueAt: day('12-10') });
    await newTask(a, p, 'second', { startAt: day('12-01'), dependsOn: [first.id] });
    expect((await timeline(p)).dependencies.map((d) => d.violated)).toEqual([true]);
    expect((await a('DELETE', `/tasks/${first.id}`)).status).toBe(204);
    expect((await timeline(p)).dependencies).toEqual([]);
  });
});
