import { and, asc, count, eq, gt, gte, isNull, max, ne, sql } from 'drizzle-orm';
import type { TenantDb } from '../../../db/tenant/client.ts';
import { dealStages, deals } from '../../../db/tenant/schema.ts';
import { AppError, notFound } from '../../errors.ts';
import { newId } from '../../lib/ids.ts';
import type { Actor } from '../records/actor.ts';
import { listStages } from './list-stages.ts';
import { moveStageDeals } from './move-stage-deals.ts';
import { defaultProbability, stageView, type Stage, type StageKind } from './stage.ts';

/** A pipeline is a handful of columns; more would not fit a board anyone can read. */
export const MAX_STAGES = 30;

type Tx = Parameters<Parameters<TenantDb['transaction']>[0]>[0];

export interface StageInput {
  name: string;
  kind: StageKind;
  probability: number | null;
}

async function assertNameFree(tx: Tx, name: string, exceptId?: string): Promise<void> {
  const [dup] = await tx
    .select({ id: dealStages.id })
    .from(dealStages)
    .where(and(sql`lower(${dealStages.name}) = lower(${name})`, exceptId ? ne(dealStages.id, exceptId) : undefined))
    .limit(1);
  if (dup) throw new AppError('conflict', `There is already a stage called “${name}”.`, { fields: { name: 'Use a name no other stage has.' } });
}

async function otherOpenStages(tx: Tx, id: string): Promise<number> {
  const [row] = await tx
    .select({ n: count() })
    .from(dealStages)
    .where(and(eq(dealStages.kind, 'open'), ne(dealStages.id, id)));
  return row?.n ?? 0;
}

const lastOpenStage = () => new AppError('conflict', 'The pipeline needs at least one open stage: add another open stage first.');

/**
 * Adds a stage: an open one right after the last open stage (before won/lost), a closed one at
 * the end. Its probability defaults from its kind.
 */
export async function createStage(db: TenantDb, input: Omit<StageInput, 'probability'> & { probability?: number | null | undefined }, now: number): Promise<Stage> {
  return db.transaction(async (tx) => {
    await assertNameFree(tx, input.name);
    const [totals] = await tx
      .select({ n: count(), last: max(dealStages.position), lastOpen: sql<number | null>`max(CASE WHEN ${dealStages.kind} = 'open' THEN ${dealStages.position} END)` })
      .from(dealStages);
    if ((totals?.n ?? 0) >= MAX_STAGES) throw new AppError('conflict', `A pipeline holds at most ${MAX_STAGES} stages.`);
    let position = (totals?.last ?? 0) + 1;
    if (input.kind === 'open') {
      position = (totals?.lastOpen ?? 0) + 1;
      await tx
        .update(dealStages)
        .set({ position: sql`${dealStages.position} + 1` })
        .where(gte(dealStages.position, position));
    }
    const [row] = await tx
      .insert(dealStages)
      .values({
        id: newId(now),
        name: input.name,
        kind: input.kind,
        probability: input.probability === undefined ? defaultProbability(input.kind) : input.probability,
        position,
        createdAt: now,
        updatedAt: now,
      })
      .returning();
    return stageView(row!);
  });
}

/** Renames a stage or changes its kind or default probability; the last open stage stays open. */
export async function updateStage(db: TenantDb, id: string, patch: Partial<StageInput>, now: number): Promise<Stage> {
  return db.transaction(async (tx) => {
    const [current] = await tx.select().from(dealStages).where(eq(dealStages.id, id));
    if (!current) throw notFound('Stage');
    if (patch.name !== undefined && patch.name !== current.name) await assertNameFree(tx, patch.name, id);
    if (patch.kind !== undefined && patch.kind !== 'open' && current.kind === 'open' && (await otherOpenStages(tx, id)) === 0) throw lastOpenStage();
    const [row] = await tx
      .update(dealStages)
      .set({ ...patch, updatedAt: now })
      .where(eq(dealStages.id, id))
      .returning();
    return stageView(row!);
  });
}

/** Puts the stages in the order given; `ids` must name every stage exactly once. */
export async function reorderStages(db: TenantDb, ids: readonly string[], now: number): Promise<Stage[]> {
  return db.transaction(async (tx) => {
    const existing = await tx.select({ id: dealStages.id }).from(dealStages).orderBy(asc(dealStages.position));
    const known = new Set(existing.map((s) => s.id));
    const given = new Set(ids);
    if (given.size !== ids.length || ids.length !== known.size || ids.some((id) => !known.has(id))) {
      throw new AppError('validation_failed', 'Some fields are missing or invalid.', {
        fields: { ids: `List every stage of the pipeline exactly once (${known.size} ids).` },
      });
    }
    for (const [i, id] of ids.entries()) {
      await tx
        .update(dealStages)
        .set({ position: i + 1, updatedAt: now })
        .where(eq(dealStages.id, id));
    }
    return listStages(tx);
  });
}

const invalidMoveTo = (message: string) => new AppError('validation_failed', 'Some fields are missing or invalid.', { fields: { moveTo: message } });

/** The stage the deals of a doomed stage go to: another stage of this pipeline, or a 400 on `moveTo`. */
async function moveTarget(tx: Tx, id: string, moveTo: string) {
  if (moveTo === id) throw invalidMoveTo('Choose another stage than the one being deleted.');
  const [row] = await tx.select().from(dealStages).where(eq(dealStages.id, moveTo));
  if (!row) throw invalidMoveTo('No such stage in this pipeline.');
  return row;
}

/**
 * Removes a stage. Without `move` only an empty one (no live deal in it); a trashed deal of it
 * returns to the first open stage on restore. With `move`, every deal of the stage, live or in
 * the trash, first moves to `move.to` (see moveStageDeals), in the same transaction. The last
 * open stage always stays. Returns how many live deals moved.
 */
export async function deleteStage(db: TenantDb, id: string, move?: { to: string; actor: Actor }): Promise<number> {
  return db.transaction(async (tx) => {
    const [current] = await tx.select().from(dealStages).where(eq(dealStages.id, id));
    if (!current) throw notFound('Stage');
    const target = move ? await moveTarget(tx, id, move.to) : undefined;
    if (!target) {
      const [inUse] = await tx
        .select({ n: count() })
        .from(deals)
        .where(and(eq(deals.stage, id), isNull(deals.deletedAt)));
      const n = inUse?.n ?? 0;
      if (n > 0) {
        throw new AppError('conflict', `Move the ${n} deal${n === 1 ? '' : 's'} in “${current.name}” to another stage first.`, {
          fields: { moveTo: `Name the stage to move the ${n} deal${n === 1 ? '' : 's'} to.` },
        });
      }
    }
    if (current.kind === 'open' && (await otherOpenStages(tx, id)) === 0) throw lastOpenStage();
    const moved = target && move ? await moveStageDeals(tx, current, target, move.actor) : 0;
    await tx.delete(dealStages).where(eq(dealStages.id, id));
    await tx
      .update(dealStages)
      .set({ position: sql`${dealStages.position} - 1` })
      .where(gt(dealStages.position, current.position));
    return moved;
  });
}
