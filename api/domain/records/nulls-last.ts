import { and, asc, desc, getTableColumns, isNotNull, isNull, sql, type SQL, type SQLWrapper } from 'drizzle-orm';
import type { SQLiteColumn, SQLiteTable } from 'drizzle-orm/sqlite-core';
import type { TenantDb } from '../../../db/tenant/client.ts';
import { afterRow, type SortValue } from './cursor.ts';

// Keyset pages on a nullable column, nulls last (first when descending), on a plain
// (…, column, id) index. ORDER BY coalesce(column, sentinel) would be the same order but no
// index can serve it: every page would sort the whole table. Instead each page is a UNION ALL
// of small index range scans — the non-null values in (column, id) order, the nulls in id
// order, each once per partition (e.g. done = 0 / done = 1 when that column sits between the
// equality prefix and the sort column in the index) — each LIMITed, merged by one outer sort
// of at most branches × limit rows. One statement; page 1,000 costs what page 1 does.

export interface NullsLastKeyset {
  column: SQLiteColumn;
  id: SQLiteColumn;
  /** Sorts after every real value; stands for NULL in cursors and the merge. */
  sentinel: SortValue;
  desc: boolean;
  cursor: readonly [SortValue, string] | undefined;
  /** False when a filter excludes nulls anyway (e.g. a due range): skips their branch. */
  includeNulls: boolean;
}

export interface Branch {
  where: SQL | undefined;
  orderBy: SQL[];
}

/** The index-friendly branches of one page; run each as `SELECT … WHERE where ORDER BY orderBy LIMIT n`. */
export function nullsLastBranches(k: NullsLastKeyset): Branch[] {
  const dir = k.desc ? desc : asc;
  const inNulls = k.cursor !== undefined && k.cursor[0] === k.sentinel;
  const values: Branch = {
    where: and(isNotNull(k.column), k.cursor && !inNulls ? afterRow(k.column, k.id, k.desc, k.cursor[0], k.cursor[1]) : undefined),
    orderBy: [dir(k.column), dir(k.id)],
  };
  const nulls: Branch = {
    where: and(isNull(k.column), inNulls ? (k.desc ? sql`${k.id} < ${k.cursor![1]}` : sql`${k.id} > ${k.cursor![1]}`) : undefined),
    orderBy: [dir(k.id)],
  };
  if (!k.desc) return [...(inNulls ? [] : [values]), ...(k.includeNulls ? [nulls] : [])];
  // Descending: the nulls come first, so once the cursor is past them only values remain.
  return [...(k.includeNulls && (k.cursor === undefined || inNulls) ? [nulls] : []), values];
}

/** The merge order of the branches' rows, by output column names. */
export function nullsLastOrder(k: NullsLastKeyset): SQL {
  const d = sql.raw(k.desc ? 'DESC' : 'ASC');
  return sql`coalesce(${sql.identifier(k.column.name)}, ${k.sentinel}) ${d}, ${sql.identifier(k.id.name)} ${d}`;
}

/** A page row: the table's typed row and the extra columns the page query added (e.g. linked names). */
export interface PageRow<R> {
  row: R;
  extra: Record<string, unknown>;
}

/**
 * Runs `SELECT t.*, <extra> FROM (SELECT * FROM (q1) UNION ALL SELECT * FROM (q2) …) t ORDER BY
 * <orderBy> LIMIT <limit>` and maps the raw rows back to the table's typed shape. The branch
 * queries must select every column of `table`; `orderBy` and `extra` name output columns
 * (`extra` may read the page's rows as `t`, e.g. to look up a linked record's name by key).
 * A single branch works too: the outer sort then only reorders the page's own rows.
 */
export async function unionPage<T extends SQLiteTable>(
  db: Pick<TenantDb, 'all'>,
  table: T,
  queries: readonly SQLWrapper[],
  orderBy: SQL,
  limit: number,
  extra?: SQL,
): Promise<PageRow<T['$inferSelect']>[]> {
  const members = sql.join(
    queries.map((q) => sql`SELECT * FROM (${q})`),
    sql` UNION ALL `,
  );
  const columns = extra ? sql`t.*, ${extra}` : sql`t.*`;
  const rows = await db.all<Record<string, unknown>>(sql`SELECT ${columns} FROM (${members}) t ORDER BY ${orderBy} LIMIT ${limit}`);
  const typed = fromDriverRows(table, rows);
  return rows.map((extraRow, i) => ({ row: typed[i]!, extra: extraRow }));
}

/** `ORDER BY` terms on output column names, for unionPage. */
export function outputOrder(desc: boolean, ...columns: SQLiteColumn[]): SQL {
  const d = sql.raw(desc ? 'DESC' : 'ASC');
  return sql.join(
    columns.map((c) => sql`${sql.identifier(c.name)} ${d}`),
    sql`, `,
  );
}

/** Raw rows keyed by column name → the table's typed rows (booleans, etc. decoded by drizzle). */
export function fromDriverRows<T extends SQLiteTable>(table: T, rows: readonly Record<string, unknown>[]): T['$inferSelect'][] {
  const columns = Object.entries(getTableColumns(table)) as [string, SQLiteColumn][];
  return rows.map(
    (r) =>
      Object.fromEntries(
        columns.map(([key, col]) => {
          const v = r[col.name];
          return [key, v === null || v === undefined ? null : col.mapFromDriverValue(v)];
        }),
      ) as T['$inferSelect'],
  );
}
