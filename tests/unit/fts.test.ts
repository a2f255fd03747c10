import { describe, expect, it } from 'vitest';
import { ftsQuery } from '../../api/domain/records/fts.ts';

describe('ftsQuery', () => {
  it('turns every word into a quoted prefix term', () => {
    expect(ftsQuery('dvorak')).toBe('"dvorak"*');
    expect(ftsQuery('  Žlutý   kůň ')).toBe('"Žlutý"* "kůň"*');
  });

  it('splits emails, domains and numbers with separators into words', () => {
    expect(ftsQuery('info@zluty-kun.cz')).toBe('"info"* "zluty"* "kun"* "cz"*');
    expect(ftsQuery('602 123 456')).toBe('"602"* "123"* "456"*');
    expect(ftsQuery('s.r.o.')).toBe('"s"* "r"* "o"*');
  });

  it('takes FTS syntax literally', () => {
    expect(ftsQuery('a OR b')).toBe('"a"* "OR"* "b"*');
    expect(ftsQuery('NEAR(a b)')).toBe('"NEAR"* "a"* "b"*');
    expect(ftsQuery('col:value')).toBe('"col"* "value"*');
    expect(ftsQuery('x* ^y -z')).toBe('"x"* "y"* "z"*');
  });

  it('never lets a quote through unescaped', () => {
    const q = ftsQuery('"; DROP TABLE companies; --');
    expect(q).toBe('"DROP"* "TABLE"* "companies"*');
    for (const input of ['a"b', '""', 'x" OR "y', 'č"*']) {
      for (const term of (ftsQuery(input) ?? '').split(' ').filter(Boolean)) expect(term, input).toMatch(/^"[^"]+"\*$/);
    }
  });

  it('returns null when nothing searchable is left', () => {
    for (const v of ['', '   ', '***', '"', '@.-+_', '()']) expect(ftsQuery(v), JSON.stringify(v)).toBeNull();
  });

  it('folds compatibility forms and keeps at most eight words', () => {
    expect(ftsQuery('ﬁrma')).toBe('"firma"*');
    expect(ftsQuery('a b c d e f g h i j')).toBe('"a"* "b"* "c"* "d"* "e"* "f"* "g"* "h"*');
  });
});
