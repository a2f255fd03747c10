import { describe, expect, it } from 'vitest';
import { FIRST_KEY, isPositionKey, keyBetween, keysAfter, PositionKeyError } from '../../api/domain/records/position.ts';

/** Byte-wise comparison, the way SQLite's BINARY collation orders the stored keys. */
const before = (a: string, b: string) => Buffer.compare(Buffer.from(a), Buffer.from(b)) < 0;

/** A deterministic pseudo-random sequence, so a failure reproduces. */
function rng(seed: number) {
  let s = seed;
  return () => {
    s = (s * 1103515245 + 12345) % 2147483648;
    return s / 2147483648;
  };
}

describe('keyBetween', () => {
  it('starts an empty list at a0 and extends it at both ends', () => {
    expect(keyBetween(null, null)).toBe(FIRST_KEY);
    expect(FIRST_KEY).toBe('a0');
    expect(keyBetween('a0', null)).toBe('a1');
    expect(keyBetween(null, 'a0')).toBe('Zz');
    expect(keyBetween('az', null)).toBe('b00');
    expect(keyBetween(null, 'b00')).toBe('az');
  });

  it('finds a key strictly between two neighbours', () => {
    expect(keyBetween('a0', 'a1')).toBe('a0V');
    expect(keyBetween('a0', 'a0V')).toBe('a0G');
    expect(keyBetween('a0V', 'a1')).toBe('a0l');
    for (const [a, b] of [
      ['a0', 'a0001'],
      ['Zz', 'a0'],
      ['a1', 'b00'],
      ['a0zzzzz', 'a1'],
    ] as const) {
      const k = keyBetween(a, b);
      expect(before(a, k) && before(k, b), `${a} < ${k} < ${b}`).toBe(true);
      expect(isPositionKey(k)).toBe(true);
    }
  });

  it('keeps a total order through 2,000 random insertions (as byte strings, like SQLite)', () => {
    const random = rng(42);
    const keys: string[] = [];
    for (let i = 0; i < 2000; i++) {
      const at = Math.floor(random() * (keys.length + 1));
      const k = keyBetween(keys[at - 1] ?? null, keys[at] ?? null);
      keys.splice(at, 0, k);
    }
    for (let i = 1; i < keys.length; i++) expect(before(keys[i - 1]!, keys[i]!), `${keys[i - 1]} < ${keys[i]}`).toBe(true);
    expect(new Set(keys).size).toBe(keys.length);
    // Appending and prepending stay short; only dense middles grow.
    expect(Math.max(...keys.map((k) => k.length))).toBeLessThan(40);
  });

  it('stays short when always inserting at the same end', () => {
    let last: string | null = null;
    for (let i = 0; i < 5000; i++) last = keyBetween(last, null);
    expect(last!.length).toBeLessThanOrEqual(4);
    let first: string | null = null;
    for (let i = 0; i < 5000; i++) first = keyBetween(null, first);
    expect(first!.length).toBeLessThanOrEqual(4);
  });

  it('rejects malformed keys and reversed bounds', () => {
    expect(() => keyBetween('a1', 'a0')).toThrow(PositionKeyError);
    expect(() => keyBetween('a1', 'a1')).toThrow(PositionKeyError);
    expect(() => keyBetween('a10', null)).toThrow(PositionKeyError); // trailing zero in the fraction
    expect(() => keyBetween('', null)).toThrow(PositionKeyError);
    expect(() => keyBetween('b0', null)).toThrow(PositionKeyError); // integer part too short
    expect(() => keyBetween('a!', null)).toThrow(PositionKeyError);
    expect(isPositionKey('a0')).toBe(true);
    expect(isPositionKey('hello')).toBe(false);
  });
});

describe('keysAfter', () => {
  it('numbers a list in increasing order', () => {
    const keys = keysAfter(null, 100);
    expect(keys[0]).toBe('a0');
    for (let i = 1; i < keys.length; i++) expect(before(keys[i - 1]!, keys[i]!)).toBe(true);
  });
});
