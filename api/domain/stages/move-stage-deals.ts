import { and, asc, desc, eq, isNull, sql } from 'drizzle-orm';
import { deals, recordHistory } from '../../../db/tenant/schema.ts';
import { positionIn, type Tx } from '../deals/column-position.ts';
import { DEAL_ENTITY, followStage } from '../deals/write-deal.ts';
import type { Actor } from '../records/actor.ts';
import { keysAfter } from '../records/position.ts';
import { historyRow, type Changes } from '../records/history.ts';
import type { StageRow } from './stage.ts';

// A few hundred rows per statement keeps well under SQLite's bound-parameter limit.
const BATCH = 300;

interface Moved {
  id: string;
  position: string;
  probability: number | null;
  version: number;
}

/**
 * Moves every deal of `from` into `to`, live ones and those in the trash (so a later restore
 * never names a deleted stage), inside the caller's transaction. Each deal changes as a stage
 * change through PATCH would: the probability follows the stage unless set by hand, the version
 * goes up and the change is in its history. Live cards keep their order and go to the end of the
 * target column; trashed ones keep their key (a restore puts them on top anyway).
 * Returns how many live deals moved.
 */
export async function moveStageDeals(tx: Tx, from: StageRow, to: StageRow, actor: Actor): Promise<number> {
  const rows = await tx
    .select({ id: deals.id, position: deals.position, probability: deals.probability, version: deals.version, deletedAt: deals.deletedAt })
    .from(deals)
    .where(eq(deals.stage, from.id))
    .orderBy(asc(deals.position), asc(deals.id));
  if (rows.length === 0) return 0;

  const live = rows.filter((r) => r.deletedAt === null);
  const keys = new Map<string, string>();
  if (live.length > 0) {
    const [last] = await tx
      .select({ id: deals.id, position: deals.position })
      .from(deals)
      .where(and(eq(deals.stage, to.id), isNull(deals.deletedAt)))
      .orderBy(desc(deals.position), desc(deals.id))
      .limit(1);
    const first = await positionIn(tx, to.id, last ? { after: last } : { top: true });
    [first, ...keysAfter(first, live.length - 1)].forEach((key, i) => keys.set(live[i]!.id, key));
  }

  const moved: Moved[] = rows.map((r) => ({
    id: r.id,
    position: keys.get(r.id) ?? r.position,
    probability: followStage(r.probability, from, to),
    version: r.version + 1,
  }));
  const history = rows.map((r, i) => {
    const changes: Changes = { stage: [from.id, to.id] };
    if (moved[i]!.probability !== r.probability) changes['probability'] = [r.probability, moved[i]!.probability];
    return historyRow(DEAL_ENTITY, r.id, 'update', changes, actor.userId, actor.now);
  });

  for (let i = 0; i < moved.length; i += BATCH) {
    const values = sql.join(
      moved.slice(i, i + BATCH).map((m) => sql`(${m.id}, ${m.position}, ${m.probability}, ${m.version})`),
      sql`, `,
    );
    await tx.run(
      sql`UPDATE deals SET stage = ${to.id}, position = v.column2, probability = v.column3, version = v.column4, updated_at = ${actor.now}
          FROM (VALUES ${values}) AS v WHERE deals.id = v.column1`,
    );
    await tx.insert(recordHistory).values(history.slice(i, i + BATCH));
  }
  return live.length;
}
