import { and, asc, count, eq, gt, isNull, max, ne, sql } from 'drizzle-orm';
import type { TenantDb } from '../../../db/tenant/client.ts';
import { projects, projectStatuses } from '../../../db/tenant/schema.ts';
import { AppError, notFound } from '../../errors.ts';
import { newId } from '../../lib/ids.ts';
import { listProjectStatuses, projectStatusView, type ProjectStatus, type ProjectStatusKind } from './status.ts';

/** A workflow is a handful of steps; more would not fit a status picker anyone can read. */
export const MAX_PROJECT_STATUSES = 30;

type Tx = Parameters<Parameters<TenantDb['transaction']>[0]>[0];

export interface ProjectStatusInput {
  name: string;
  kind: ProjectStatusKind;
}

async function assertNameFree(tx: Tx, name: string, exceptId?: string): Promise<void> {
  const [dup] = await tx
    .select({ id: projectStatuses.id })
    .from(projectStatuses)
    .where(and(sql`lower(${projectStatuses.name}) = lower(${name})`, exceptId ? ne(projectStatuses.id, exceptId) : undefined))
    .limit(1);
  if (dup) throw new AppError('conflict', `There is already a status called “${name}”.`, { fields: { name: 'Use a name no other status has.' } });
}

/** Adds a status at the end of the workflow. */
export async function createProjectStatus(db: TenantDb, input: ProjectStatusInput, now: number): Promise<ProjectStatus> {
  return db.transaction(async (tx) => {
    await assertNameFree(tx, input.name);
    const [totals] = await tx.select({ n: count(), last: max(projectStatuses.position) }).from(projectStatuses);
    if ((totals?.n ?? 0) >= MAX_PROJECT_STATUSES) throw new AppError('conflict', `A workflow holds at most ${MAX_PROJECT_STATUSES} statuses.`);
    const [row] = await tx
      .insert(projectStatuses)
      .values({ id: newId(now), name: input.name, kind: input.kind, position: (totals?.last ?? 0) + 1, createdAt: now, updatedAt: now })
      .returning();
    return projectStatusView(row!);
  });
}

/** Renames a status or changes its kind (what the portfolio counts it as). */
export async function updateProjectStatus(db: TenantDb, id: string, patch: Partial<ProjectStatusInput>, now: number): Promise<ProjectStatus> {
  return db.transaction(async (tx) => {
    const [current] = await tx.select().from(projectStatuses).where(eq(projectStatuses.id, id));
    if (!current) throw notFound('Project status');
    if (patch.name !== undefined && patch.name !== current.name) await assertNameFree(tx, patch.name, id);
    const [row] = await tx
      .update(projectStatuses)
      .set({ ...patch, updatedAt: now })
      .where(eq(projectStatuses.id, id))
      .returning();
    return projectStatusView(row!);
  });
}

/** Puts the statuses in the order given; `ids` must name every status exactly once. */
export async function reorderProjectStatuses(db: TenantDb, ids: readonly string[], now: number): Promise<ProjectStatus[]> {
  return db.transaction(async (tx) => {
    const existing = await tx.select({ id: projectStatuses.id }).from(projectStatuses).orderBy(asc(projectStatuses.position));
    const known = new Set(existing.map((s) => s.id));
    const given = new Set(ids);
    if (given.size !== ids.length || ids.length !== known.size || ids.some((id) => !known.has(id))) {
      throw new AppError('validation_failed', 'Some fields are missing or invalid.', {
        fields: { ids: `List every project status exactly once (${known.size} ids).` },
      });
    }
    for (const [i, id] of ids.entries()) {
      await tx
        .update(projectStatuses)
        .set({ position: i + 1, updatedAt: now })
        .where(eq(projectStatuses.id, id));
    }
    return listProjectStatuses(tx);
  });
}

/**
 * Removes a status no live project is in; the workflow keeps at least one. A trashed project
 * of a deleted status returns to the first status on restore.
 */
export async function deleteProjectStatus(db: TenantDb, id: string): Promise<void> {
  await db.transaction(async (tx) => {
    const [current] = await tx.select().from(projectStatuses).where(eq(projectStatuses.id, id));
    if (!current) throw notFound('Project status');
    const [inUse] = await tx
      .select({ n: count() })
      .from(projects)
      .where(and(eq(projects.statusId, id), isNull(projects.deletedAt)));
    const n = inUse?.n ?? 0;
    if (n > 0) throw new AppError('conflict', `Move the ${n} project${n === 1 ? '' : 's'} in “${current.name}” to another status first.`);
    const [others] = await tx.select({ n: count() }).from(projectStatuses).where(ne(projectStatuses.id, id));
    if ((others?.n ?? 0) === 0) throw new AppError('conflict', 'The workflow needs at least one status: add another one first.');
    await tx.delete(projectStatuses).where(eq(projectStatuses.id, id));
    await tx
      .update(projectStatuses)
      .set({ position: sql`${projectStatuses.position} - 1` })
      .where(gt(projectStatuses.position, current.position));
  });
}
