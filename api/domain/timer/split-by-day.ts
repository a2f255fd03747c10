import { dateIn, nextMidnight } from '../time/zoned-date.ts';

export interface DayMinutes {
  date: string;
  minutes: number;
}

/** Whole minutes of a duration, half-up: 29 s → 0, 30 s → 1. */
export const wholeMinutes = (ms: number) => Math.floor((ms + 30_000) / 60_000);

/**
 * A timer's run split at the midnights of zone `tz`: one piece per calendar day it touched, so
 * a run from 23:30 to 00:45 books 30 minutes on the first day and 45 on the second. Rounding
 * is cumulative (each piece is the rounded end minus the rounded start), so the pieces add up
 * to the rounded whole. A piece never exceeds a day's 1,440 minutes; empty pieces are left out.
 */
export function splitByDay(start: number, end: number, tz: string): DayMinutes[] {
  const out: DayMinutes[] = [];
  let from = start;
  let booked = 0;
  while (from < end) {
    const to = Math.min(nextMidnight(tz, from), end);
    const upTo = wholeMinutes(to - start);
    const minutes = Math.min(upTo - booked, 1440);
    if (minutes > 0) out.push({ date: dateIn(tz, from), minutes });
    booked = upTo;
    from = to;
  }
  return out;
}
