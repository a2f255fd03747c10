import { and, asc, desc, eq, gte, isNotNull, isNull, lt, sql, type SQL, type SQLWrapper } from 'drizzle-orm';
import type { TenantDb } from '../../../db/tenant/client.ts';
import { tasks } from '../../../db/tenant/schema.ts';
import { AppError, notFound } from '../../errors.ts';
import { afterRow, decodeCursor, encodeCursor } from '../records/cursor.ts';
import { nullsLastBranches, nullsLastOrder, outputOrder, unionPage } from '../records/nulls-last.ts';
import { TASK_LINK_COLUMNS, taskLinks } from './task-links.ts';
import { taskView, type Task } from './task.ts';

export const TASK_SORTS = ['dueAt', '-dueAt', 'updatedAt', '-updatedAt', 'createdAt', '-createdAt', 'position'] as const;
export type TaskSort = (typeof TASK_SORTS)[number];

/** Stands for "no due date" in cursors: after every real timestamp (the largest a Date holds). */
export const NO_DUE_DATE = 8.64e15;

export interface ListTasksQuery {
  limit: number;
  cursor?: string | undefined;
  sort: TaskSort;
  assigneeId?: string | undefined;
  companyId?: string | undefined;
  contactId?: string | undefined;
  dealId?: string | undefined;
  projectId?: string | undefined;
  /** A board column (with projectId) or any status text. */
  status?: string | undefined;
  done?: boolean | undefined;
  /** dueFrom ≤ dueAt < dueTo, ms. */
  dueFrom?: number | undefined;
  dueTo?: number | undefined;
  updatedSince?: number | undefined;
  deleted?: boolean | undefined;
}

/**
 * One page of tasks in one statement. Every filter is an equality or range on an index prefix
 * (assignee, company, contact, deal, project, or none), so each page is a range scan: see
 * nulls-last.ts for how the nullable due date keeps that property. `position` is a board
 * column's card order and needs `projectId` and `status` (its index starts with them).
 */
export async function listTasks(db: TenantDb, query: ListTasksQuery): Promise<{ items: Task[]; nextCursor: string | null }> {
  if (query.sort === 'position' && (query.projectId === undefined || query.status === undefined)) {
    throw new AppError('validation_failed', 'Some fields are missing or invalid.', { fields: { sort: 'Sorting by position needs projectId and status filters.' } });
  }
  const where: SQL[] = [query.deleted ? isNotNull(tasks.deletedAt) : isNull(tasks.deletedAt)];
  if (query.assigneeId !== undefined) where.push(eq(tasks.assigneeId, query.assigneeId));
  if (query.companyId !== undefined) where.push(eq(tasks.companyId, query.companyId));
  if (query.contactId !== undefined) where.push(eq(tasks.contactId, query.contactId));
  if (query.dealId !== undefined) where.push(eq(tasks.dealId, query.dealId));
  if (query.projectId !== undefined) where.push(eq(tasks.projectId, query.projectId));
  if (query.status !== undefined) where.push(eq(tasks.status, query.status));
  if (query.done !== undefined) where.push(eq(tasks.done, query.done));
  if (query.dueFrom !== undefined) where.push(gte(tasks.dueAt, query.dueFrom));
  if (query.dueTo !== undefined) where.push(lt(tasks.dueAt, query.dueTo));
  if (query.updatedSince !== undefined) where.push(gte(tasks.updatedAt, query.updatedSince));
  const cursor = query.cursor ? decodeCursor(query.cursor) : undefined;
  const isDesc = query.sort.startsWith('-');
  const key = query.sort.replace('-', '');
  const fetch = query.limit + 1;

  let queries: SQLWrapper[];
  let order: SQL;
  let sortValue: (row: typeof tasks.$inferSelect) => number | string;
  if (key === 'dueAt') {
    const keyset = {
      column: tasks.dueAt,
      id: tasks.id,
      sentinel: NO_DUE_DATE,
      desc: isDesc,
      cursor,
      includeNulls: query.dueFrom === undefined && query.dueTo === undefined,
    };
    // `done` sits between the filter prefix and due_at in the indexes: without a done filter,
    // open and finished tasks are two ranges of their own.
    const partitions: (SQL | undefined)[] = query.done === undefined ? [eq(tasks.done, false), eq(tasks.done, true)] : [undefined];
    queries = partitions.flatMap((part) =>
      nullsLastBranches(keyset).map((b) =>
        db
          .select()
          .from(tasks)
          .where(and(...where, part, b.where))
          .orderBy(...b.orderBy)
          .limit(fetch),
      ),
    );
    order = nullsLastOrder(keyset);
    sortValue = (r) => r.dueAt ?? NO_DUE_DATE;
  } else if (key === 'position') {
    // Cards without a position sort first, as the board shows them.
    const position = sql`coalesce(${tasks.position}, '')`;
    if (cursor) where.push(afterRow(position, tasks.id, false, cursor[0], cursor[1]));
    queries = [
      db
        .select()
        .from(tasks)
        .where(and(...where))
        .orderBy(asc(tasks.position), asc(tasks.id))
        .limit(fetch),
    ];
    order = sql`coalesce(${sql.identifier(tasks.position.name)}, '') ASC, ${sql.identifier(tasks.id.name)} ASC`;
    sortValue = (r) => r.position ?? '';
  } else if (key === 'updatedAt') {
    if (cursor) where.push(afterRow(tasks.updatedAt, tasks.id, isDesc, cursor[0], cursor[1]));
    const dir = isDesc ? desc : asc;
    queries = [
      db
        .select()
        .from(tasks)
        .where(and(...where))
        .orderBy(dir(tasks.updatedAt), dir(tasks.id))
        .limit(fetch),
    ];
    order = outputOrder(isDesc, tasks.updatedAt, tasks.id);
    sortValue = (r) => r.updatedAt;
  } else {
    // Ids are UUIDv7 minted from the creation time, so id order is (createdAt, id) order and the
    // primary key index serves this sort. The unary + keeps the planner from preferring an index
    // on deleted_at and sorting every live task instead.
    if (!query.deleted) where[0] = sql`+${tasks.deletedAt} IS NULL`;
    if (cursor) where.push(isDesc ? sql`${tasks.id} < ${cursor[1]}` : sql`${tasks.id} > ${cursor[1]}`);
    queries = [
      db
        .select()
        .from(tasks)
        .where(and(...where))
        .orderBy(isDesc ? desc(tasks.id) : asc(tasks.id))
        .limit(fetch),
    ];
    order = outputOrder(isDesc, tasks.id);
    sortValue = (r) => r.createdAt;
  }
  const rows = await unionPage(db, tasks, queries, order, fetch, TASK_LINK_COLUMNS);
  const items = rows.slice(0, query.limit);
  const last = items[items.length - 1];
  return {
    items: items.map((r) => taskView(r.row, taskLinks(r.extra))),
    nextCursor: rows.length > query.limit && last ? encodeCursor(sortValue(last.row), last.row.id) : null,
  };
}

export async function getTask(db: TenantDb, id: string): Promise<Task> {
  const query = db
    .select()
    .from(tasks)
    .where(and(eq(tasks.id, id), isNull(tasks.deletedAt)));
  const [found] = await unionPage(db, tasks, [query], outputOrder(false, tasks.id), 1, TASK_LINK_COLUMNS);
  if (!found) throw notFound('Task');
  return taskView(found.row, taskLinks(found.extra));
}
