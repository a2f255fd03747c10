// Typed calls for My tasks (API.md: /w/:ws/tasks, /w/:ws/tasks/mine?tz=).
import { api } from '../../api.ts';

export interface Task {
  id: string;
  title: string;
  dueAt: string | null;
  done: boolean;
  assigneeId: string | null;
  companyId: string | null;
  contactId: string | null;
  dealId: string | null;
  /** Names of the linked records, when the API sends them along. */
  companyName?: string | null;
  contactName?: string | null;
  dealTitle?: string | null;
  version: number;
  createdAt: string;
  updatedAt: string;
}

export interface MyTasks {
  overdue: Task[];
  today: Task[];
  upcoming: Task[];
}

export type TaskGroup = keyof MyTasks;
export const TASK_GROUPS: readonly TaskGroup[] = ['overdue', 'today', 'upcoming'];

const ws = (slug: string) => `/w/${encodeURIComponent(slug)}`;

/** The browser's IANA zone, which decides where "today" begins; Prague if the browser will not say. */
export function browserTimeZone(): string {
  try {
    return Intl.DateTimeFormat().resolvedOptions().timeZone || 'Europe/Prague';
  } catch {
    return 'Europe/Prague';
  }
}

export const taskApi = {
  mine: (slug: string, signal?: AbortSignal) =>
    api.get<MyTasks>(`${ws(slug)}/tasks/mine?tz=${encodeURIComponent(browserTimeZone())}`, { signal }),
  create: (slug: string, input: { title: string; dueAt: string | null; companyId?: string | null; dealId?: string | null }) =>
    api.post<Task>(`${ws(slug)}/tasks`, input),
  setDone: (slug: string, id: string, done: boolean) => api.patch<Task>(`${ws(slug)}/tasks/${encodeURIComponent(id)}`, { done }),
};

/**
 * A task given a date only is due at the last millisecond of that day (23:59:59.999 local). The
 * 59.999 seconds mark it as "some time that day" in any zone, since zones differ by whole minutes,
 * while a time the user picks always has zero seconds.
 */
export function dueAtFrom(date: string, time: string): string | null {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) return null;
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  if (/^\d{2}:\d{2}$/.test(time)) {
    const [hh, mm] = time.split(':').map(Number) as [number, number];
    return new Date(y, m - 1, d, hh, mm, 0, 0).toISOString();
  }
  return new Date(y, m - 1, d, 23, 59, 59, 999).toISOString();
}

/** Whether a due instant carries a time the user chose (not the end-of-day stand-in for "that day"). */
export function hasTime(dueAt: string): boolean {
  const at = new Date(dueAt);
  return !(at.getUTCSeconds() === 59 && at.getUTCMilliseconds() === 999);
}

/** Today's date in the browser's zone as `YYYY-MM-DD` (the value a date input takes). */
export function todayIso(): string {
  const now = new Date();
  return `${now.getFullYear()}-${String(now.getMonth() + 1).padStart(2, '0')}-${String(now.getDate()).padStart(2, '0')}`;
}
