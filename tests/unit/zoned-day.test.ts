import { describe, expect, it } from 'vitest';
import { dayBounds, isTimeZone } from '../../api/domain/tasks/zoned-day.ts';

const iso = (b: { start: number; end: number }) => [new Date(b.start).toISOString(), new Date(b.end).toISOString()];

describe('dayBounds', () => {
  it('gives Prague’s calendar day in winter (UTC+1) and summer (UTC+2)', () => {
    expect(iso(dayBounds('Europe/Prague', Date.parse('2026-11-27T10:00:00Z')))).toEqual(['2026-11-26T23:00:00.000Z', '2026-11-27T23:00:00.000Z']);
    expect(iso(dayBounds('Europe/Prague', Date.parse('2026-07-01T12:00:00Z')))).toEqual(['2026-06-30T22:00:00.000Z', '2026-07-01T22:00:00.000Z']);
  });

  it('switches day exactly at local midnight', () => {
    expect(iso(dayBounds('Europe/Prague', Date.parse('2026-11-27T22:59:59.999Z')))[0]).toBe('2026-11-26T23:00:00.000Z');
    expect(iso(dayBounds('Europe/Prague', Date.parse('2026-11-27T23:00:00.000Z')))[0]).toBe('2026-11-27T23:00:00.000Z');
  });

  it('has 23 and 25 hour days when the clocks change', () => {
    const spring = dayBounds('Europe/Prague', Date.parse('2026-03-29T12:00:00Z'));
    expect(iso(spring)).toEqual(['2026-03-28T23:00:00.000Z', '2026-03-29T22:00:00.000Z']);
    const autumn = dayBounds('Europe/Prague', Date.parse('2026-10-25T12:00:00Z'));
    expect(iso(autumn)).toEqual(['2026-10-24T22:00:00.000Z', '2026-10-25T23:00:00.000Z']);
    expect((autumn.end - autumn.start) / 3_600_000).toBe(25);
  });

  it('works across the date line and month ends', () => {
    expect(iso(dayBounds('Pacific/Auckland', Date.parse('2026-12-31T12:00:00Z')))).toEqual(['2026-12-31T11:00:00.000Z', '2027-01-01T11:00:00.000Z']);
    expect(iso(dayBounds('America/New_York', Date.parse('2026-03-01T03:00:00Z')))).toEqual(['2026-02-28T05:00:00.000Z', '2026-03-01T05:00:00.000Z']);
  });
});

describe('isTimeZone', () => {
  it('knows IANA zones and rejects the rest', () => {
    expect(isTimeZone('Europe/Prague')).toBe(true);
    expect(isTimeZone('UTC')).toBe(true);
    expect(isTimeZone('Mars/Olympus_Mons')).toBe(false);
    expect(isTimeZone('')).toBe(false);
  });
});
