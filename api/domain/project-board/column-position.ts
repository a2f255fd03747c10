import { and, asc, desc, eq, isNull, ne, sql, type SQL } from 'drizzle-orm';
import type { TenantDb } from '../../../db/tenant/client.ts';
import { tasks } from '../../../db/tenant/schema.ts';
import { keyBetween, keysAfter, PositionKeyError } from '../records/position.ts';

export type Tx = Parameters<Parameters<TenantDb['transaction']>[0]>[0];

/** A board column: one status of one project. */
export interface Column {
  projectId: string;
  status: string;
}

/** Where a card goes in a column: on top, right after one card, or right before one. */
export type Placement = { top: true } | { after: Card } | { before: Card };

export interface Card {
  id: string;
  position: string | null;
}

// Cards written without a position (older rows, imports) sort first, as '' would.
const pos = sql`coalesce(${tasks.position}, '')`;

const live = (column: Column, exceptId: string | undefined): SQL =>
  and(eq(tasks.projectId, column.projectId), isNull(tasks.deletedAt), eq(tasks.status, column.status), exceptId ? ne(tasks.id, exceptId) : undefined)!;

/** The card's actual neighbours now, in (position, id) order, the moving card itself left out. */
async function neighbours(tx: Tx, column: Column, placement: Placement, exceptId: string | undefined): Promise<[Card | null, Card | null]> {
  const card = { id: tasks.id, position: tasks.position };
  if ('top' in placement) {
    const [first] = await tx.select(card).from(tasks).where(live(column, exceptId)).orderBy(asc(tasks.position), asc(tasks.id)).limit(1);
    return [null, first ?? null];
  }
  if ('after' in placement) {
    const a = placement.after;
    const [next] = await tx
      .select(card)
      .from(tasks)
      .where(and(live(column, exceptId), sql`(${pos}, ${tasks.id}) > (${a.position ?? ''}, ${a.id})`))
      .orderBy(asc(tasks.position), asc(tasks.id))
      .limit(1);
    return [a, next ?? null];
  }
  const b = placement.before;
  const [prev] = await tx
    .select(card)
    .from(tasks)
    .where(and(live(column, exceptId), sql`(${pos}, ${tasks.id}) < (${b.position ?? ''}, ${b.id})`))
    .orderBy(desc(tasks.position), desc(tasks.id))
    .limit(1);
  return [prev ?? null, b];
}

/**
 * Gives the column's live cards fresh, evenly spread keys in their current (position, id)
 * order. Only needed when two cards share a key or lack one, or a stored key is malformed;
 * versions are left alone since no one's edit changed.
 */
async function renumber(tx: Tx, column: Column, exceptId: string | undefined): Promise<Map<string, string>> {
  const cards = await tx.select({ id: tasks.id }).from(tasks).where(live(column, exceptId)).orderBy(asc(tasks.position), asc(tasks.id));
  const keys = keysAfter(null, cards.length);
  const fresh = new Map(cards.map((c, i) => [c.id, keys[i]!]));
  const pairs = [...fresh];
  // A few hundred rows per statement keeps well under SQLite's bound-parameter limit.
  for (let i = 0; i < pairs.length; i += 400) {
    const values = sql.join(
      pairs.slice(i, i + 400).map(([id, key]) => sql`(${id}, ${key})`),
      sql`, `,
    );
    await tx.run(sql`UPDATE tasks SET position = v.column2 FROM (VALUES ${values}) AS v WHERE tasks.id = v.column1`);
  }
  return fresh;
}

/**
 * A position key for a card entering `column` at `placement`, computed from the neighbours'
 * keys as they are inside the caller's write transaction (so concurrent moves each see the
 * previous one's result). The key sorts strictly between the neighbours, so no two live cards
 * of a column share one.
 */
export async function positionIn(tx: Tx, column: Column, placement: Placement, exceptId?: string): Promise<string> {
  let [lower, upper] = await neighbours(tx, column, placement, exceptId);
  try {
    if (lower?.position === null || upper?.position === null) throw new PositionKeyError('a card without a position');
    return keyBetween(lower?.position ?? null, upper?.position ?? null);
  } catch (e) {
    if (!(e instanceof PositionKeyError)) throw e;
  }
  const fresh = await renumber(tx, column, exceptId);
  const anchor = (c: Card | null) => (c ? { id: c.id, position: fresh.get(c.id) ?? c.position } : null);
  [lower, upper] = [anchor(lower), anchor(upper)];
  return keyBetween(lower?.position ?? null, upper?.position ?? null);
}
