import { and, desc, eq, sql } from 'drizzle-orm';
import type { TenantDb } from '../../../db/tenant/client.ts';
import { activities, companies, contacts, deals, projects, recordHistory, tasks } from '../../../db/tenant/schema.ts';
import { notFound } from '../../errors.ts';
import { afterRow, decodeCursor, page } from '../records/cursor.ts';
import type { Changes } from '../records/history.ts';

/**
 * URL collection → the `entity` its writes record in record_history and the table holding
 * the records. Every write path uses these entity names (write-company.ts: 'company', …).
 */
export const HISTORY_COLLECTIONS = {
  companies: { entity: 'company', table: companies, what: 'Company' },
  contacts: { entity: 'contact', table: contacts, what: 'Contact' },
  activities: { entity: 'activity', table: activities, what: 'Activity' },
  deals: { entity: 'deal', table: deals, what: 'Deal' },
  tasks: { entity: 'task', table: tasks, what: 'Task' },
  projects: { entity: 'project', table: projects, what: 'Project' },
} as const;

export type HistoryCollection = keyof typeof HISTORY_COLLECTIONS;

export interface HistoryEntry {
  id: string;
  action: 'create' | 'update' | 'delete' | 'restore';
  changes: Changes;
  actorId: string | null;
  at: string;
}

/**
 * One page of a record's history, newest first. The record may be in the trash (its history
 * stays readable) but must exist in this workspace's database. Both reads go in one batch:
 * one round trip, one snapshot.
 */
export async function listHistory(
  db: TenantDb,
  collection: HistoryCollection,
  id: string,
  query: { limit: number; cursor?: string | undefined },
): Promise<{ items: HistoryEntry[]; nextCursor: string | null }> {
  const { entity, table, what } = HISTORY_COLLECTIONS[collection];
  const where = [eq(recordHistory.entity, entity), eq(recordHistory.entityId, id)];
  if (query.cursor) {
    const [value, lastId] = decodeCursor(query.cursor);
    where.push(afterRow(recordHistory.at, recordHistory.id, true, value, lastId));
  }
  const [exists, rows] = await db.batch([
    db.select({ one: sql<number>`1` }).from(table).where(eq(table.id, id)).limit(1),
    db
      .select()
      .from(recordHistory)
      .where(and(...where))
      .orderBy(desc(recordHistory.at), desc(recordHistory.id))
      .limit(query.limit + 1),
  ]);
  if (exists.length === 0) throw notFound(what);
  const result = page(rows, query.limit, (r) => r.at);
  return {
    items: result.items.map((r) => ({
      id: r.id,
      action: r.action,
      changes: JSON.parse(r.changes) as Changes,
      actorId: r.actorId,
      at: new Date(r.at).toISOString(),
    })),
    nextCursor: result.nextCursor,
  };
}
