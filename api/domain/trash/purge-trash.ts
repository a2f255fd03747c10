import type { Client } from '@libsql/client';

export const TRASH_RETENTION_MS = 30 * 24 * 60 * 60 * 1000;

// Entity name in record_history/record_tags → its table.
const TABLES = { company: 'companies', contact: 'contacts', activity: 'activities', task: 'tasks', deal: 'deals' } as const;

/**
 * Deletes for good what has been in the trash for more than 30 days, with its tags and
 * history, in one transaction. Each step is a range on the tables' deleted_at indexes.
 * Returns how many records went.
 */
export async function purgeTrash(db: Client, now: number): Promise<number> {
  const before = now - TRASH_RETENTION_MS;
  const stmts = Object.entries(TABLES).flatMap(([entity, table]) => {
    const expired = `SELECT id FROM ${table} WHERE deleted_at > 0 AND deleted_at < ?`;
    return [
      { sql: `DELETE FROM record_tags WHERE entity = ? AND entity_id IN (${expired})`, args: [entity, before] },
      { sql: `DELETE FROM record_history WHERE entity = ? AND entity_id IN (${expired})`, args: [entity, before] },
      { sql: `DELETE FROM ${table} WHERE deleted_at > 0 AND deleted_at < ?`, args: [before] },
    ];
  });
  const results = await db.batch(stmts, 'write');
  return results.filter((_, i) => i % 3 === 2).reduce((n, r) => n + r.rowsAffected, 0);
}

const lastPurge = new Map<string, number>();
const PURGE_EVERY_MS = 6 * 60 * 60 * 1000;

/** True at most once per 6 hours per workspace and process: the lazy purge's schedule. */
export function purgeDue(workspaceId: string, now: number): boolean {
  const last = lastPurge.get(workspaceId) ?? 0;
  if (now - last < PURGE_EVERY_MS) return false;
  lastPurge.set(workspaceId, now);
  return true;
}
