// Typed calls for time tracking, the timer, timesheets, expenses and the project report
// (shapes as in /work/shared/API.md). Kept apart from api.ts so these screens grow on their own.
import { request, type RequestOptions } from './api.ts';
import { queryString, type Money } from './stores/records-api.ts';

export type { Money };

export interface TimeEntry {
  id: string;
  projectId: string;
  projectName: string;
  taskId: string | null;
  taskTitle: string | null;
  userId: string;
  date: string;
  week: string;
  minutes: number;
  billable: boolean;
  hourlyRate: Money | null;
  costRate: Money | null;
  revenue: Money;
  cost: Money;
  note: string | null;
  version: number;
  createdAt: string;
  updatedAt: string;
  deletedAt: string | null;
}

export interface TimeEntryInput {
  projectId?: string;
  taskId?: string | null;
  userId?: string;
  date?: string;
  minutes?: number;
  billable?: boolean;
  hourlyRate?: Money | null;
  note?: string | null;
}

export interface Timer {
  userId: string;
  projectId: string;
  projectName: string;
  taskId: string | null;
  taskTitle: string | null;
  note: string | null;
  billable: boolean;
  startedAt: string;
}

export interface TimesheetRow {
  projectId: string;
  projectName: string;
  taskId: string | null;
  taskTitle: string | null;
  minutes: number[];
  total: number;
}

export interface Timesheet {
  week: string;
  userId: string;
  days: string[];
  rows: TimesheetRow[];
  totals: { days: number[]; minutes: number };
}

export interface Expense {
  id: string;
  projectId: string;
  projectName: string;
  date: string;
  week: string;
  amount: Money;
  category: string | null;
  note: string | null;
  version: number;
  createdAt: string;
  updatedAt: string;
  deletedAt: string | null;
}

export interface ExpenseInput {
  projectId?: string;
  date?: string;
  amount?: Money;
  category?: string | null;
  note?: string | null;
}

export interface BurnWeek {
  week: string;
  startsOn: string;
  minutes: number;
  cost: Money;
  revenue: Money;
  expenses: Money;
  cumulative: { minutes: number; cost: Money; revenue: Money };
  plan: { minutes: number | null; cost: Money | null };
}

export interface ProjectReport {
  projectId: string;
  currency: string;
  planned: { minutes: number | null; hours: number | null; cost: Money | null; revenue: Money | null };
  actual: { minutes: number; hours: number; billableMinutes: number; cost: Money; timeCost: Money; expenses: Money; revenue: Money };
  remaining: { minutes: number | null; hours: number | null; cost: Money | null; revenue: Money | null };
  percentUsed: { hours: number | null; cost: number | null };
  margin: { planned: Money | null; actual: Money };
  burn: BurnWeek[];
}

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

const wsPath = (ws: string) => `/w/${encodeURIComponent(ws)}`;
const ifMatch = (version: number | undefined): RequestOptions => (version === undefined ? {} : { headers: { 'If-Match': `"${version}"` } });
/** The browser's own time zone: which calendar day a timer's minutes belong to. */
export const localTimeZone = (): string => Intl.DateTimeFormat().resolvedOptions().timeZone || 'Europe/Prague';

export interface TimeEntryQuery {
  projectId?: string;
  taskId?: string;
  userId?: string;
  dateFrom?: string;
  dateTo?: string;
  sort?: '-date' | 'date';
  limit?: number;
  cursor?: string;
}

export const timeApi = {
  list: (ws: string, query: TimeEntryQuery, options?: RequestOptions) =>
    request<Page<TimeEntry>>('GET', `${wsPath(ws)}/time-entries${queryString({ ...query })}`, undefined, options),
  create: (ws: string, input: TimeEntryInput) => request<TimeEntry>('POST', `${wsPath(ws)}/time-entries`, input),
  update: (ws: string, id: string, input: TimeEntryInput, version?: number) =>
    request<TimeEntry>('PATCH', `${wsPath(ws)}/time-entries/${encodeURIComponent(id)}`, input, ifMatch(version)),
  remove: (ws: string, id: string) => request<void>('DELETE', `${wsPath(ws)}/time-entries/${encodeURIComponent(id)}`),
  restore: (ws: string, id: string) => request<TimeEntry>('POST', `${wsPath(ws)}/time-entries/${encodeURIComponent(id)}/restore`),

  timesheet: (ws: string, query: { week?: string; userId?: string }, options?: RequestOptions) =>
    request<Timesheet>('GET', `${wsPath(ws)}/timesheet${queryString({ ...query, tz: localTimeZone() })}`, undefined, options),
  setCell: (ws: string, cell: { projectId: string; taskId: string | null; userId?: string; date: string; minutes: number }) =>
    request<{ items: TimeEntry[] }>('PUT', `${wsPath(ws)}/timesheet/cells`, cell),

  timer: (ws: string, options?: RequestOptions) => request<{ timer: Timer | null }>('GET', `${wsPath(ws)}/timer`, undefined, options),
  start: (ws: string, input: { projectId: string; taskId?: string | null; note?: string | null; billable?: boolean }) =>
    request<{ timer: Timer; booked: TimeEntry[] }>('POST', `${wsPath(ws)}/timer/start`, { ...input, tz: localTimeZone() }),
  stop: (ws: string) => request<{ booked: TimeEntry[] }>('POST', `${wsPath(ws)}/timer/stop`, { tz: localTimeZone() }),
  discard: (ws: string) => request<void>('DELETE', `${wsPath(ws)}/timer`),

  report: (ws: string, projectId: string, options?: RequestOptions) =>
    request<ProjectReport>('GET', `${wsPath(ws)}/projects/${encodeURIComponent(projectId)}/report`, undefined, options),
  /** Download links (plain GETs the browser follows with the session cookie). */
  timeCsvUrl: (ws: string, projectId: string, lang: 'cs' | 'en') => `/api/v1${wsPath(ws)}/exports/projects/${encodeURIComponent(projectId)}/time.csv?lang=${lang}`,
  expensesCsvUrl: (ws: string, projectId: string, lang: 'cs' | 'en') =>
    `/api/v1${wsPath(ws)}/exports/projects/${encodeURIComponent(projectId)}/expenses.csv?lang=${lang}`,
};

export const expensesApi = {
  list: (ws: string, query: { projectId?: string; category?: string; sort?: '-date' | 'date'; limit?: number; cursor?: string }, options?: RequestOptions) =>
    request<Page<Expense>>('GET', `${wsPath(ws)}/expenses${queryString({ ...query })}`, undefined, options),
  create: (ws: string, input: ExpenseInput) => request<Expense>('POST', `${wsPath(ws)}/expenses`, input),
  update: (ws: string, id: string, input: ExpenseInput, version?: number) =>
    request<Expense>('PATCH', `${wsPath(ws)}/expenses/${encodeURIComponent(id)}`, input, ifMatch(version)),
  remove: (ws: string, id: string) => request<void>('DELETE', `${wsPath(ws)}/expenses/${encodeURIComponent(id)}`),
  restore: (ws: string, id: string) => request<Expense>('POST', `${wsPath(ws)}/expenses/${encodeURIComponent(id)}/restore`),
};
