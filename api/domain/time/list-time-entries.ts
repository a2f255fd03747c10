import { and, asc, desc, eq, gte, isNull, lte, type SQL } from 'drizzle-orm';
import type { TenantDb } from '../../../db/tenant/client.ts';
import { projects, tasks, timeEntries } from '../../../db/tenant/schema.ts';
import { afterRow, decodeCursor, page } from '../records/cursor.ts';
import { ENTRY_EXTRA, entryJoins, timeEntryView, type TimeEntry } from './time-entry.ts';

export const TIME_ENTRY_SORTS = ['-date', 'date'] as const;
export type TimeEntrySort = (typeof TIME_ENTRY_SORTS)[number];

export interface ListTimeEntriesQuery {
  limit: number;
  cursor?: string | undefined;
  sort: TimeEntrySort;
  projectId?: string | undefined;
  taskId?: string | undefined;
  userId?: string | undefined;
  /** Inclusive YYYY-MM-DD bounds. */
  dateFrom?: string | undefined;
  dateTo?: string | undefined;
}

/**
 * One keyset page of live entries, newest day first by default, with project and task names.
 * Each filter is the prefix of an index ending in (date, id): project, person, or task.
 */
export async function listTimeEntries(db: TenantDb, query: ListTimeEntriesQuery): Promise<{ items: TimeEntry[]; nextCursor: string | null }> {
  const where: (SQL | undefined)[] = [isNull(timeEntries.deletedAt)];
  if (query.projectId !== undefined) where.push(eq(timeEntries.projectId, query.projectId));
  if (query.taskId !== undefined) where.push(eq(timeEntries.taskId, query.taskId));
  if (query.userId !== undefined) where.push(eq(timeEntries.userId, query.userId));
  if (query.dateFrom !== undefined) where.push(gte(timeEntries.date, query.dateFrom));
  if (query.dateTo !== undefined) where.push(lte(timeEntries.date, query.dateTo));
  const isDesc = query.sort === '-date';
  if (query.cursor) {
    const [value, id] = decodeCursor(query.cursor);
    where.push(afterRow(timeEntries.date, timeEntries.id, isDesc, value, id));
  }
  const dir = isDesc ? desc : asc;
  const rows = await db
    .select({ row: timeEntries, ...ENTRY_EXTRA })
    .from(timeEntries)
    .innerJoin(projects, entryJoins.project)
    .leftJoin(tasks, entryJoins.task)
    .where(and(...where))
    .orderBy(dir(timeEntries.date), dir(timeEntries.id))
    .limit(query.limit + 1);
  const views = rows.map((r) => timeEntryView(r.row, r));
  return page(views, query.limit, (e) => e.date);
}
