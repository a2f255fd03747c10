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

/** Local wall-clock hour and minute that mean "some time that day" for a task given a date only. */
export const END_OF_DAY = { hours: 23, minutes: 59 } as const;

/** `YYYY-MM-DD` (+ optional `HH:MM`) in the browser's zone → the ISO instant the API stores. */
export function dueAtFrom(date: string, time: string): string | null {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) return null;
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const [hh, mm] = /^\d{2}:\d{2}$/.test(time) ? (time.split(':').map(Number) as [number, number]) : [END_OF_DAY.hours, END_OF_DAY.minutes];
  return new Date(y, m - 1, d, hh, mm, 0, 0).toISOString();
}

/** Whether a due instant carries a time the user chose (not the end-of-day stand-in for "that day"). */
export function hasTime(dueAt: string): boolean {
  const at = new Date(dueAt);
  return !(at.getHours() === END_OF_DAY.hours && at.getMinutes() === END_OF_DAY.minutes);
}

/** Today's date in the browser's zone as `YYYY-MM-DD` (the value a date input takes). */
export function todayIso(): string {
  const now = new Date();
  return `${now.getFullYear()}-${String(now.getMonth() + 1).padStart(2, '0')}-${String(now.getDate()).padStart(2, '0')}`;
}
