import { and, eq, inArray, isNull, or, sql } from 'drizzle-orm';
import { milestones, taskDependencies, tasks } from '../../../db/tenant/schema.ts';
import { planMessages } from '../../access/entitlements.ts';
import { AppError } from '../../errors.ts';
import type { Tx } from '../project-board/column-position.ts';
import type { TaskInput } from './task.ts';

/**
 * The columns of every project's board, in order. Fixed keys rather than per-project columns:
 * the web app names them in the user's language, and `done` is tied to the task's done flag.
 */
export const BOARD_COLUMNS = ['todo', 'doing', 'review', 'done'] as const;
export type BoardColumnKey = (typeof BOARD_COLUMNS)[number];

export function isBoardColumn(status: string | null): status is BoardColumnKey {
  return (BOARD_COLUMNS as readonly (string | null)[]).includes(status);
}

/** A task with a projectId is a project task: writing one needs the Pro plan. */
export interface WriteOptions {
  /** Whether the workspace's plan includes projects. */
  projects: boolean;
}

export function assertProjectsPlan(options: WriteOptions): void {
  if (!options.projects) throw new AppError('plan_required', planMessages.feature('projects'));
}

const invalid = (fields: Record<string, string>) => new AppError('validation_failed', 'Some fields are missing or invalid.', { fields });

/**
 * Makes a project task's column and done flag agree (the `done` column is where finished tasks
 * live): an explicit status decides the flag; a flag changed on its own moves the card to
 * `done` or back to `todo`. A task joining a project with a status that is no column starts in
 * `todo` (or `done` when finished). Tasks outside projects keep their free-text status.
 */
export function settleColumn(before: TaskInput | null, merged: TaskInput, given: { status: boolean; done: boolean; milestoneId?: boolean }): TaskInput {
  // A task leaving its project leaves its milestone; naming one outside a project is refused later.
  if (merged.projectId === null) return given.milestoneId ? merged : { ...merged, milestoneId: null };
  if (given.status && merged.status !== null && !isBoardColumn(merged.status)) {
    throw invalid({ status: `Use one of ${BOARD_COLUMNS.join(', ')} for a project task.` });
  }
  let { status, done } = merged;
  if (given.status && status !== null) done = status === 'done';
  else if (!isBoardColumn(status)) status = done ? 'done' : 'todo';
  else if (given.done && before?.done !== done) {
    if (done) status = 'done';
    else if (status === 'done') status = 'todo';
  }
  return { ...merged, status, done };
}

/**
 * A project task's milestone and dependencies must belong to its own project (live records),
 * and the dependencies must not close a cycle (finish-to-start chains only go one way).
 * One validation error naming every bad field; nothing is written here.
 */
export async function assertProjectRefs(tx: Tx, taskId: string, t: { projectId: string | null; milestoneId: string | null }, dependsOn: readonly string[] | undefined): Promise<void> {
  const fields: Record<string, string> = {};
  if (t.milestoneId !== null) {
    const [m] =
      t.projectId === null
        ? []
        : await tx
            .select({ id: milestones.id })
            .from(milestones)
            .where(and(eq(milestones.id, t.milestoneId), eq(milestones.projectId, t.projectId), isNull(milestones.deletedAt)));
    if (!m) fields['milestoneId'] = t.projectId === null ? 'Only a project task can belong to a milestone.' : 'Use a milestone of this task’s project.';
  }
  if (dependsOn !== undefined && dependsOn.length > 0) {
    const message = await dependencyProblem(tx, taskId, t.projectId, dependsOn);
    if (message) fields['dependsOn'] = message;
  }
  if (Object.keys(fields).length) throw invalid(fields);
}

async function dependencyProblem(tx: Tx, taskId: string, projectId: string | null, dependsOn: readonly string[]): Promise<string | null> {
  if (projectId === null) return 'Only a project task can depend on other tasks.';
  if (dependsOn.includes(taskId)) return 'A task cannot depend on itself.';
  const found = await tx
    .select({ id: tasks.id })
    .from(tasks)
    .where(and(inArray(tasks.id, [...dependsOn]), eq(tasks.projectId, projectId), isNull(tasks.deletedAt)));
  if (found.length !== dependsOn.length) return 'Use tasks of the same project.';
  // Everything the new predecessors wait for, transitively (trashed tasks included: their
  // edges come back with them). Reaching this task means the new edges would close a loop.
  const predecessors = sql.join(
    dependsOn.map((id) => sql`${id}`),
    sql`, `,
  );
  const loop = await tx.all<{ hit: number }>(sql`
    WITH RECURSIVE up(id) AS (
      SELECT depends_on_id FROM task_dependencies WHERE task_id IN (${predecessors})
      UNION
      SELECT d.depends_on_id FROM task_dependencies d JOIN up ON d.task_id = up.id
    )
    SELECT 1 AS hit FROM up WHERE id = ${taskId} LIMIT 1`);
  return loop.length ? 'These dependencies would make a loop: a task would wait for itself.' : null;
}

/** Replaces the tasks `taskId` waits for. */
export async function setDependencies(tx: Tx, taskId: string, dependsOn: readonly string[]): Promise<void> {
  await tx.delete(taskDependencies).where(eq(taskDependencies.taskId, taskId));
  if (dependsOn.length) await tx.insert(taskDependencies).values(dependsOn.map((dependsOnId) => ({ taskId, dependsOnId })));
}

/** A task leaving its project drops every dependency edge, both ways: they only hold within one project. */
export async function dropDependencies(tx: Tx, taskId: string): Promise<void> {
  await tx.delete(taskDependencies).where(or(eq(taskDependencies.taskId, taskId), eq(taskDependencies.dependsOnId, taskId)));
}

/** The live tasks `taskId` waits for, sorted (what the task's `dependsOn` shows). */
export async function liveDependencies(tx: Tx, taskId: string): Promise<string[]> {
  const rows = await tx.all<{ id: string }>(sql`
    SELECT d.depends_on_id AS id FROM task_dependencies d JOIN tasks p ON p.id = d.depends_on_id
     WHERE d.task_id = ${taskId} AND p.deleted_at IS NULL ORDER BY d.depends_on_id`);
  return rows.map((r) => r.id);
}
