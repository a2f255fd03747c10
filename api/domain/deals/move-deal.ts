import { and, eq, isNull } from 'drizzle-orm';
import type { TenantDb } from '../../../db/tenant/client.ts';
import { deals, dealStages } from '../../../db/tenant/schema.ts';
import { AppError } from '../../errors.ts';
import type { Actor } from '../records/actor.ts';
import { historyRow, insertHistory, type Changes } from '../records/history.ts';
import { stageForDeal } from '../stages/list-stages.ts';
import { linksOf } from './deal-links.ts';
import { positionIn, type Placement, type Tx } from './column-position.ts';
import { dealView, type Deal } from './deal.ts';
import { DEAL_ENTITY, followStage, liveDeal, stale } from './write-deal.ts';

export interface Move {
  stage: string;
  /** The card that ends up directly above the moved one. */
  afterId?: string | undefined;
  /** The card that ends up directly below the moved one. */
  beforeId?: string | undefined;
}

async function anchor(tx: Tx, id: string, stage: string, self: string, field: 'afterId' | 'beforeId') {
  const [row] =
    id === self
      ? []
      : await tx
          .select({ id: deals.id, position: deals.position })
          .from(deals)
          .where(and(eq(deals.id, id), eq(deals.stage, stage), isNull(deals.deletedAt)));
  if (!row) throw new AppError('validation_failed', 'Some fields are missing or invalid.', { fields: { [field]: 'Use another card of the target stage.' } });
  return row;
}

/**
 * Drops a card into a column between neighbours (the board's drag and drop). Everything is read
 * inside the write transaction, so a neighbour that moved meanwhile is seen where it is now:
 * the card lands right after `afterId` (or right before `beforeId` when only that is given, or
 * on top when neither is). A stage change goes into the history; a reorder within a column
 * does not, but still bumps the version for If-Match.
 */
export async function moveDeal(db: TenantDb, id: string, move: Move, actor: Actor, ifMatch?: number): Promise<Deal> {
  return db.transaction(async (tx) => {
    const current = await liveDeal(tx, id);
    if (ifMatch !== undefined && ifMatch !== current.version) throw stale();
    const to = await stageForDeal(tx, move.stage);
    const after = move.afterId === undefined ? undefined : await anchor(tx, move.afterId, to.id, id, 'afterId');
    const before = move.beforeId === undefined ? undefined : await anchor(tx, move.beforeId, to.id, id, 'beforeId');
    const placement: Placement = after ? { after } : before ? { before } : { top: true };
    const position = await positionIn(tx, to.id, placement, id);
    let probability = current.probability;
    const changes: Changes = {};
    if (to.id !== current.stage) {
      const [from] = await tx.select().from(dealStages).where(eq(dealStages.id, current.stage));
      probability = followStage(current.probability, from, to);
      changes['stage'] = [current.stage, to.id];
      if (probability !== current.probability) changes['probability'] = [current.probability, probability];
    }
    const [row] = await tx
      .update(deals)
      .set({ stage: to.id, position, probability, version: current.version + 1, updatedAt: actor.now })
      .where(and(eq(deals.id, id), eq(deals.version, current.version)))
      .returning();
    if (!row) throw stale();
    if (Object.keys(changes).length) await insertHistory(tx, historyRow(DEAL_ENTITY, id, 'update', changes, actor.userId, actor.now));
    return dealView(row, await linksOf(tx, row));
  });
}
