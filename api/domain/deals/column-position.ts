import { and, asc, desc, eq, isNull, ne, sql, type SQL } from 'drizzle-orm';
import type { TenantDb } from '../../../db/tenant/client.ts';
import { deals } from '../../../db/tenant/schema.ts';
import { keyBetween, keysAfter, PositionKeyError } from '../records/position.ts';

export type Tx = Parameters<Parameters<TenantDb['transaction']>[0]>[0];

/** Where a card goes in a column: on top, right after one card, or right before one. */
export type Placement = { top: true } | { after: { id: string; position: string } } | { before: { id: string; position: string } };

interface Card {
  id: string;
  position: string;
}

const live = (stage: string, exceptId: string | undefined): SQL =>
  and(eq(deals.stage, stage), isNull(deals.deletedAt), exceptId ? ne(deals.id, exceptId) : undefined)!;

/** The card's actual neighbours now, in (position, id) order, the moving card itself left out. */
async function neighbours(tx: Tx, stage: string, placement: Placement, exceptId: string | undefined): Promise<[Card | null, Card | null]> {
  const card = { id: deals.id, position: deals.position };
  if ('top' in placement) {
    const [first] = await tx.select(card).from(deals).where(live(stage, exceptId)).orderBy(asc(deals.position), asc(deals.id)).limit(1);
    return [null, first ?? null];
  }
  if ('after' in placement) {
    const a = placement.after;
    const [next] = await tx
      .select(card)
      .from(deals)
      .where(and(live(stage, exceptId), sql`(${deals.position}, ${deals.id}) > (${a.position}, ${a.id})`))
      .orderBy(asc(deals.position), asc(deals.id))
      .limit(1);
    return [a, next ?? null];
  }
  const b = placement.before;
  const [prev] = await tx
    .select(card)
    .from(deals)
    .where(and(live(stage, exceptId), sql`(${deals.position}, ${deals.id}) < (${b.position}, ${b.id})`))
    .orderBy(desc(deals.position), desc(deals.id))
    .limit(1);
  return [prev ?? null, b];
}

/**
 * Gives the column's live cards fresh, evenly spread keys in their current (position, id)
 * order. Only needed when two cards share a key (rows written without one) or a stored key is
 * malformed; versions are left alone since no one's edit changed.
 */
async function renumber(tx: Tx, stage: string, exceptId: string | undefined): Promise<Map<string, string>> {
  const cards = await tx.select({ id: deals.id }).from(deals).where(live(stage, exceptId)).orderBy(asc(deals.position), asc(deals.id));
  const keys = keysAfter(null, cards.length);
  const fresh = new Map(cards.map((c, i) => [c.id, keys[i]!]));
  const pairs = [...fresh];
  // A few hundred rows per statement keeps well under SQLite's bound-parameter limit.
  for (let i = 0; i < pairs.length; i += 400) {
    const values = sql.join(
      pairs.slice(i, i + 400).map(([id, key]) => sql`(${id}, ${key})`),
      sql`, `,
    );
    await tx.run(sql`UPDATE deals SET position = v.column2 FROM (VALUES ${values}) AS v WHERE deals.id = v.column1`);
  }
  return fresh;
}

/**
 * A position key for a card entering `stage`'s column at `placement`, computed from the
 * neighbours' keys as they are inside the caller's write transaction (so concurrent moves each
 * see the previous one's result). The key sorts strictly between the neighbours, so no two live
 * cards of a column share one.
 */
export async function positionIn(tx: Tx, stage: string, placement: Placement, exceptId?: string): Promise<string> {
  let [lower, upper] = await neighbours(tx, stage, placement, exceptId);
  try {
    return keyBetween(lower?.position ?? null, upper?.position ?? null);
  } catch (e) {
    if (!(e instanceof PositionKeyError)) throw e;
  }
  const fresh = await renumber(tx, stage, exceptId);
  const anchor = (c: Card | null) => (c ? { id: c.id, position: fresh.get(c.id) ?? c.position } : null);
  [lower, upper] = [anchor(lower), anchor(upper)];
  return keyBetween(lower?.position ?? null, upper?.position ?? null);
}
