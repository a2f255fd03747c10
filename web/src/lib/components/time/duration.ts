// Durations and calendar weeks as the time screens show and read them.
import { formatNumber } from '../../i18n/index.svelte.ts';

/** `1:05` (hours:minutes), the way timesheets write a duration. */
export function formatDuration(minutes: number): string {
  const sign = minutes < 0 ? '-' : '';
  const m = Math.abs(minutes);
  return `${sign}${Math.floor(m / 60)}:${String(m % 60).padStart(2, '0')}`;
}

/** Minutes as localised decimal hours: `1,5 h` in Czech. */
export function formatHours(minutes: number, maximumFractionDigits = 1): string {
  return `${formatNumber(minutes / 60, { maximumFractionDigits })} h`;
}

/** A running clock: `0:07:09`, `12:00:00`. */
export function formatElapsed(ms: number): string {
  const s = Math.max(0, Math.floor(ms / 1000));
  return `${Math.floor(s / 3600)}:${String(Math.floor(s / 60) % 60).padStart(2, '0')}:${String(s % 60).padStart(2, '0')}`;
}

/**
 * Reads a typed duration into whole minutes: `1:30` and `1h 30m` are an hour and a half, `1,5`
 * or `1.5` or `2 h` are hours, `90m` or `90 min` are minutes; a bare number is hours up to 24 and
 * minutes above (nobody works 90 hours in a day). Empty → null; anything else → NaN.
 */
export function parseDuration(text: string): number | null {
  const s = text.trim().toLowerCase().replace(/\s+/g, ' ');
  if (s === '') return null;
  let m = /^(\d{1,2}):([0-5]\d)$/.exec(s);
  if (m) return Number(m[1]) * 60 + Number(m[2]);
  m = /^(?:(\d{1,2}(?:[.,]\d+)?) ?h(?:od)?\w*)? ?(?:(\d{1,4}) ?m(?:in)?\w*)?$/.exec(s);
  if (m && (m[1] !== undefined || m[2] !== undefined)) {
    return Math.round(Number((m[1] ?? '0').replace(',', '.')) * 60) + Number(m[2] ?? 0);
  }
  m = /^(\d+(?:[.,]\d+)?)$/.exec(s);
  if (m) {
    const n = Number(m[1]!.replace(',', '.'));
    return n <= 24 ? Math.round(n * 60) : Number.isInteger(n) ? n : Number.NaN;
  }
  return Number.NaN;
}

const DAY_MS = 86_400_000;

/** Today (or `d`) in the browser's own calendar, `YYYY-MM-DD`. */
export function localDate(d = new Date()): string {
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

const utc = (date: string) => Date.parse(`${date}T00:00:00Z`);
const dateOf = (ms: number) => new Date(ms).toISOString().slice(0, 10);

export function addDays(date: string, days: number): string {
  return dateOf(utc(date) + days * DAY_MS);
}

/** ISO week `YYYY-Www` of a date (Monday first; week 1 holds the year's first Thursday). */
export function isoWeek(date: string): string {
  const ms = utc(date);
  const weekday = (new Date(ms).getUTCDay() + 6) % 7;
  const thursday = new Date(ms + (3 - weekday) * DAY_MS);
  const year = thursday.getUTCFullYear();
  const week = Math.floor((thursday.getTime() - Date.UTC(year, 0, 1)) / (7 * DAY_MS)) + 1;
  return `${year}-W${String(week).padStart(2, '0')}`;
}

/** The Monday of an ISO week. */
export function mondayOf(week: string): string {
  const [y, w] = week.split('-W').map(Number) as [number, number];
  const jan4 = Date.UTC(y, 0, 4);
  return dateOf(jan4 - ((new Date(jan4).getUTCDay() + 6) % 7) * DAY_MS + (w - 1) * 7 * DAY_MS);
}

export function addWeeks(week: string, n: number): string {
  return isoWeek(addDays(mondayOf(week), 7 * n));
}

export const isIsoWeek = (s: string) => /^\d{4}-W\d{2}$/.test(s) && isoWeek(mondayOf(s)) === s;
