// What a key press on a timeline task means for its dates. Pure, so unit tests run it without a browser.
import { dayOf, dueAtOfDay, startAtFrom } from './task-dates.ts';

export type KeyMove = 'earlier' | 'later' | 'shorter' | 'longer';

/** ←/→ move the whole task, Shift+←/→ move its due day; other modifiers belong to the browser. */
export function moveOf(e: { key: string; shiftKey: boolean; altKey: boolean; ctrlKey: boolean; metaKey: boolean }): KeyMove | null {
  if (e.altKey || e.ctrlKey || e.metaKey) return null;
  if (e.key === 'ArrowLeft') return e.shiftKey ? 'shorter' : 'earlier';
  if (e.key === 'ArrowRight') return e.shiftKey ? 'longer' : 'later';
  return null;
}

export interface Days {
  start: string;
  end: string;
}

/** The days a task's bar covers, as ganttBars draws it (a lone date is one day, a due before the start too). */
export function barDays(task: { startAt: string | null; dueAt: string | null }): Days | null {
  const from = task.startAt ?? task.dueAt;
  const to = task.dueAt ?? task.startAt;
  if (!from || !to) return null;
  const start = dayOf(from);
  const end = dayOf(to);
  return { start, end: end < start ? start : end };
}

/** `YYYY-MM-DD` plus `n` calendar days; in UTC so a DST change never skips or repeats a day. */
export function addDays(day: string, n: number): string {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d + n)).toISOString().slice(0, 10);
}

/** The days after a move, or null when the task cannot get shorter than one day. */
export function moved(days: Days, move: KeyMove): Days | null {
  switch (move) {
    case 'earlier':
      return { start: addDays(days.start, -1), end: addDays(days.end, -1) };
    case 'later':
      return { start: addDays(days.start, 1), end: addDays(days.end, 1) };
    case 'longer':
      return { start: days.start, end: addDays(days.end, 1) };
    case 'shorter':
      return days.end > days.start ? { start: days.start, end: addDays(days.end, -1) } : null;
  }
}

/** The API values for those days: what a dragged bar sends (gantt-bars.ts rescheduled). */
export function datesOf(days: Days): { startAt: string; dueAt: string } {
  return { startAt: startAtFrom(days.start)!, dueAt: dueAtOfDay(days.end)! };
}

/** Local noon of a day, so formatting it never slips into a neighbouring day. */
export function noonOf(day: string): Date {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  return new Date(y, m - 1, d, 12);
}
