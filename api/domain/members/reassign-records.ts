import { sql } from 'drizzle-orm';
import type { TenantDb } from '../../../db/tenant/client.ts';
import { recordHistory } from '../../../db/tenant/schema.ts';
import { DEAL_ENTITY } from '../deals/write-deal.ts';
import { PROJECT_ENTITY } from '../projects/project-write.ts';
import type { Actor } from '../records/actor.ts';
import { historyRow } from '../records/history.ts';

/** The person-columns of the workspace's records that hand over when a member leaves. */
const PERSON_COLUMNS = [
  { table: 'companies', column: 'owner_id', entity: 'company', field: 'ownerId' },
  { table: 'contacts', column: 'owner_id', entity: 'contact', field: 'ownerId' },
  { table: 'deals', column: 'owner_id', entity: DEAL_ENTITY, field: 'ownerId' },
  { table: 'tasks', column: 'assignee_id', entity: 'task', field: 'assigneeId' },
  // Time entries stay with whoever did the work; the project's management hands over.
  { table: 'projects', column: 'manager_id', entity: PROJECT_ENTITY, field: 'managerId' },
] as const;

/** History rows per INSERT: 7 columns each stays far below SQLite's bound-parameter limit. */
const HISTORY_CHUNK = 500;

export type Reassigned = Record<(typeof PERSON_COLUMNS)[number]['table'], number>;

/**
 * Hands every record owned by (or assigned to) `fromUserId` over to `toUserId`, trashed ones
 * included so a restore brings them back with the new owner. One tenant transaction; each
 * record gets a new version and an ordinary history entry, as if edited by the actor.
 */
export async function reassignRecords(db: TenantDb, fromUserId: string, toUserId: string, actor: Actor): Promise<Reassigned> {
  return db.transaction(async (tx) => {
    const counts = {} as Reassigned;
    for (const { table, column, entity, field } of PERSON_COLUMNS) {
      const rows = await tx.all<{ id: string }>(sql`SELECT id FROM ${sql.identifier(table)} WHERE ${sql.identifier(column)} = ${fromUserId}`);
      counts[table] = rows.length;
      if (rows.length === 0) continue;
      await tx.run(
        sql`UPDATE ${sql.identifier(table)} SET ${sql.identifier(column)} = ${toUserId}, version = version + 1, updated_at = ${actor.now} WHERE ${sql.identifier(column)} = ${fromUserId}`,
      );
      const history = rows.map((r) => historyRow(entity, r.id, 'update', { [field]: [fromUserId, toUserId] }, actor.userId, actor.now));
      for (let i = 0; i < history.length; i += HISTORY_CHUNK) await tx.insert(recordHistory).values(history.slice(i, i + HISTORY_CHUNK));
    }
    return counts;
  });
}
