// Pure helpers of the project task screens: calendar days ↔ the API's instants, hours ↔ minutes,
// and where a dropped card landed. No imports, so the unit tests run them outside the browser.

const pad = (n: number) => String(n).padStart(2, '0');

/** The browser-local calendar day of an instant, as `YYYY-MM-DD` (what a date input holds). */
export function dayOf(at: string | Date): string {
  const d = typeof at === 'string' ? new Date(at) : at;
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

function localInstant(day: string, endOfDay: boolean): string | null {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(day)) return null;
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  return (endOfDay ? new Date(y, m - 1, d, 23, 59, 59, 999) : new Date(y, m - 1, d, 0, 0, 0, 0)).toISOString();
}

/** A task starts at the first moment of its start day (local midnight). */
export function startAtFrom(day: string): string | null {
  return localInstant(day, false);
}

/**
 * A task given a due day is due at its last millisecond, 23:59:59.999 local: the convention of
 * My tasks (tasks/task-api.ts dueAtFrom), whose 59.999 seconds mean "some time that day".
 */
export function dueAtOfDay(day: string): string | null {
  return localInstant(day, true);
}

/** Whether an open task's due instant has passed. */
export function isOverdue(task: { done: boolean; dueAt: string | null }, now = Date.now()): boolean {
  return !task.done && task.dueAt !== null && Date.parse(task.dueAt) < now;
}

/** Minutes as hours for an input, in the locale's decimal style (90 → "1,5" in Czech). */
export function hoursText(minutes: number | null, locale: string): string {
  if (minutes === null) return '';
  return new Intl.NumberFormat(locale, { maximumFractionDigits: 2, useGrouping: false }).format(minutes / 60);
}

/** Typed hours → whole minutes: null when empty, NaN when not a number in 0..1,666 h. Accepts "1,5" and "1.5". */
export function parseHours(text: string): number | null {
  const clean = text.trim().replace(/\s/g, '').replace(',', '.');
  if (clean === '') return null;
  if (!/^\d+(\.\d+)?$/.test(clean)) return Number.NaN;
  const minutes = Math.round(Number(clean) * 60);
  return minutes > 100_000 ? Number.NaN : minutes;
}

/** The cards around `id` in a column after a drop: `afterId` above it, `beforeId` below. */
export function neighboursOf(items: readonly { id: string }[], id: string): { afterId?: string; beforeId?: string } {
  const index = items.findIndex((d) => d.id === id);
  if (index < 0) return {};
  const above = items[index - 1];
  const below = items[index + 1];
  return { ...(above ? { afterId: above.id } : {}), ...(below ? { beforeId: below.id } : {}) };
}
