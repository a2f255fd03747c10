import type { Client } from '@libsql/client';

export const TRASH_RETENTION_MS = 30 * 24 * 60 * 60 * 1000;

// Entity name in record_history/record_tags → its table.
const TABLES = {
  company: 'companies',
  contact: 'contacts',
  activity: 'activities',
  task: 'tasks',
  deal: 'deals',
  milestone: 'milestones',
  time_entry: 'time_entries',
  expense: 'expenses',
  project: 'projects',
} as const;

const EXPIRED_PROJECTS = 'SELECT id FROM projects WHERE deleted_at > 0 AND deleted_at < ?';

/**
 * A project that goes for good takes its bookings, milestones and team with it; its tasks stay
 * as ordinary tasks (detached from the board) so nobody's to-do list loses anything.
 */
function projectChildren(before: number) {
  return [
    `DELETE FROM time_entries WHERE project_id IN (${EXPIRED_PROJECTS})`,
    `DELETE FROM expenses WHERE project_id IN (${EXPIRED_PROJECTS})`,
    `DELETE FROM record_history WHERE entity = 'milestone' AND entity_id IN (SELECT id FROM milestones WHERE project_id IN (${EXPIRED_PROJECTS}))`,
    `DELETE FROM milestones WHERE project_id IN (${EXPIRED_PROJECTS})`,
    `DELETE FROM project_members WHERE project_id IN (${EXPIRED_PROJECTS})`,
    `DELETE FROM task_dependencies WHERE task_id IN (SELECT id FROM tasks WHERE project_id IN (${EXPIRED_PROJECTS})) OR depends_on_id IN (SELECT id FROM tasks WHERE project_id IN (${EXPIRED_PROJECTS}))`,
    `UPDATE tasks SET project_id = NULL, milestone_id = NULL, status = NULL, position = NULL WHERE project_id IN (${EXPIRED_PROJECTS})`,
    `DELETE FROM project_totals WHERE project_id IN (${EXPIRED_PROJECTS})`,
  ].map((sql) => ({ sql, args: Array.from({ length: sql.split('?').length - 1 }, () => before) }));
}

/**
 * Deletes for good what has been in the trash for more than 30 days, with its tags and
 * history, in one transaction. Each step is a range on the tables' deleted_at indexes.
 * Returns how many records went.
 */
export async function purgeTrash(db: Client, now: number): Promise<number> {
  const before = now - TRASH_RETENTION_MS;
  const children = projectChildren(before);
  const stmts = Object.entries(TABLES).flatMap(([entity, table]) => {
    const expired = `SELECT id FROM ${table} WHERE deleted_at > 0 AND deleted_at < ?`;
    return [
      { sql: `DELETE FROM record_tags WHERE entity = ? AND entity_id IN (${expired})`, args: [entity, before] },
      { sql: `DELETE FROM record_history WHERE entity = ? AND entity_id IN (${expired})`, args: [entity, before] },
      { sql: `DELETE FROM ${table} WHERE deleted_at > 0 AND deleted_at < ?`, args: [before] },
    ];
  });
  const results = await db.batch([...children, ...stmts], 'write');
  return results.slice(children.length).filter((_, i) => i % 3 === 2).reduce((n, r) => n + r.rowsAffected, 0);
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
