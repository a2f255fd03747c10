import { eq, sql } from 'drizzle-orm';
import type { TenantDb } from '../../../db/tenant/client.ts';
import { projects, recordHistory } from '../../../db/tenant/schema.ts';
import type { Actor } from '../records/actor.ts';
import { historyRow } from '../records/history.ts';
import { PROJECT_ENTITY } from './project-write.ts';
import type { ProjectStatusRow } from './status.ts';

type Tx = Parameters<Parameters<TenantDb['transaction']>[0]>[0];

// A few hundred rows per statement keeps well under SQLite's bound-parameter limit.
const BATCH = 300;

/**
 * Moves every project of `from` into `to`, live ones and those in the trash (so a later restore
 * never names a deleted status), inside the caller's transaction. Each project changes as a
 * status change through PATCH would: the version goes up and the change is in its history.
 * Projects have no order within a status, so nothing else moves. Returns how many live projects moved.
 */
export async function moveStatusProjects(tx: Tx, from: ProjectStatusRow, to: ProjectStatusRow, actor: Actor): Promise<number> {
  const rows = await tx.select({ id: projects.id, deletedAt: projects.deletedAt }).from(projects).where(eq(projects.statusId, from.id));
  if (rows.length === 0) return 0;
  await tx
    .update(projects)
    .set({ statusId: to.id, version: sql`${projects.version} + 1`, updatedAt: actor.now })
    .where(eq(projects.statusId, from.id));
  const history = rows.map((r) => historyRow(PROJECT_ENTITY, r.id, 'update', { statusId: [from.id, to.id] }, actor.userId, actor.now));
  for (let i = 0; i < history.length; i += BATCH) await tx.insert(recordHistory).values(history.slice(i, i + BATCH));
  return rows.filter((r) => r.deletedAt === null).length;
}
