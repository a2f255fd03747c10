import type { TenantDb } from '../../../db/tenant/client.ts';
import { recordHistory } from '../../../db/tenant/schema.ts';
import { newId } from '../../lib/ids.ts';

export type Changes = Record<string, [unknown, unknown]>;

/** Field-by-field differences between two versions of a record (JSON-equal values are the same). */
export function diff(before: Record<string, unknown> | null, after: Record<string, unknown> | null, fields: readonly string[]): Changes {
  const changes: Changes = {};
  for (const f of fields) {
    const a = before ? (before[f] ?? null) : null;
    const b = after ? (after[f] ?? null) : null;
    if (JSON.stringify(a) !== JSON.stringify(b)) changes[f] = [a, b];
  }
  return changes;
}

/** The history row for one write; insert it in the same transaction as the write itself. */
export function historyRow(
  entity: string,
  entityId: string,
  action: 'create' | 'update' | 'delete' | 'restore',
  changes: Changes,
  actorId: string | null,
  now: number,
): typeof recordHistory.$inferInsert {
  return { id: newId(now), entity, entityId, action, changes: JSON.stringify(changes), actorId, at: now };
}

export async function insertHistory(db: Pick<TenantDb, 'insert'>, row: typeof recordHistory.$inferInsert): Promise<void> {
  await db.insert(recordHistory).values(row);
}
