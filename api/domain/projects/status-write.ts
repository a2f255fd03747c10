import { and, asc, count, eq, gt, isNull, max, ne, sql } from 'drizzle-orm';
import type { TenantDb } from '../../../db/tenant/client.ts';
import { projects, projectStatuses } from '../../../db/tenant/schema.ts';
import { AppError, notFound } from '../../errors.ts';
import { newId } from '../../lib/ids.ts';
import type { Actor } from '../records/actor.ts';
import { moveStatusProjects } from './status-move.ts';
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

const invalidMoveTo = (message: string) => new AppError('validation_failed', 'Some fields are missing or invalid.', { fields: { moveTo: message } });

/** The status the projects of a doomed status go to: another status of this workflow, or a 400 on `moveTo`. */
async function moveTarget(tx: Tx, id: string, moveTo: string) {
  if (moveTo === id) throw invalidMoveTo('Choose another status than the one being deleted.');
  const [row] = await tx.select().from(projectStatuses).where(eq(projectStatuses.id, moveTo));
  if (!row) throw invalidMoveTo('No such project status in this workspace.');
  return row;
}

/**
 * Removes a status; the workflow keeps at least one. Without `move` only one no live project is
 * in; a trashed project of it returns to the first status on restore. With `move`, every project
 * of the status, live or in the trash, first moves to `move.to` (see moveStatusProjects), in the
 * same transaction. Returns how many live projects moved.
 */
export async function deleteProjectStatus(db: TenantDb, id: string, move?: { to: string; actor: Actor }): Promise<number> {
  return db.transaction(async (tx) => {
    const [current] = await tx.select().from(projectStatuses).where(eq(projectStatuses.id, id));
    if (!current) throw notFound('Project status');
    const target = move ? await moveTarget(tx, id, move.to) : undefined;
    if (!target) {
      const [inUse] = await tx
        .select({ n: count() })
        .from(projects)
        .where(and(eq(projects.statusId, id), isNull(projects.deletedAt)));
      const n = inUse?.n ?? 0;
      if (n > 0) {
        throw new AppError('conflict', `Move the ${n} project${n === 1 ? '' : 's'} in “${current.name}” to another status first.`, {
          fields: { moveTo: `Name the status to move the ${n} project${n === 1 ? '' : 's'} to.` },
        });
      }
    }
    const [others] = await tx.select({ n: count() }).from(projectStatuses).where(ne(projectStatuses.id, id));
    if ((others?.n ?? 0) === 0) throw new AppError('conflict', 'The workflow needs at least one status: add another one first.');
    const moved = target && move ? await moveStatusProjects(tx, current, target, move.actor) : 0;
    await tx.delete(projectStatuses).where(eq(projectStatuses.id, id));
    await tx
      .update(projectStatuses)
      .set({ position: sql`${projectStatuses.position} - 1` })
      .where(gt(projectStatuses.position, current.position));
    return moved;
  });
}
