import { and, eq, isNotNull, isNull, sql } from 'drizzle-orm';
import type { TenantDb } from '../../../db/tenant/client.ts';
import { tasks } from '../../../db/tenant/schema.ts';
import { AppError, notFound } from '../../errors.ts';
import { newId } from '../../lib/ids.ts';
import type { Actor } from '../records/actor.ts';
import { diff, historyRow, insertHistory } from '../records/history.ts';
import { assertLiveRefs } from '../records/live-refs.ts';
import { linksOf } from './task-links.ts';
import { TASK_FIELDS, taskHistoryValues, taskInput, taskView, type Task, type TaskInput } from './task.ts';

const ENTITY = 'task';

/** Creates a task (its links checked against live records) and its history row in one transaction. */
export async function createTask(db: TenantDb, input: TaskInput, actor: Actor): Promise<Task> {
  const id = newId(actor.now);
  return db.transaction(async (tx) => {
    await assertLiveRefs(tx, input);
    const [row] = await tx
      .insert(tasks)
      .values({ id, ...input, version: 1, createdAt: actor.now, updatedAt: actor.now })
      .returning();
    await insertHistory(tx, historyRow(ENTITY, id, 'create', diff(null, taskHistoryValues(input), TASK_FIELDS), actor.userId, actor.now));
    return taskView(row!, await linksOf(tx, row!));
  });
}

/**
 * Applies a partial change. With `ifMatch` the write happens only if the task is still at that
 * version (409 otherwise, nothing written). Only links that change are checked, so a task whose
 * company went to the trash can still be edited.
 */
export async function updateTask(db: TenantDb, id: string, patch: Partial<TaskInput>, actor: Actor, ifMatch?: number): Promise<Task> {
  return db.transaction(async (tx) => {
    const [current] = await tx.select().from(tasks).where(and(eq(tasks.id, id), isNull(tasks.deletedAt)));
    if (!current) throw notFound('Task');
    if (ifMatch !== undefined && ifMatch !== current.version) throw stale();
    const before = taskInput(current);
    const merged: TaskInput = { ...before, ...patch };
    await assertLiveRefs(tx, {
      companyId: merged.companyId !== before.companyId ? merged.companyId : undefined,
      contactId: merged.contactId !== before.contactId ? merged.contactId : undefined,
      dealId: merged.dealId !== before.dealId ? merged.dealId : undefined,
    });
    const changes = diff(taskHistoryValues(before), taskHistoryValues(merged), TASK_FIELDS);
    if (Object.keys(changes).length === 0 && merged.position === before.position) return taskView(current, await linksOf(tx, current));
    const [row] = await tx
      .update(tasks)
      .set({ ...merged, version: current.version + 1, updatedAt: actor.now })
      .where(and(eq(tasks.id, id), eq(tasks.version, current.version)))
      .returning();
    if (!row) throw stale();
    if (Object.keys(changes).length) await insertHistory(tx, historyRow(ENTITY, id, 'update', changes, actor.userId, actor.now));
    return taskView(row, await linksOf(tx, row));
  });
}

/** Moves the task to the trash (restorable for 30 days). */
export async function trashTask(db: TenantDb, id: string, actor: Actor, ifMatch?: number): Promise<void> {
  await db.transaction(async (tx) => {
    const [current] = await tx.select().from(tasks).where(and(eq(tasks.id, id), isNull(tasks.deletedAt)));
    if (!current) throw notFound('Task');
    if (ifMatch !== undefined && ifMatch !== current.version) throw stale();
    await tx.update(tasks).set({ deletedAt: actor.now, version: current.version + 1, updatedAt: actor.now }).where(eq(tasks.id, id));
    await insertHistory(tx, historyRow(ENTITY, id, 'delete', {}, actor.userId, actor.now));
  });
}

export async function restoreTask(db: TenantDb, id: string, actor: Actor): Promise<Task> {
  return db.transaction(async (tx) => {
    const [row] = await tx
      .update(tasks)
      .set({ deletedAt: null, updatedAt: actor.now, version: sql`${tasks.version} + 1` })
      .where(and(eq(tasks.id, id), isNotNull(tasks.deletedAt)))
      .returning();
    if (!row) throw notFound('Task in the trash');
    await insertHistory(tx, historyRow(ENTITY, id, 'restore', {}, actor.userId, actor.now));
    return taskView(row, await linksOf(tx, row));
  });
}

const stale = () => new AppError('conflict', 'Someone else changed this record meanwhile. Reload it and try again.');
