import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { isValidDic, isValidIco, normalizeDic, normalizePhone, normalizePsc } from '../../api/lib/cz.ts';

interface Vector {
  value: string;
  valid: boolean;
  note?: string;
}
const vectors = JSON.parse(readFileSync('/work/shared/fixtures/cz/test-vectors.json', 'utf8')) as Record<'ico' | 'dic' | 'psc' | 'phone', Vector[]>;

const label = (v: Vector) => `${v.value} (${v.valid ? 'valid' : 'invalid'}${v.note ? `: ${v.note}` : ''})`;

describe('the shared test vectors', () => {
  it('has vectors of every kind, valid and invalid', () => {
    for (const kind of ['ico', 'dic', 'psc', 'phone'] as const) {
      expect(vectors[kind].some((v) => v.valid), kind).toBe(true);
      expect(vectors[kind].some((v) => !v.valid), kind).toBe(true);
    }
  });

  for (const v of vectors.ico) it(`IČO ${label(v)}`, () => expect(isValidIco(v.value)).toBe(v.valid));
  for (const v of vectors.dic) it(`DIČ ${label(v)}`, () => expect(isValidDic(v.value)).toBe(v.valid));
  for (const v of vectors.psc) it(`PSČ ${label(v)}`, () => expect(normalizePsc(v.value) !== null).toBe(v.valid));
  for (const v of vectors.phone) it(`phone ${label(v)}`, () => expect(normalizePhone(v.value) !== null).toBe(v.valid));
});

describe('IČO', () => {
  it('checks the mod-11 digit, including the remainder edge cases', () => {
    // r = 0 → check 1, r = 1 → check 0: changing the last digit must break both.
    expect(isValidIco('00177041')).toBe(true);
    expect(isValidIco('00177040')).toBe(false);
    expect(isValidIco('27082440')).toBe(true);
    expect(isValidIco('27082441')).toBe(false);
  });

  it('ignores spaces but not other characters', () => {
    expect(isValidIco(' 452 746 49 ')).toBe(true);
    expect(isValidIco('4527464-9')).toBe(false);
    expect(isValidIco('452746490')).toBe(false);
    expect(isValidIco('')).toBe(false);
  });
});

describe('DIČ', () => {
  it('needs the CZ prefix, in any case, and normalizes to upper case without spaces', () => {
    expect(isValidDic('45274649')).toBe(false);
    expect(isValidDic('cz45274649')).toBe(true);
    expect(normalizeDic(' cz 452 746 49 ')).toBe('CZ45274649');
  });

  it('rejects an 8-digit form starting with 9 and a bad 9-digit special form', () => {
    expect(isValidDic('CZ99999999')).toBe(false);
    expect(isValidDic('CZ640903927')).toBe(false);
    expect(isValidDic('CZ12345678901')).toBe(false);
  });
});

describe('PSČ', () => {
  it('formats as "110 00"', () => {
    expect(normalizePsc('11000')).toBe('110 00');
    expect(normalizePsc('708 00')).toBe('708 00');
    expect(normalizePsc(' 15000 ')).toBe('150 00');
  });

  it('rejects what is not five digits starting 1–7', () => {
    for (const v of ['81000', '01001', '1100', '110000', '11O00']) expect(normalizePsc(v), v).toBeNull();
  });
});

describe('phone numbers', () => {
  it('formats Czech numbers as +420 602 123 456 whatever the input', () => {
    for (const v of ['602123456', '602 123 456', '+420602123456', '+420 602-123-456', '00420 602 123 456', '(+420) 602.123.456']) {
      expect(normalizePhone(v), v).toBe('+420 602 123 456');
    }
    expect(normalizePhone('+420221552931')).toBe('+420 221 552 931');
  });

  it('keeps foreign numbers as typed, trimmed', () => {
    expect(normalizePhone(' +49 30 1234567 ')).toBe('+49 30 1234567');
    expect(normalizePhone('+421 905 123 456')).toBe('+421 905 123 456');
  });

  it('rejects trunk zeros, wrong lengths and letters', () => {
    for (const v of ['0602123456', '60212345', '6021234567', '+420 0602 123 456', 'volat', '+1 23', '']) expect(normalizePhone(v), v).toBeNull();
  });
});
