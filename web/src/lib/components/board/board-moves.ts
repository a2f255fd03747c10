// Pure helpers of the deal board: where a dropped card landed, and the column figures after a move.
import type { BoardColumn, Deal } from './deal-api.ts';
import type { Money } from './money.ts';

/** The cards around `id` after a drop: `afterId` is the card above it, `beforeId` the card below. */
export function neighboursOf(deals: readonly Deal[], id: string): { afterId?: string; beforeId?: string } {
  const index = deals.findIndex((d) => d.id === id);
  if (index < 0) return {};
  const above = deals[index - 1];
  const below = deals[index + 1];
  return { ...(above ? { afterId: above.id } : {}), ...(below ? { beforeId: below.id } : {}) };
}

/** Adds (`sign` 1) or takes away (`sign` -1) a deal's value from a column's per-currency sums. */
export function adjustTotals(totals: readonly Money[], value: Money | null, sign: 1 | -1): Money[] {
  if (!value) return totals.map((m) => ({ ...m }));
  const out = totals.map((m) => ({ ...m }));
  const existing = out.find((m) => m.currency === value.currency);
  if (existing) existing.amount += sign * value.amount;
  else if (sign > 0) out.push({ ...value });
  // A currency whose deals all left the column stops being listed.
  return out.filter((m) => m.amount !== 0);
}

/** A deep-enough copy of the board to put back when a move fails. */
export function snapshotBoard(columns: readonly BoardColumn[]): BoardColumn[] {
  return columns.map((c) => ({ ...c, stage: { ...c.stage }, deals: c.deals.map((d) => ({ ...d })), totals: c.totals.map((m) => ({ ...m })) }));
}

/** Where a deal sat in a board: the column index and its index within the column. */
export function locate(columns: readonly BoardColumn[], id: string): { column: number; index: number } | null {
  for (let column = 0; column < columns.length; column++) {
    const index = columns[column]?.deals.findIndex((d) => d.id === id) ?? -1;
    if (index >= 0) return { column, index };
  }
  return null;
}
