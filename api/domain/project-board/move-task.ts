import { and, eq, isNull } from 'drizzle-orm';
import type { TenantDb } from '../../../db/tenant/client.ts';
import { tasks } from '../../../db/tenant/schema.ts';
import { AppError, notFound } from '../../errors.ts';
import type { Actor } from '../records/actor.ts';
import { diff, historyRow, insertHistory } from '../records/history.ts';
import { settleColumn, type BoardColumnKey } from '../tasks/project-task.ts';
import { linksOf } from '../tasks/task-links.ts';
import { TASK_FIELDS, taskHistoryValues, taskInput, taskView, type Task } from '../tasks/task.ts';
import { stale, TASK_ENTITY } from '../tasks/write-task.ts';
import { positionIn, type Column, type Placement, type Tx } from './column-position.ts';

export interface TaskMove {
  status: BoardColumnKey;
  /** The card that ends up directly above the moved one. */
  afterId?: string | undefined;
  /** The card that ends up directly below the moved one. */
  beforeId?: string | undefined;
}

async function anchor(tx: Tx, id: string, column: Column, self: string, field: 'afterId' | 'beforeId') {
  const [row] =
    id === self
      ? []
      : await tx
          .select({ id: tasks.id, position: tasks.position })
          .from(tasks)
          .where(and(eq(tasks.id, id), eq(tasks.projectId, column.projectId), eq(tasks.status, column.status), isNull(tasks.deletedAt)));
  if (!row) throw new AppError('validation_failed', 'Some fields are missing or invalid.', { fields: { [field]: 'Use another card of the target column.' } });
  return row;
}

/**
 * Drops a project task into a board column between neighbours (drag and drop, or the keyboard).
 * Everything is read inside the write transaction, so a neighbour that moved meanwhile is seen
 * where it is now: the card lands right after `afterId` (or right before `beforeId` when only
 * that is given, or on top when neither is). Only the moved card's key changes. A column change
 * goes into the history (and entering or leaving `done` sets the done flag); a reorder within
 * a column does not, but still bumps the version for If-Match.
 */
export async function moveTask(db: TenantDb, id: string, move: TaskMove, actor: Actor, ifMatch?: number): Promise<Task> {
  return db.transaction(async (tx) => {
    const [current] = await tx.select().from(tasks).where(and(eq(tasks.id, id), isNull(tasks.deletedAt)));
    if (!current) throw notFound('Task');
    if (ifMatch !== undefined && ifMatch !== current.version) throw stale();
    if (current.projectId === null) throw new AppError('bad_request', 'Only tasks of a project sit on a board: give this task a projectId first.');
    const column: Column = { projectId: current.projectId, status: move.status };
    const after = move.afterId === undefined ? undefined : await anchor(tx, move.afterId, column, id, 'afterId');
    const before = move.beforeId === undefined ? undefined : await anchor(tx, move.beforeId, column, id, 'beforeId');
    const placement: Placement = after ? { after } : before ? { before } : { top: true };
    const position = await positionIn(tx, column, placement, id);
    const was = taskInput(current);
    const next = settleColumn(was, { ...was, status: move.status }, { status: true, done: false });
    const [row] = await tx
      .update(tasks)
      .set({ status: next.status, done: next.done, position, version: current.version + 1, updatedAt: actor.now })
      .where(and(eq(tasks.id, id), eq(tasks.version, current.version)))
      .returning();
    if (!row) throw stale();
    const changes = diff(taskHistoryValues(was, []), taskHistoryValues(next, []), TASK_FIELDS);
    if (Object.keys(changes).length) await insertHistory(tx, historyRow(TASK_ENTITY, id, 'update', changes, actor.userId, actor.now));
    return taskView(row, await linksOf(tx, row));
  });
}
