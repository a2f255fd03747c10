import { and, sql, type SQL } from 'drizzle-orm';
import type { TenantDb } from '../../../db/tenant/client.ts';
import { deals, dealStages } from '../../../db/tenant/schema.ts';
import { encodeCursor } from '../records/cursor.ts';
import { fromDriverRows } from '../records/nulls-last.ts';
import { stageView, type Stage } from '../stages/stage.ts';
import { DEAL_LINK_COLUMNS, dealLinks } from './deal-links.ts';
import { dealView, type Deal, type Money } from './deal.ts';
import { dealFilters, type DealFilters } from './list-deals.ts';

export interface BoardColumn {
  stage: Stage;
  /** Live deals in the stage (all of them, not only the items shown). */
  count: number;
  /** Sum of the deals' values per currency (deals without a value count but add nothing). */
  totals: Money[];
  /** The first cards by position. */
  items: Deal[];
  /** Continues the column: `GET /deals?stage=<id>&sort=position&cursor=…`. */
  nextCursor: string | null;
}

/**
 * The pipeline board in two statements whatever the number of stages and deals: the stages
 * joined with one GROUP BY stage, currency aggregate, and the first `perColumn` cards of every
 * stage through a correlated, LIMITed range scan of the (stage, deleted_at, position, id) index.
 */
export async function dealBoard(db: TenantDb, filters: Omit<DealFilters, 'stage'>, perColumn = 50): Promise<{ columns: BoardColumn[] }> {
  const where: SQL = and(sql`${deals.deletedAt} IS NULL`, ...dealFilters(db, filters))!;
  // One batch: a single snapshot (a card moving between the two reads can't be counted twice).
  const [stageRows, cardRows] = await db.batch([
    db.all<Record<string, unknown> & { currency: string | null; n: number | null; amount: number | null }>(sql`
      SELECT s.*, a.currency, a.n, a.amount
        FROM deal_stages s
        LEFT JOIN (
          SELECT stage, value_currency AS currency, count(*) AS n, sum(value_amount) AS amount
            FROM deals WHERE ${where} GROUP BY stage, value_currency
        ) a ON a.stage = s.id
       ORDER BY s.position, s.id, a.currency`),
    db.all<Record<string, unknown>>(sql`
      SELECT t.*, ${DEAL_LINK_COLUMNS} FROM deal_stages s
        JOIN deals t ON t.rowid IN (
          SELECT rowid FROM deals WHERE ${deals.stage} = s.id AND ${where}
           ORDER BY position, id LIMIT ${perColumn + 1})
       ORDER BY s.position, s.id, t.position, t.id`),
  ]);

  const columns: BoardColumn[] = [];
  const byStage = new Map<string, BoardColumn>();
  const stages = fromDriverRows(dealStages, stageRows);
  stageRows.forEach((r, i) => {
    const stage = stages[i]!;
    let column = byStage.get(stage.id);
    if (!column) {
      column = { stage: stageView(stage), count: 0, totals: [], items: [], nextCursor: null };
      byStage.set(stage.id, column);
      columns.push(column);
    }
    column.count += Number(r.n ?? 0);
    if (r.currency !== null && r.amount !== null) column.totals.push({ currency: r.currency, amount: Number(r.amount) });
  });
  const cards = fromDriverRows(deals, cardRows);
  cards.forEach((row, i) => {
    const column = byStage.get(row.stage);
    if (!column) return;
    if (column.items.length < perColumn) column.items.push(dealView(row, dealLinks(cardRows[i]!)));
    else {
      const last = column.items[column.items.length - 1]!;
      column.nextCursor = encodeCursor(last.position, last.id);
    }
  });
  return { columns };
}
