import { describe, expect, it } from 'vitest';
import { slugify } from '../../api/lib/slug.ts';

describe('slugify', () => {
  it.each([
    ['Acme', 'acme'],
    ['Žlutý kůň s.r.o.', 'zluty-kun-s-r-o'],
    ['  Příliš   žluťoučký -- kůň  ', 'prilis-zlutoucky-kun'],
    ['ČEZ, a.s.', 'cez-a-s'],
    ['Ünïcödé GmbH & Co. KG', 'unicode-gmbh-co-kg'],
    ['2Things', '2things'],
  ])('%s → %s', (name, slug) => {
    expect(slugify(name)).toBe(slug);
  });

  it('is URL-safe ASCII and at most 40 characters, without a trailing dash', () => {
    const s = slugify('A very long company name that goes on and on, s.r.o. — really');
    expect(s.length).toBeLessThanOrEqual(40);
    expect(s).toMatch(/^[a-z0-9]+(?:-[a-z0-9]+)*$/);
    expect(slugify('a'.repeat(39) + ' b')).toBe('a'.repeat(39));
  });

  it('pads names too short or without letters to a usable slug', () => {
    expect(slugify('X')).toBe('ws-x');
    expect(slugify('!!!')).toBe('ws');
    expect(slugify('')).toBe('ws');
    expect(slugify('日本')).toBe('ws');
    for (const name of ['X', '!!!', '', '日本', '-']) expect(slugify(name)).toMatch(/^[a-z0-9]+(?:-[a-z0-9]+)*$/);
  });
});
