import { eq, sql } from 'drizzle-orm';
import { projects, tasks, timeEntries } from '../../../db/tenant/schema.ts';
import type { Money } from '../projects/figures.ts';

export type TimeEntryRow = typeof timeEntries.$inferSelect;

/** A booked piece of work as the API shows it (money in the project's currency). */
export interface TimeEntry {
  id: string;
  projectId: string;
  projectName: string;
  taskId: string | null;
  taskTitle: string | null;
  userId: string;
  /** YYYY-MM-DD. */
  date: string;
  /** ISO week of `date`, YYYY-Www. */
  week: string;
  minutes: number;
  billable: boolean;
  /** Billing rate per hour the entry was valued at (entry → project → member billRate). */
  hourlyRate: Money | null;
  /** The member's cost rate per hour when the entry was written. */
  costRate: Money | null;
  /** billable ? minutes × hourlyRate / 60 : 0, half-up to minor units. */
  revenue: Money;
  /** minutes × costRate / 60, half-up to minor units. */
  cost: Money;
  note: string | null;
  createdAt: string;
  updatedAt: string;
  deletedAt: string | null;
  version: number;
}

/** The columns an entry's view needs beyond its own row: the project's currency and the names. */
export const ENTRY_EXTRA = {
  currency: projects.currency,
  projectName: projects.name,
  taskTitle: tasks.title,
};

/** Joins for ENTRY_EXTRA; the task's title only while the task is live. */
export const entryJoins = {
  project: eq(projects.id, timeEntries.projectId),
  task: sql`${tasks.id} = ${timeEntries.taskId} AND ${tasks.deletedAt} IS NULL`,
};

const money = (amount: number, currency: string): Money => ({ amount, currency });
const iso = (ms: number) => new Date(ms).toISOString();

export function timeEntryView(row: TimeEntryRow, extra: { currency: string; projectName: string; taskTitle: string | null }): TimeEntry {
  const c = extra.currency;
  return {
    id: row.id,
    projectId: row.projectId,
    projectName: extra.projectName,
    taskId: row.taskId,
    taskTitle: extra.taskTitle,
    userId: row.userId,
    date: row.date,
    week: row.week,
    minutes: row.minutes,
    billable: row.billable,
    hourlyRate: row.hourlyRate === null ? null : money(row.hourlyRate, c),
    costRate: row.costRate === null ? null : money(row.costRate, c),
    revenue: money(row.revenueAmount, c),
    cost: money(row.costAmount, c),
    note: row.note,
    createdAt: iso(row.createdAt),
    updatedAt: iso(row.updatedAt),
    deletedAt: row.deletedAt === null ? null : iso(row.deletedAt),
    version: row.version,
  };
}
