import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decimalAmount, decimalHours } from '../../api/domain/reports/csv-money.ts';
import { splitByDay, wholeMinutes } from '../../api/domain/timer/split-by-day.ts';
import { addWeeks, isDate, isIsoWeek, isoWeek, mondayOf, weekDays } from '../../api/domain/time/iso-week.ts';
import { amountFor, hoursOf, percentOf } from '../../api/domain/time/money.ts';

describe('amountFor (minutes × rate per hour, half-up to minor units)', () => {
  it('works the fixed cases', () => {
    expect(amountFor(60, 120_000)).toBe(120_000);
    expect(amountFor(90, 120_000)).toBe(180_000);
    expect(amountFor(7, 35_050)).toBe(4_089); // 4 089,1666…
    expect(amountFor(45, 35_050)).toBe(26_288); // 26 287,5 → up
    expect(amountFor(20, 100_001)).toBe(33_334); // 33 333,666…
    expect(amountFor(30, 1)).toBe(1); // 0,5 → up
    expect(amountFor(29, 1)).toBe(0); // 0,483…
    expect(amountFor(1, 1)).toBe(0);
    expect(amountFor(0, 120_000)).toBe(0);
    expect(amountFor(120, null)).toBe(0);
  });

  it('stays exact where a float product would not: 1 440 min at 10^13 minor units per hour', () => {
    expect(amountFor(1440, 10_000_000_000_000)).toBe(240_000_000_000_000);
    expect(amountFor(1439, 9_999_999_999_999)).toBe(Number((1439n * 9_999_999_999_999n * 2n + 60n) / 120n));
  });

  it('equals round-half-up of the exact quotient for any whole minutes and rate', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1440 }), fc.integer({ min: 0, max: 100_000_000 }), (m, r) => {
        const exact = BigInt(m) * BigInt(r);
        const q = exact / 60n;
        const rem = exact % 60n;
        expect(amountFor(m, r)).toBe(Number(rem * 2n >= 60n ? q + 1n : q));
      }),
    );
  });

  it('refuses fractions and negatives instead of rounding them silently', () => {
    expect(() => amountFor(1.5, 100)).toThrow(RangeError);
    expect(() => amountFor(10, -1)).toThrow(RangeError);
  });
});

describe('percentOf and hoursOf', () => {
  it('gives one decimal, half-up, and null without a whole', () => {
    expect(percentOf(800, 1000)).toBe(80);
    expect(percentOf(1, 3)).toBe(33.3);
    expect(percentOf(2, 3)).toBe(66.7);
    expect(percentOf(392_043, 1_000_000)).toBe(39.2);
    expect(percentOf(1_000_500, 1_000_000)).toBe(100.1);
    expect(percentOf(5, null)).toBeNull();
    expect(percentOf(5, 0)).toBeNull();
    expect(hoursOf(162)).toBe(2.7);
    expect(hoursOf(100)).toBe(1.67);
  });
});

describe('ISO weeks', () => {
  it('numbers weeks the ISO way around the new year', () => {
    expect(isoWeek('2026-01-01')).toBe('2026-W01'); // a Thursday
    expect(isoWeek('2024-12-30')).toBe('2025-W01'); // Monday of the week holding 2 Jan 2025
    expect(isoWeek('2027-01-01')).toBe('2026-W53'); // 2026 has 53 weeks
    expect(isoWeek('2027-01-04')).toBe('2027-W01');
    expect(isoWeek('2026-11-23')).toBe('2026-W48');
    expect(isoWeek('2026-11-29')).toBe('2026-W48');
  });

  it('knows which weeks exist and their days', () => {
    expect(isIsoWeek('2026-W53')).toBe(true);
    expect(isIsoWeek('2025-W53')).toBe(false);
    expect(isIsoWeek('2026-W00')).toBe(false);
    expect(isIsoWeek('2026-48')).toBe(false);
    expect(mondayOf('2026-W48')).toBe('2026-11-23');
    expect(weekDays('2025-W01')).toEqual(['2024-12-30', '2024-12-31', '2025-01-01', '2025-01-02', '2025-01-03', '2025-01-04', '2025-01-05']);
    expect(addWeeks('2026-W53', 1)).toBe('2027-W01');
    expect(addWeeks('2027-W01', -1)).toBe('2026-W53');
  });

  it('every date lies in the week whose days list it', () => {
    fc.assert(
      fc.property(fc.integer({ min: Date.UTC(2000, 0, 1), max: Date.UTC(2100, 0, 1) }), (ms) => {
        const date = new Date(ms).toISOString().slice(0, 10);
        expect(weekDays(isoWeek(date))).toContain(date);
      }),
    );
  });

  it('validates calendar dates', () => {
    expect(isDate('2028-02-29')).toBe(true);
    expect(isDate('2026-02-29')).toBe(false);
    expect(isDate('2026-13-01')).toBe(false);
    expect(isDate('2026-1-1')).toBe(false);
  });
});

describe('splitByDay (a timer run into calendar days)', () => {
  const prague = (s: string) => Date.parse(s);
  it('rounds to whole minutes half-up', () => {
    expect(wholeMinutes(29_999)).toBe(0);
    expect(wholeMinutes(30_000)).toBe(1);
  });

  it('splits at Prague’s midnight, also across the autumn clock change (a 25-hour day)', () => {
    expect(splitByDay(prague('2026-11-24T22:30:00Z'), prague('2026-11-24T23:45:00Z'), 'Europe/Prague')).toEqual([
      { date: '2026-11-24', minutes: 30 },
      { date: '2026-11-25', minutes: 45 },
    ]);
    // 24 Oct 2026 22:00 local → 26 Oct 01:00 local: the 25th lasts 25 hours, capped at 1 440 minutes.
    const pieces = splitByDay(prague('2026-10-24T20:00:00Z'), prague('2026-10-26T00:00:00Z'), 'Europe/Prague');
    expect(pieces).toEqual([
      { date: '2026-10-24', minutes: 120 },
      { date: '2026-10-25', minutes: 1440 },
      { date: '2026-10-26', minutes: 60 },
    ]);
  });

  it('the pieces add up to the rounded whole, one per day (whenever no day passes 24 hours)', () => {
    fc.assert(
      fc.property(fc.integer({ min: Date.UTC(2026, 0, 1), max: Date.UTC(2027, 0, 1) }), fc.integer({ min: 0, max: 5 * 86_400_000 }), (start, length) => {
        const pieces = splitByDay(start, start + length, 'UTC');
        expect(pieces.reduce((s, p) => s + p.minutes, 0)).toBe(wholeMinutes(length));
        expect(new Set(pieces.map((p) => p.date)).size).toBe(pieces.length);
        for (const p of pieces) expect(p.minutes).toBeGreaterThan(0);
      }),
    );
  });
});

describe('CSV amounts', () => {
  it('writes minor units as decimals without floating point', () => {
    expect(decimalAmount(1_250_050, 'CZK', 'cs')).toBe('12500,50');
    expect(decimalAmount(1_250_050, 'CZK', 'en')).toBe('12500.50');
    expect(decimalAmount(5, 'EUR', 'en')).toBe('0.05');
    expect(decimalAmount(-5, 'EUR', 'en')).toBe('-0.05');
    expect(decimalAmount(1234, 'JPY', 'en')).toBe('1234');
    expect(decimalHours(75, 'cs')).toBe('1,25');
    expect(decimalHours(100, 'en')).toBe('1.67');
  });
});
