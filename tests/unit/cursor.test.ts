import { SQLiteSyncDialect } from 'drizzle-orm/sqlite-core';
import { describe, expect, it } from 'vitest';
import { companies } from '../../db/tenant/schema.ts';
import { AppError } from '../../api/errors.ts';
import { afterRow, decodeCursor, encodeCursor, page } from '../../api/domain/records/cursor.ts';

describe('cursors', () => {
  it('round-trips numbers and strings, diacritics included, as URL-safe text', () => {
    for (const [value, id] of [
      [1_764_236_400_000, '01a2-x'],
      [0, 'a'],
      ['Žlutý kůň s.r.o.', 'id/with+chars='],
      ['', 'b'],
    ] as const) {
      const c = encodeCursor(value, id);
      expect(c).toMatch(/^[A-Za-z0-9_-]+$/);
      expect(decodeCursor(c)).toEqual([value, id]);
    }
  });

  it('rejects anything that is not a [value, id] pair with a validation error on the cursor field', () => {
    const enc = (v: unknown) => Buffer.from(JSON.stringify(v)).toString('base64url');
    for (const bad of ['', 'nonsense', '%%%', enc([1]), enc([1, 2]), enc({ v: 1, id: 'a' }), enc([null, 'a']), enc([[1], 'a']), enc([1, 'a', 2]), enc('x')]) {
      let error: unknown;
      try {
        decodeCursor(bad);
      } catch (e) {
        error = e;
      }
      expect(error, bad).toBeInstanceOf(AppError);
      expect((error as AppError).code).toBe('validation_failed');
      expect((error as AppError).fields).toEqual({ cursor: 'Use the nextCursor of a previous page.' });
    }
  });
});

describe('page', () => {
  const rows = [
    { id: 'a', n: 1 },
    { id: 'b', n: 2 },
    { id: 'c', n: 3 },
  ];

  it('returns limit rows and a cursor at the last of them when one more row was fetched', () => {
    const p = page(rows, 2, (r) => r.n);
    expect(p.items.map((r) => r.id)).toEqual(['a', 'b']);
    expect(decodeCursor(p.nextCursor!)).toEqual([2, 'b']);
  });

  it('ends the list with a null cursor when no extra row came back', () => {
    expect(page(rows, 3, (r) => r.n).nextCursor).toBeNull();
    expect(page([], 3, (r: { id: string }) => r.id)).toEqual({ items: [], nextCursor: null });
  });
});

describe('afterRow', () => {
  const dialect = new SQLiteSyncDialect();

  it('compares (column, id) as a row value, the direction following the sort', () => {
    const asc = dialect.sqlToQuery(afterRow(companies.name, companies.id, false, 'Acme', 'x1'));
    expect(asc.sql).toBe('("companies"."name", "companies"."id") > (?, ?)');
    expect(asc.params).toEqual(['Acme', 'x1']);
    const desc = dialect.sqlToQuery(afterRow(companies.updatedAt, companies.id, true, 5, 'x2'));
    expect(desc.sql).toBe('("companies"."updated_at", "companies"."id") < (?, ?)');
    expect(desc.params).toEqual([5, 'x2']);
  });
});
