import { describe, expect, it } from 'vitest';
import { newId } from '../../api/lib/ids.ts';

const UUID_V7 = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe('newId', () => {
  it('is a UUIDv7 (version 7, RFC 9562 variant)', () => {
    for (let i = 0; i < 100; i++) expect(newId()).toMatch(UUID_V7);
  });

  it('carries the given time in its first 48 bits', () => {
    const t = Date.UTC(2026, 10, 27, 9, 30);
    const id = newId(t);
    expect(parseInt(id.replace(/-/g, '').slice(0, 12), 16)).toBe(t);
  });

  it('sorts by creation time as a plain string', () => {
    const ids = [5, 1_000, 1_700_000_000_000, 1_800_000_000_000, 2 ** 47].map((t) => newId(t));
    expect([...ids].sort()).toEqual(ids);
  });

  it('is unique even within one millisecond', () => {
    const t = Date.now();
    const ids = new Set(Array.from({ length: 10_000 }, () => newId(t)));
    expect(ids.size).toBe(10_000);
  });

  it('sorts ids made within one millisecond in the order they were made', () => {
    const t = Date.UTC(2026, 10, 27, 9, 30);
    const ids = Array.from({ length: 1_000 }, () => newId(t));
    expect([...ids].sort()).toEqual(ids);
    for (const id of ids) expect(id).toMatch(UUID_V7);
  });
});
