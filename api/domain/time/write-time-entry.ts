import { and, eq, isNotNull, isNull } from 'drizzle-orm';
import type { TenantDb } from '../../../db/tenant/client.ts';
import { projects, tasks, timeEntries } from '../../../db/tenant/schema.ts';
import { AppError, notFound } from '../../errors.ts';
import { newId } from '../../lib/ids.ts';
import type { Actor } from '../records/actor.ts';
import type { Money } from '../projects/figures.ts';
import { isoWeek } from './iso-week.ts';
import { amountFor } from './money.ts';
import { assertProjectTask, liveProject, memberOf, resolveRates, type Tx, type WorkspaceRates } from './rates.ts';
import { ENTRY_EXTRA, entryJoins, timeEntryView, type TimeEntry, type TimeEntryRow } from './time-entry.ts';

export interface TimeEntryInput {
  projectId: string;
  taskId: string | null;
  userId: string;
  date: string;
  minutes: number;
  billable: boolean;
  /** Undefined or null: the default (project's rate, else the member's billRate). */
  hourlyRate?: Money | null | undefined;
  note: string | null;
}

/** Who writes: members book their own time; owners and admins anyone's. */
export interface Writer extends Actor {
  userId: string;
  mayWriteForOthers: boolean;
}

function assertMayWrite(writer: Writer, entryUserId: string): void {
  if (entryUserId !== writer.userId && !writer.mayWriteForOthers) {
    throw new AppError('forbidden', 'Only owners and admins can book or change time of other members.');
  }
}

/** Revenue and cost of an entry, from its minutes and resolved rates. */
export function amountsOf(minutes: number, billable: boolean, hourlyRate: number | null, costRate: number | null) {
  return { revenueAmount: billable ? amountFor(minutes, hourlyRate) : 0, costAmount: amountFor(minutes, costRate) };
}

/** An entry with its project's currency and the names its view shows. */
export async function entryById(tx: Tx | TenantDb, id: string, deleted = false): Promise<TimeEntry> {
  const [r] = await tx
    .select({ row: timeEntries, ...ENTRY_EXTRA })
    .from(timeEntries)
    .innerJoin(projects, entryJoins.project)
    .leftJoin(tasks, entryJoins.task)
    .where(and(eq(timeEntries.id, id), deleted ? isNotNull(timeEntries.deletedAt) : isNull(timeEntries.deletedAt)));
  if (!r) throw notFound(deleted ? 'Time entry in the trash' : 'Time entry');
  return timeEntryView(r.row, r);
}

/**
 * Inserts entries inside an open transaction (the timer books through this too): the project
 * must be live, the task one of its tasks, rates resolved and money computed per entry.
 */
export async function insertEntries(tx: Tx, inputs: readonly TimeEntryInput[], rates: WorkspaceRates, actor: Actor): Promise<TimeEntry[]> {
  const out: TimeEntry[] = [];
  for (const input of inputs) {
    const project = await liveProject(tx, input.projectId);
    await assertProjectTask(tx, input.taskId, project.id);
    const member = memberOf(rates, input.userId);
    const r = resolveRates(project, member, rates, input.hourlyRate);
    const id = newId(actor.now);
    await tx.insert(timeEntries).values({
      id,
      projectId: project.id,
      taskId: input.taskId,
      userId: input.userId,
      date: input.date,
      week: isoWeek(input.date),
      minutes: input.minutes,
      billable: input.billable,
      hourlyRate: r.hourlyRate,
      costRate: r.costRate,
      ...amountsOf(input.minutes, input.billable, r.hourlyRate, r.costRate),
      note: input.note,
      version: 1,
      createdAt: actor.now,
      updatedAt: actor.now,
    });
    out.push(await entryById(tx, id));
  }
  return out;
}

export async function createTimeEntry(db: TenantDb, input: TimeEntryInput, rates: WorkspaceRates, writer: Writer): Promise<TimeEntry> {
  assertMayWrite(writer, input.userId);
  return db.transaction(async (tx) => (await insertEntries(tx, [input], rates, writer))[0]!);
}

async function liveRow(tx: Tx, id: string): Promise<TimeEntryRow> {
  const [row] = await tx.select().from(timeEntries).where(and(eq(timeEntries.id, id), isNull(timeEntries.deletedAt)));
  if (!row) throw notFound('Time entry');
  return row;
}

export const stale = () => new AppError('conflict', 'Someone else changed this record meanwhile. Reload it and try again.');

/**
 * Applies a partial change. The billing rate is kept unless the patch sets one (null: back to
 * the default) or moves the entry to another project or person, where the default is resolved
 * anew; the cost rate follows the person. Money is recomputed from minutes and rates.
 */
export async function updateTimeEntry(
  db: TenantDb,
  id: string,
  patch: Partial<TimeEntryInput>,
  rates: WorkspaceRates,
  writer: Writer,
  ifMatch?: number,
): Promise<TimeEntry> {
  return db.transaction(async (tx) => {
    const cur = await liveRow(tx, id);
    if (ifMatch !== undefined && ifMatch !== cur.version) throw stale();
    assertMayWrite(writer, cur.userId);
    const next = {
      projectId: patch.projectId ?? cur.projectId,
      taskId: patch.taskId !== undefined ? patch.taskId : patch.projectId !== undefined && patch.projectId !== cur.projectId ? null : cur.taskId,
      userId: patch.userId ?? cur.userId,
      date: patch.date ?? cur.date,
      minutes: patch.minutes ?? cur.minutes,
      billable: patch.billable ?? cur.billable,
      note: patch.note !== undefined ? patch.note : cur.note,
    };
    assertMayWrite(writer, next.userId);
    const project = await liveProject(tx, next.projectId);
    await assertProjectTask(tx, next.taskId, project.id);
    // A former member's entries stay correctable by owners and admins: only a change of person
    // needs a current member. Their rates went with the membership, so such an entry keeps its
    // cost rate, and a new project bills it at that project's rate (or the entry's own).
    const former = next.userId === cur.userId && !rates.members.has(next.userId);
    const member = former ? { costRate: null, billRate: null } : memberOf(rates, next.userId);
    const movedOwner = next.projectId !== cur.projectId || next.userId !== cur.userId;
    const resolved = resolveRates(project, member, rates, patch.hourlyRate);
    const hourlyRate = patch.hourlyRate !== undefined || movedOwner ? resolved.hourlyRate : cur.hourlyRate;
    const costRate = !former && movedOwner ? resolved.costRate : cur.costRate;
    const [row] = await tx
      .update(timeEntries)
      .set({
        ...next,
        week: isoWeek(next.date),
        hourlyRate,
        costRate,
        ...amountsOf(next.minutes, next.billable, hourlyRate, costRate),
        version: cur.version + 1,
        updatedAt: writer.now,
      })
      .where(and(eq(timeEntries.id, id), eq(timeEntries.version, cur.version)))
      .returning({ id: timeEntries.id });
    if (!row) throw stale();
    return entryById(tx, id);
  });
}

/** Moves the entry to the trash; reports stop counting it at once. */
export async function trashTimeEntry(db: TenantDb, id: string, writer: Writer, ifMatch?: number): Promise<void> {
  await db.transaction(async (tx) => {
    const cur = await liveRow(tx, id);
    if (ifMatch !== undefined && ifMatch !== cur.version) throw stale();
    assertMayWrite(writer, cur.userId);
    await tx.update(timeEntries).set({ deletedAt: writer.now, version: cur.version + 1, updatedAt: writer.now }).where(eq(timeEntries.id, id));
  });
}

/** Brings an entry back (the undo of a delete); its project must still be live. */
export async function restoreTimeEntry(db: TenantDb, id: string, writer: Writer): Promise<TimeEntry> {
  return db.transaction(async (tx) => {
    const [cur] = await tx.select().from(timeEntries).where(and(eq(timeEntries.id, id), isNotNull(timeEntries.deletedAt)));
    if (!cur) throw notFound('Time entry in the trash');
    assertMayWrite(writer, cur.userId);
    await liveProject(tx, cur.projectId);
    await tx.update(timeEntries).set({ deletedAt: null, version: cur.version + 1, updatedAt: writer.now }).where(eq(timeEntries.id, id));
    return entryById(tx, id);
  });
}
