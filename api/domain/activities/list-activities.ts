import { and, asc, desc, eq, gt, gte, isNull, type SQL } from 'drizzle-orm';
import type { TenantDb } from '../../../db/tenant/client.ts';
import { activities } from '../../../db/tenant/schema.ts';
import { notFound } from '../../errors.ts';
import { afterRow, decodeCursor, page } from '../records/cursor.ts';
import { activityView, type Activity } from './activity.ts';

export const ACTIVITY_SORTS = ['-occurredAt', 'occurredAt', '-updatedAt', 'updatedAt'] as const;
export type ActivitySort = (typeof ACTIVITY_SORTS)[number];

export interface ListActivitiesQuery {
  limit: number;
  cursor?: string | undefined;
  sort: ActivitySort;
  companyId?: string | undefined;
  contactId?: string | undefined;
  dealId?: string | undefined;
  projectId?: string | undefined;
  updatedSince?: number | undefined;
  /** The trash instead of the live list. */
  deleted?: boolean | undefined;
}

const SORT_COLUMNS = { occurredAt: activities.occurredAt, updatedAt: activities.updatedAt } as const;

/**
 * One page of the journal in a single statement. Each link filter has an index ending in
 * (deleted_at, occurred_at, id), so the default newest-first page is a range scan.
 */
export async function listActivities(db: TenantDb, query: ListActivitiesQuery): Promise<{ items: Activity[]; nextCursor: string | null }> {
  const isDesc = query.sort.startsWith('-');
  const key = query.sort.replace('-', '') as keyof typeof SORT_COLUMNS;
  const column = SORT_COLUMNS[key];
  // The trash as a range on deleted_at (`> 0`, not IS NOT NULL): SQLite then reads just the
  // trashed rows from the index and sorts those, instead of scanning the whole table.
  const where: (SQL | undefined)[] = [query.deleted ? gt(activities.deletedAt, 0) : isNull(activities.deletedAt)];
  if (query.companyId) where.push(eq(activities.companyId, query.companyId));
  if (query.contactId) where.push(eq(activities.contactId, query.contactId));
  if (query.dealId) where.push(eq(activities.dealId, query.dealId));
  if (query.projectId) where.push(eq(activities.projectId, query.projectId));
  if (query.updatedSince !== undefined) where.push(gte(activities.updatedAt, query.updatedSince));
  if (query.cursor) {
    const [value, id] = decodeCursor(query.cursor);
    where.push(afterRow(column, activities.id, isDesc, value, id));
  }
  const order = isDesc ? [desc(column), desc(activities.id)] : [asc(column), asc(activities.id)];
  const rows = await db
    .select()
    .from(activities)
    .where(and(...where))
    .orderBy(...order)
    .limit(query.limit + 1);
  const result = page(rows, query.limit, (r) => r[key]);
  return { items: result.items.map(activityView), nextCursor: result.nextCursor };
}

export async function getActivity(db: TenantDb, id: string): Promise<Activity> {
  const [row] = await db.select().from(activities).where(and(eq(activities.id, id), isNull(activities.deletedAt)));
  if (!row) throw notFound('Activity');
  return activityView(row);
}
