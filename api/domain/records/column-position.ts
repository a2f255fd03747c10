import { sql, type SQL } from 'drizzle-orm';
import type { TenantDb } from '../../../db/tenant/client.ts';
import { keyBetween, keysAfter, PositionKeyError } from './position.ts';

export type Tx = Parameters<Parameters<TenantDb['transaction']>[0]>[0];

export interface Card {
  id: string;
  position: string | null;
}

/** Where a card goes in a column: on top, right after one card, or right before one. */
export type Placement = { top: true } | { after: Card } | { before: Card };

/**
 * One board column of some table: the deal board's stage, a project's task status. `where`
 * selects the column's live cards; the table has `id` and a text `position`.
 */
export interface ColumnScope {
  table: 'deals' | 'tasks';
  where: SQL;
  /** Rows may lack a position (tasks written before they were on a board): they sort first, as '' would. */
  nullablePosition?: boolean;
}

// ORDER BY the bare column so the column's (…, position, id) index gives the order (NULLs sort first);
// comparisons fold a missing position to '' only where one can be missing.
const keyOf = (scope: ColumnScope) => (scope.nullablePosition ? sql`coalesce(position, '')` : sql`position`);

function cards(scope: ColumnScope, exceptId: string | undefined, extra?: SQL): SQL {
  return sql`SELECT id, position FROM ${sql.identifier(scope.table)} WHERE ${scope.where}${exceptId ? sql` AND id <> ${exceptId}` : sql``}${extra ? sql` AND ${extra}` : sql``}`;
}

/** The card's actual neighbours now, in (position, id) order, the moving card itself left out. */
async function neighbours(tx: Tx, scope: ColumnScope, placement: Placement, exceptId: string | undefined): Promise<[Card | null, Card | null]> {
  const one = async (q: SQL) => (await tx.all<Card>(q))[0] ?? null;
  const key = keyOf(scope);
  if ('top' in placement) return [null, await one(sql`${cards(scope, exceptId)} ORDER BY position, id LIMIT 1`)];
  if ('after' in placement) {
    const a = placement.after;
    return [a, await one(sql`${cards(scope, exceptId, sql`(${key}, id) > (${a.position ?? ''}, ${a.id})`)} ORDER BY position, id LIMIT 1`)];
  }
  const b = placement.before;
  return [await one(sql`${cards(scope, exceptId, sql`(${key}, id) < (${b.position ?? ''}, ${b.id})`)} ORDER BY position DESC, id DESC LIMIT 1`), b];
}

/**
 * Gives the column's live cards fresh, evenly spread keys in their current (position, id)
 * order. Only needed when two cards share a key or lack one, or a stored key is malformed;
 * versions are left alone since no one's edit changed.
 */
async function renumber(tx: Tx, scope: ColumnScope, exceptId: string | undefined): Promise<Map<string, string>> {
  const rows = await tx.all<Card>(sql`${cards(scope, exceptId)} ORDER BY position, id`);
  const keys = keysAfter(null, rows.length);
  const fresh = new Map(rows.map((c, i) => [c.id, keys[i]!]));
  const pairs = [...fresh];
  const table = sql.identifier(scope.table);
  // A few hundred rows per statement keeps well under SQLite's bound-parameter limit.
  for (let i = 0; i < pairs.length; i += 400) {
    const values = sql.join(
      pairs.slice(i, i + 400).map(([id, key]) => sql`(${id}, ${key})`),
      sql`, `,
    );
    await tx.run(sql`UPDATE ${table} SET position = v.column2 FROM (VALUES ${values}) AS v WHERE ${table}.id = v.column1`);
  }
  return fresh;
}

/**
 * A position key for a card entering the column at `placement`, computed from the neighbours'
 * keys as they are inside the caller's write transaction (so concurrent moves each see the
 * previous one's result). The key sorts strictly between the neighbours, so no two live cards
 * of a column share one. The deal board and the project boards both place cards with it.
 */
export async function positionIn(tx: Tx, scope: ColumnScope, placement: Placement, exceptId?: string): Promise<string> {
  let [lower, upper] = await neighbours(tx, scope, placement, exceptId);
  try {
    if (lower?.position === null || upper?.position === null) throw new PositionKeyError('a card without a position');
    return keyBetween(lower?.position ?? null, upper?.position ?? null);
  } catch (e) {
    if (!(e instanceof PositionKeyError)) throw e;
  }
  const fresh = await renumber(tx, scope, exceptId);
  const anchor = (c: Card | null) => (c ? { id: c.id, position: fresh.get(c.id) ?? c.position } : null);
  [lower, upper] = [anchor(lower), anchor(upper)];
  return keyBetween(lower?.position ?? null, upper?.position ?? null);
}
