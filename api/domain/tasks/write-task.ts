import { and, eq, isNotNull, isNull, sql } from 'drizzle-orm';
import type { TenantDb } from '../../../db/tenant/client.ts';
import { tasks } from '../../../db/tenant/schema.ts';
import { AppError, notFound } from '../../errors.ts';
import { newId } from '../../lib/ids.ts';
import { positionIn, type Tx } from '../project-board/column-position.ts';
import type { Actor } from '../records/actor.ts';
import { diff, historyRow, insertHistory } from '../records/history.ts';
import { assertLiveRefs } from '../records/live-refs.ts';
import { assertProjectRefs, assertProjectsPlan, dropDependencies, liveDependencies, setDependencies, settleColumn, type WriteOptions } from './project-task.ts';
import { linksOf } from './task-links.ts';
import { TASK_FIELDS, taskColumns, taskHistoryValues, taskInput, taskView, type Task, type TaskInput, type TaskRow, type TaskWrite } from './task.ts';

export const TASK_ENTITY = 'task';

/** A change to a task: any stored field, and the tasks it waits for. */
export type TaskPatch = Partial<TaskWrite>;

const invalid = (fields: Record<string, string>) => new AppError('validation_failed', 'Some fields are missing or invalid.', { fields });

function assertSpan(t: TaskInput): void {
  if (t.startAt !== null && t.dueAt !== null && t.startAt > t.dueAt) throw invalid({ startAt: 'Start on or before the due date.' });
}

/** The top of the card's column, for a project task entering a column without a position of its own. */
async function placed(tx: Tx, t: TaskInput, id: string): Promise<TaskInput> {
  if (t.projectId === null || t.status === null) return t;
  return { ...t, position: await positionIn(tx, { projectId: t.projectId, status: t.status }, { top: true }, id) };
}

/**
 * Creates a task (its links checked against live records) and its history row in one
 * transaction. A project task needs the Pro plan; it lands on top of its board column unless
 * it brings a position, and its milestone and dependencies must be of the same project.
 */
export async function createTask(db: TenantDb, input: TaskWrite, actor: Actor, options: WriteOptions): Promise<Task> {
  const id = newId(actor.now);
  const { dependsOn, ...fields } = input;
  if (fields.projectId !== null) assertProjectsPlan(options);
  return db.transaction(async (tx) => {
    await assertLiveRefs(tx, fields);
    let t = settleColumn(null, fields, { status: fields.status !== null, done: true, milestoneId: true });
    assertSpan(t);
    await assertProjectRefs(tx, id, t, dependsOn);
    if (t.position === null) t = await placed(tx, t, id);
    const [row] = await tx
      .insert(tasks)
      .values({ id, ...taskColumns(t), version: 1, createdAt: actor.now, updatedAt: actor.now })
      .returning();
    if (t.projectId !== null) await setDependencies(tx, id, dependsOn);
    await insertHistory(tx, historyRow(TASK_ENTITY, id, 'create', diff(null, taskHistoryValues(t, dependsOn), TASK_FIELDS), actor.userId, actor.now));
    return taskView(row!, await linksOf(tx, row!));
  });
}

async function liveTask(tx: Tx, id: string): Promise<TaskRow> {
  const [current] = await tx.select().from(tasks).where(and(eq(tasks.id, id), isNull(tasks.deletedAt)));
  if (!current) throw notFound('Task');
  return current;
}

/**
 * Applies a partial change. With `ifMatch` the write happens only if the task is still at that
 * version (409 otherwise, nothing written). Only links that change are checked, so a task whose
 * company went to the trash can still be edited. A project task (before or after the change)
 * needs the Pro plan; one that changes column goes on top of the new column, one that leaves
 * its project loses its milestone and dependencies.
 */
export async function updateTask(db: TenantDb, id: string, patch: TaskPatch, actor: Actor, options: WriteOptions, ifMatch?: number): Promise<Task> {
  return db.transaction(async (tx) => {
    const current = await liveTask(tx, id);
    if (ifMatch !== undefined && ifMatch !== current.version) throw stale();
    const { dependsOn: wantedDeps, ...fieldPatch } = patch;
    const before = taskInput(current);
    if (before.projectId !== null || (fieldPatch.projectId ?? null) !== null) assertProjectsPlan(options);
    let merged = settleColumn(before, { ...before, ...fieldPatch }, { status: fieldPatch.status !== undefined, done: fieldPatch.done !== undefined, milestoneId: fieldPatch.milestoneId !== undefined });
    assertSpan(merged);
    await assertLiveRefs(tx, {
      companyId: merged.companyId !== before.companyId ? merged.companyId : undefined,
      contactId: merged.contactId !== before.contactId ? merged.contactId : undefined,
      dealId: merged.dealId !== before.dealId ? merged.dealId : undefined,
      projectId: merged.projectId !== before.projectId ? merged.projectId : undefined,
    });
    const projectChanged = merged.projectId !== before.projectId;
    const milestoneToCheck = merged.milestoneId !== before.milestoneId || projectChanged ? merged.milestoneId : null;
    await assertProjectRefs(tx, id, { projectId: merged.projectId, milestoneId: milestoneToCheck }, wantedDeps);
    const depsBefore = await liveDependencies(tx, id);
    const depsAfter = wantedDeps ?? (projectChanged ? [] : depsBefore);
    const columnChanged = projectChanged || merged.status !== before.status;
    if (columnChanged && fieldPatch.position === undefined) merged = await placed(tx, merged, id);

    const changes = diff(taskHistoryValues(before, depsBefore), taskHistoryValues(merged, depsAfter), TASK_FIELDS);
    const checklistChanged = JSON.stringify(merged.checklist) !== JSON.stringify(before.checklist);
    if (Object.keys(changes).length === 0 && merged.position === before.position && !checklistChanged) return taskView(current, await linksOf(tx, current));
    const [row] = await tx
      .update(tasks)
      .set({ ...taskColumns(merged), version: current.version + 1, updatedAt: actor.now })
      .where(and(eq(tasks.id, id), eq(tasks.version, current.version)))
      .returning();
    if (!row) throw stale();
    if (projectChanged) await dropDependencies(tx, id);
    if (wantedDeps !== undefined || projectChanged) await setDependencies(tx, id, depsAfter);
    if (Object.keys(changes).length) await insertHistory(tx, historyRow(TASK_ENTITY, id, 'update', changes, actor.userId, actor.now));
    return taskView(row, await linksOf(tx, row));
  });
}

/** Moves the task to the trash (restorable for 30 days). A project task needs the Pro plan. */
export async function trashTask(db: TenantDb, id: string, actor: Actor, options: WriteOptions, ifMatch?: number): Promise<void> {
  await db.transaction(async (tx) => {
    const current = await liveTask(tx, id);
    if (current.projectId !== null) assertProjectsPlan(options);
    if (ifMatch !== undefined && ifMatch !== current.version) throw stale();
    await tx.update(tasks).set({ deletedAt: actor.now, version: current.version + 1, updatedAt: actor.now }).where(eq(tasks.id, id));
    await insertHistory(tx, historyRow(TASK_ENTITY, id, 'delete', {}, actor.userId, actor.now));
  });
}

export async function restoreTask(db: TenantDb, id: string, actor: Actor, options: WriteOptions): Promise<Task> {
  return db.transaction(async (tx) => {
    const [trashed] = await tx.select({ projectId: tasks.projectId }).from(tasks).where(and(eq(tasks.id, id), isNotNull(tasks.deletedAt)));
    if (!trashed) throw notFound('Task in the trash');
    if (trashed.projectId !== null) assertProjectsPlan(options);
    const [row] = await tx
      .update(tasks)
      .set({ deletedAt: null, updatedAt: actor.now, version: sql`${tasks.version} + 1` })
      .where(and(eq(tasks.id, id), isNotNull(tasks.deletedAt)))
      .returning();
    if (!row) throw notFound('Task in the trash');
    await insertHistory(tx, historyRow(TASK_ENTITY, id, 'restore', {}, actor.userId, actor.now));
    return taskView(row, await linksOf(tx, row));
  });
}

export const stale = () => new AppError('conflict', 'Someone else changed this record meanwhile. Reload it and try again.');
