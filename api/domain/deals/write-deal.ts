import { and, eq, isNotNull, isNull } from 'drizzle-orm';
import type { TenantDb } from '../../../db/tenant/client.ts';
import { deals, dealStages } from '../../../db/tenant/schema.ts';
import { AppError, notFound } from '../../errors.ts';
import { newId } from '../../lib/ids.ts';
import type { Actor } from '../records/actor.ts';
import { diff, historyRow, insertHistory, type Changes } from '../records/history.ts';
import { assertLiveRefs } from '../records/live-refs.ts';
import { normalizeTags, writeTags } from '../records/tags.ts';
import { firstOpenStage, stageForDeal } from '../stages/list-stages.ts';
import type { StageRow } from '../stages/stage.ts';
import { linksOf } from './deal-links.ts';
import { positionIn, type Tx } from './column-position.ts';
import { DEAL_FIELDS, dealColumns, dealInput, dealView, historyValues, type Deal, type DealInput } from './deal.ts';

export const DEAL_ENTITY = 'deal';

export type NewDeal = Omit<DealInput, 'stage' | 'probability'> & { stage?: string | undefined; probability?: number | null | undefined };

/**
 * The probability a deal has after moving between stages: the new stage's default while the deal
 * still carries the old stage's (nobody set it by hand), otherwise what was set.
 */
export function followStage(probability: number | null, from: StageRow | undefined, to: StageRow): number | null {
  return from === undefined || probability === null || probability === from.probability ? to.probability : probability;
}

/** Creates a deal on top of its stage's column (default: the first open stage), with tags and history, in one transaction. */
export async function createDeal(db: TenantDb, input: NewDeal, actor: Actor): Promise<Deal> {
  const id = newId(actor.now);
  const tags = normalizeTags(input.tags);
  return db.transaction(async (tx) => {
    const stage = input.stage === undefined ? await firstOpenStage(tx) : await stageForDeal(tx, input.stage);
    await assertLiveRefs(tx, input);
    const d: DealInput = { ...input, tags, stage: stage.id, probability: input.probability === undefined ? stage.probability : input.probability };
    const position = await positionIn(tx, stage.id, { top: true });
    const [row] = await tx
      .insert(deals)
      .values({ id, ...dealColumns(d), position, version: 1, createdAt: actor.now, updatedAt: actor.now })
      .returning();
    await writeTags(tx, DEAL_ENTITY, id, tags);
    await insertHistory(tx, historyRow(DEAL_ENTITY, id, 'create', diff(null, historyValues(d), DEAL_FIELDS), actor.userId, actor.now));
    return dealView(row!, await linksOf(tx, row!));
  });
}

export async function liveDeal(tx: Tx, id: string) {
  const [row] = await tx.select().from(deals).where(and(eq(deals.id, id), isNull(deals.deletedAt)));
  if (!row) throw notFound('Deal');
  return row;
}

/**
 * Applies a partial change (If-Match: only at that version, else 409 and nothing written). A new
 * stage puts the card on top of that column and, unless the patch sets one, moves the
 * probability along with the stage.
 */
export async function updateDeal(db: TenantDb, id: string, patch: Partial<DealInput>, actor: Actor, ifMatch?: number): Promise<Deal> {
  return db.transaction(async (tx) => {
    const current = await liveDeal(tx, id);
    if (ifMatch !== undefined && ifMatch !== current.version) throw stale();
    const before = dealInput(current);
    const merged: DealInput = { ...before, ...patch, tags: patch.tags ? normalizeTags(patch.tags) : before.tags };
    let position = current.position;
    if (merged.stage !== before.stage) {
      const to = await stageForDeal(tx, merged.stage);
      const [from] = await tx.select().from(dealStages).where(eq(dealStages.id, before.stage));
      if (patch.probability === undefined) merged.probability = followStage(before.probability, from, to);
      position = await positionIn(tx, to.id, { top: true }, id);
    }
    await assertLiveRefs(tx, {
      companyId: merged.companyId !== before.companyId ? merged.companyId : undefined,
      contactId: merged.contactId !== before.contactId ? merged.contactId : undefined,
    });
    const changes = diff(historyValues(before), historyValues(merged), DEAL_FIELDS);
    if (Object.keys(changes).length === 0) return dealView(current, await linksOf(tx, current));
    const [row] = await tx
      .update(deals)
      .set({ ...dealColumns(merged), position, version: current.version + 1, updatedAt: actor.now })
      .where(and(eq(deals.id, id), eq(deals.version, current.version)))
      .returning();
    if (!row) throw stale();
    if (changes['tags']) await writeTags(tx, DEAL_ENTITY, id, merged.tags);
    await insertHistory(tx, historyRow(DEAL_ENTITY, id, 'update', changes, actor.userId, actor.now));
    return dealView(row, await linksOf(tx, row));
  });
}

/** Moves the deal to the trash (restorable for 30 days). */
export async function trashDeal(db: TenantDb, id: string, actor: Actor, ifMatch?: number): Promise<void> {
  await db.transaction(async (tx) => {
    const current = await liveDeal(tx, id);
    if (ifMatch !== undefined && ifMatch !== current.version) throw stale();
    await tx.update(deals).set({ deletedAt: actor.now, version: current.version + 1, updatedAt: actor.now }).where(eq(deals.id, id));
    await insertHistory(tx, historyRow(DEAL_ENTITY, id, 'delete', {}, actor.userId, actor.now));
  });
}

/**
 * Brings a deal back onto the top of its column; if its stage was deleted meanwhile, onto the
 * first open stage (recorded in the history).
 */
export async function restoreDeal(db: TenantDb, id: string, actor: Actor): Promise<Deal> {
  return db.transaction(async (tx) => {
    const [current] = await tx.select().from(deals).where(and(eq(deals.id, id), isNotNull(deals.deletedAt)));
    if (!current) throw notFound('Deal in the trash');
    const [stage] = await tx.select().from(dealStages).where(eq(dealStages.id, current.stage));
    const target = stage ?? (await firstOpenStage(tx));
    const position = await positionIn(tx, target.id, { top: true }, id);
    const [row] = await tx
      .update(deals)
      .set({ deletedAt: null, stage: target.id, position, updatedAt: actor.now, version: current.version + 1 })
      .where(eq(deals.id, id))
      .returning();
    const changes: Changes = target.id === current.stage ? {} : { stage: [current.stage, target.id] };
    await insertHistory(tx, historyRow(DEAL_ENTITY, id, 'restore', changes, actor.userId, actor.now));
    return dealView(row!, await linksOf(tx, row!));
  });
}

export const stale = () => new AppError('conflict', 'Someone else changed this record meanwhile. Reload it and try again.');
