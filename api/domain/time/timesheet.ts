import { and, asc, desc, eq, gte, isNull, lte, sql } from 'drizzle-orm';
import type { TenantDb } from '../../../db/tenant/client.ts';
import { projects, tasks, timeEntries } from '../../../db/tenant/schema.ts';
import { AppError } from '../../errors.ts';
import { weekDays } from './iso-week.ts';
import { assertProjectTask, liveProject, memberOf, type Tx, type WorkspaceRates } from './rates.ts';
import type { TimeEntry } from './time-entry.ts';
import { amountsOf, entryById, insertEntries, stale, type Writer } from './write-time-entry.ts';

export interface TimesheetRow {
  projectId: string;
  projectName: string;
  taskId: string | null;
  taskTitle: string | null;
  /** Minutes per day, Monday first. */
  minutes: number[];
  total: number;
}

export interface Timesheet {
  week: string;
  userId: string;
  /** Monday … Sunday, YYYY-MM-DD. */
  days: string[];
  rows: TimesheetRow[];
  /** Minutes per day across the rows, and the week's sum. */
  totals: { days: number[]; minutes: number };
}

/**
 * One person's week as a grid: a row per project/task, minutes per day. One statement, a range
 * of the (user, deleted_at, date) index grouped by project, task and day.
 */
export async function timesheet(db: TenantDb, userId: string, week: string): Promise<Timesheet> {
  const days = weekDays(week);
  const rows = await db
    .select({
      projectId: timeEntries.projectId,
      projectName: projects.name,
      taskId: timeEntries.taskId,
      taskTitle: tasks.title,
      date: timeEntries.date,
      minutes: sql<number>`sum(${timeEntries.minutes})`.mapWith(Number),
    })
    .from(timeEntries)
    .innerJoin(projects, eq(projects.id, timeEntries.projectId))
    .leftJoin(tasks, eq(tasks.id, timeEntries.taskId))
    .where(and(eq(timeEntries.userId, userId), isNull(timeEntries.deletedAt), gte(timeEntries.date, days[0]!), lte(timeEntries.date, days[6]!)))
    .groupBy(timeEntries.projectId, timeEntries.taskId, timeEntries.date)
    .orderBy(asc(projects.name), asc(timeEntries.projectId), asc(tasks.title), asc(timeEntries.taskId));
  const byKey = new Map<string, TimesheetRow>();
  const dayTotals = days.map(() => 0);
  for (const r of rows) {
    const key = `${r.projectId}\u0000${r.taskId ?? ''}`;
    let row = byKey.get(key);
    if (!row) {
      row = { projectId: r.projectId, projectName: r.projectName, taskId: r.taskId, taskTitle: r.taskTitle, minutes: days.map(() => 0), total: 0 };
      byKey.set(key, row);
    }
    const i = days.indexOf(r.date);
    row.minutes[i] = r.minutes;
    row.total += r.minutes;
    dayTotals[i]! += r.minutes;
  }
  return { week, userId, days, rows: [...byKey.values()], totals: { days: dayTotals, minutes: dayTotals.reduce((a, b) => a + b, 0) } };
}

export interface CellInput {
  projectId: string;
  taskId: string | null;
  userId: string;
  date: string;
  /** The cell's new total for the day (0 clears it). */
  minutes: number;
}

/**
 * Sets one timesheet cell (a person's minutes on a project/task on a day) to a total, keeping
 * the entries already there (their notes, rates, billable flags): more time goes onto the
 * newest entry (a new one in an empty cell); less comes off the newest entries first, trashing the ones that
 * reach zero. Returns the cell's live entries afterwards. One transaction.
 */
export async function setTimesheetCell(db: TenantDb, input: CellInput, rates: WorkspaceRates, writer: Writer): Promise<TimeEntry[]> {
  if (input.userId !== writer.userId && !writer.mayWriteForOthers) {
    throw new AppError('forbidden', 'Only owners and admins can book or change time of other members.');
  }
  return db.transaction(async (tx) => {
    await liveProject(tx, input.projectId);
    await assertProjectTask(tx, input.taskId, input.projectId);
    memberOf(rates, input.userId);
    const cell = and(
      eq(timeEntries.userId, input.userId),
      isNull(timeEntries.deletedAt),
      eq(timeEntries.date, input.date),
      eq(timeEntries.projectId, input.projectId),
      input.taskId === null ? isNull(timeEntries.taskId) : eq(timeEntries.taskId, input.taskId),
    );
    const current = await tx.select().from(timeEntries).where(cell).orderBy(desc(timeEntries.createdAt), desc(timeEntries.id));
    const total = current.reduce((s, e) => s + e.minutes, 0);
    if (input.minutes > total) {
      // The cell's total never passes 1,440, so the newest entry can always take the difference.
      const newest = current[0];
      const add = input.minutes - total;
      if (newest) await bump(tx, newest, newest.minutes + add, writer.now);
      else await insertEntries(tx, [{ ...input, minutes: add, billable: true, note: null }], rates, writer);
    } else if (input.minutes < total) {
      let remove = total - input.minutes;
      for (const e of current) {
        if (remove === 0) break;
        if (e.minutes <= remove) {
          remove -= e.minutes;
          await tx.update(timeEntries).set({ deletedAt: writer.now, version: e.version + 1, updatedAt: writer.now }).where(eq(timeEntries.id, e.id));
        } else {
          await bump(tx, e, e.minutes - remove, writer.now);
          remove = 0;
        }
      }
    }
    const ids = await tx.select({ id: timeEntries.id }).from(timeEntries).where(cell).orderBy(asc(timeEntries.createdAt), asc(timeEntries.id));
    const out: TimeEntry[] = [];
    for (const { id } of ids) out.push(await entryById(tx, id));
    return out;
  });
}

async function bump(tx: Tx, e: typeof timeEntries.$inferSelect, minutes: number, now: number): Promise<void> {
  const [row] = await tx
    .update(timeEntries)
    .set({ minutes, ...amountsOf(minutes, e.billable, e.hourlyRate, e.costRate), version: e.version + 1, updatedAt: now })
    .where(and(eq(timeEntries.id, e.id), eq(timeEntries.version, e.version)))
    .returning({ id: timeEntries.id });
  if (!row) throw stale();
}
