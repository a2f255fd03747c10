import { sql, type SQL } from 'drizzle-orm';
import type { SQLiteColumn } from 'drizzle-orm/sqlite-core';
import { AppError } from '../../errors.ts';

export type SortValue = string | number;

/** Opaque cursor: the sort value and id of the last row of the page. */
export function encodeCursor(value: SortValue, id: string): string {
  return Buffer.from(JSON.stringify([value, id])).toString('base64url');
}

export function decodeCursor(cursor: string): [SortValue, string] {
  try {
    const v: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (Array.isArray(v) && v.length === 2 && (typeof v[0] === 'string' || typeof v[0] === 'number') && typeof v[1] === 'string') {
      return [v[0], v[1]];
    }
  } catch {
    // fall through to the error below
  }
  throw new AppError('validation_failed', 'The cursor is not valid.', { fields: { cursor: 'Use the nextCursor of a previous page.' } });
}

/**
 * The keyset condition "after this row" for ORDER BY column, id (both ascending or both
 * descending), so a page deep in the list costs what the first one does. The column must
 * be NOT NULL (nullable sorts go through a COALESCE'd column instead).
 */
export function afterRow(column: SQLiteColumn | SQL, idColumn: SQLiteColumn, desc: boolean, value: SortValue, id: string): SQL {
  // A row-value comparison, which SQLite turns into a range scan on the (column, id) index.
  return desc ? sql`(${column}, ${idColumn}) < (${value}, ${id})` : sql`(${column}, ${idColumn}) > (${value}, ${id})`;
}

/** Builds `{ items, nextCursor }` from `limit + 1` fetched rows. */
export function page<T extends { id: string }>(rows: T[], limit: number, sortValue: (row: T) => SortValue) {
  const items = rows.slice(0, limit);
  const last = items[items.length - 1];
  return { items, nextCursor: rows.length > limit && last ? encodeCursor(sortValue(last), last.id) : null };
}
