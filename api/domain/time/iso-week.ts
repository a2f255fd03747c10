// Calendar arithmetic on `YYYY-MM-DD` strings and ISO 8601 weeks (`YYYY-Www`, Monday first,
// week 1 holds the year's first Thursday), in UTC so no time zone can shift a day.

const DAY_MS = 86_400_000;
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const WEEK = /^(\d{4})-W(\d{2})$/;

/** Whether `s` is a real calendar date `YYYY-MM-DD` (no 2026-02-30). */
export function isDate(s: string): boolean {
  const m = DATE.exec(s);
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.toISOString().slice(0, 10) === s;
}

function utcMs(date: string): number {
  const m = DATE.exec(date);
  if (!m) throw new RangeError(`not a date: ${date}`);
  return Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
}

const dateOf = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/** The date `days` after (or before, if negative) `date`. */
export function addDays(date: string, days: number): string {
  return dateOf(utcMs(date) + days * DAY_MS);
}

/** The ISO week of a date: 2026-01-01 (a Thursday) → 2026-W01, 2027-01-01 (a Friday) → 2026-W53. */
export function isoWeek(date: string): string {
  const ms = utcMs(date);
  const weekday = (new Date(ms).getUTCDay() + 6) % 7; // Monday 0 … Sunday 6
  const thursday = new Date(ms + (3 - weekday) * DAY_MS);
  const year = thursday.getUTCFullYear();
  const week = Math.floor((thursday.getTime() - Date.UTC(year, 0, 1)) / (7 * DAY_MS)) + 1;
  return `${year}-W${String(week).padStart(2, '0')}`;
}

/** Whether `s` is a week that exists (`2026-W53` does, `2025-W53` does not). */
export function isIsoWeek(s: string): boolean {
  const m = WEEK.exec(s);
  if (!m || Number(m[2]) < 1) return false;
  return isoWeek(mondayOf(s)) === s;
}

/** The Monday of an ISO week. */
export function mondayOf(week: string): string {
  const m = WEEK.exec(week);
  if (!m) throw new RangeError(`not an ISO week: ${week}`);
  const jan4 = Date.UTC(Number(m[1]), 0, 4);
  const jan4Weekday = (new Date(jan4).getUTCDay() + 6) % 7;
  return dateOf(jan4 - jan4Weekday * DAY_MS + (Number(m[2]) - 1) * 7 * DAY_MS);
}

/** Monday … Sunday of an ISO week. */
export function weekDays(week: string): string[] {
  const monday = mondayOf(week);
  return Array.from({ length: 7 }, (_, i) => addDays(monday, i));
}

/** The ISO week after (or before) `week`. */
export function addWeeks(week: string, n: number): string {
  return isoWeek(addDays(mondayOf(week), 7 * n));
}
