import { and, eq, isNull } from 'drizzle-orm';
import type { TenantDb } from '../../../db/tenant/client.ts';
import { projects, tasks, timers } from '../../../db/tenant/schema.ts';
import { notFound } from '../../errors.ts';
import { assertProjectTask, invalid, liveProject, type Tx, type WorkspaceRates } from '../time/rates.ts';
import type { TimeEntry } from '../time/time-entry.ts';
import { insertEntries, type Writer } from '../time/write-time-entry.ts';
import { splitByDay } from './split-by-day.ts';

/** A user's running timer: a row, so it survives reloads, other devices and server restarts. */
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

export interface TimerInput {
  projectId: string;
  taskId: string | null;
  note: string | null;
  billable: boolean;
}

async function timerOf(tx: Tx | TenantDb, userId: string): Promise<Timer | null> {
  const [r] = await tx
    .select({ timer: timers, projectName: projects.name, taskTitle: tasks.title })
    .from(timers)
    .innerJoin(projects, eq(projects.id, timers.projectId))
    .leftJoin(tasks, and(eq(tasks.id, timers.taskId), isNull(tasks.deletedAt)))
    .where(eq(timers.userId, userId));
  if (!r) return null;
  const t = r.timer;
  return {
    userId: t.userId,
    projectId: t.projectId,
    projectName: r.projectName,
    taskId: t.taskId,
    taskTitle: r.taskTitle,
    note: t.note,
    billable: t.billable,
    startedAt: new Date(t.startedAt).toISOString(),
  };
}

/** The caller's running timer, or null. */
export function currentTimer(db: TenantDb, userId: string): Promise<Timer | null> {
  return timerOf(db, userId);
}

/** Books the running timer (per day in `tz`) and removes it; nothing when none runs. */
async function book(tx: Tx, userId: string, tz: string, rates: WorkspaceRates, writer: Writer): Promise<TimeEntry[] | null> {
  const [t] = await tx.select().from(timers).where(eq(timers.userId, userId));
  if (!t) return null;
  await tx.delete(timers).where(eq(timers.userId, userId));
  const [project] = await tx.select({ id: projects.id }).from(projects).where(and(eq(projects.id, t.projectId), isNull(projects.deletedAt)));
  if (!project) throw invalid({ timer: 'The running timer’s project is in the trash: restore it, or discard the timer.' });
  // A task trashed meanwhile: the time still belongs to the project.
  const [task] = t.taskId ? await tx.select({ id: tasks.id }).from(tasks).where(and(eq(tasks.id, t.taskId), isNull(tasks.deletedAt))) : [];
  const pieces = splitByDay(t.startedAt, writer.now, tz);
  return insertEntries(
    tx,
    pieces.map((p) => ({ projectId: t.projectId, taskId: task?.id ?? null, userId, date: p.date, minutes: p.minutes, billable: t.billable, note: t.note })),
    rates,
    writer,
  );
}

/** Starts the caller's timer; a running one is stopped and booked first, in the same transaction. */
export async function startTimer(
  db: TenantDb,
  input: TimerInput,
  tz: string,
  rates: WorkspaceRates,
  writer: Writer,
): Promise<{ timer: Timer; booked: TimeEntry[] }> {
  return db.transaction(async (tx) => {
    const booked = (await book(tx, writer.userId, tz, rates, writer)) ?? [];
    const project = await liveProject(tx, input.projectId);
    await assertProjectTask(tx, input.taskId, project.id);
    await tx.insert(timers).values({ userId: writer.userId, ...input, startedAt: writer.now });
    return { timer: (await timerOf(tx, writer.userId))!, booked };
  });
}

/** Stops the caller's timer and books its time (one entry per calendar day it ran through). */
export async function stopTimer(db: TenantDb, tz: string, rates: WorkspaceRates, writer: Writer): Promise<{ booked: TimeEntry[] }> {
  return db.transaction(async (tx) => {
    const booked = await book(tx, writer.userId, tz, rates, writer);
    if (booked === null) throw notFound('Running timer');
    return { booked };
  });
}

/** Throws the caller's timer away without booking anything. */
export async function discardTimer(db: TenantDb, userId: string): Promise<void> {
  const rs = await db.delete(timers).where(eq(timers.userId, userId)).returning({ userId: timers.userId });
  if (rs.length === 0) throw notFound('Running timer');
}
