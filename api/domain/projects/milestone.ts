import { and, asc, count, eq, isNotNull, isNull, sql } from 'drizzle-orm';
import type { TenantDb } from '../../../db/tenant/client.ts';
import { milestones, projects } from '../../../db/tenant/schema.ts';
import { AppError, notFound } from '../../errors.ts';
import { newId } from '../../lib/ids.ts';
import type { Actor } from '../records/actor.ts';
import { diff, historyRow, insertHistory } from '../records/history.ts';
import { milestoneChanged, milestoneCreated, milestoneRestored, milestoneTrashed, recordOnProject } from './milestone-feed.ts';

export type MilestoneRow = typeof milestones.$inferSelect;

export interface Milestone {
  id: string;
  projectId: string;
  name: string;
  /** YYYY-MM-DD. */
  dueOn: string | null;
  done: boolean;
  version: number;
  createdAt: string;
  updatedAt: string;
}

export interface MilestoneInput {
  name: string;
  dueOn: string | null;
  done: boolean;
}

/** A project's plan has a few dozen milestones at most; past this it is a task list. */
export const MAX_MILESTONES = 200;
export const MILESTONE_ENTITY = 'milestone';
const FIELDS = ['name', 'dueOn', 'done'] as const;

type Tx = Parameters<Parameters<TenantDb['transaction']>[0]>[0];

export function milestoneView(row: MilestoneRow): Milestone {
  return {
    id: row.id,
    projectId: row.projectId,
    name: row.name,
    dueOn: row.dueOn,
    done: row.done,
    version: row.version,
    createdAt: new Date(row.createdAt).toISOString(),
    updatedAt: new Date(row.updatedAt).toISOString(),
  };
}

const fieldsOf = (r: MilestoneRow): MilestoneInput => ({ name: r.name, dueOn: r.dueOn, done: r.done });

async function assertLiveProject(db: Pick<TenantDb, 'select'>, projectId: string): Promise<void> {
  const [row] = await db
    .select({ id: projects.id })
    .from(projects)
    .where(and(eq(projects.id, projectId), isNull(projects.deletedAt)));
  if (!row) throw notFound('Project');
}

/** A live project's milestones by due date (undated last), never paged. Project and milestones read in one batch. */
export async function listMilestones(db: TenantDb, projectId: string): Promise<Milestone[]> {
  const [found, rows] = await db.batch([
    db
      .select({ id: projects.id })
      .from(projects)
      .where(and(eq(projects.id, projectId), isNull(projects.deletedAt))),
    db
      .select()
      .from(milestones)
      .where(and(eq(milestones.projectId, projectId), isNull(milestones.deletedAt)))
      .orderBy(sql`${milestones.dueOn} IS NULL`, asc(milestones.dueOn), asc(milestones.id)),
  ]);
  if (found.length === 0) throw notFound('Project');
  return rows.map(milestoneView);
}

export async function createMilestone(db: TenantDb, projectId: string, input: Partial<MilestoneInput> & { name: string }, actor: Actor): Promise<Milestone> {
  return db.transaction(async (tx) => {
    await assertLiveProject(tx, projectId);
    const [n] = await tx
      .select({ n: count() })
      .from(milestones)
      .where(and(eq(milestones.projectId, projectId), isNull(milestones.deletedAt)));
    if ((n?.n ?? 0) >= MAX_MILESTONES) throw new AppError('conflict', `A project holds at most ${MAX_MILESTONES} milestones.`);
    const m: MilestoneInput = { name: input.name, dueOn: input.dueOn ?? null, done: input.done ?? false };
    const id = newId(actor.now);
    const [row] = await tx
      .insert(milestones)
      .values({ id, projectId, ...m, version: 1, createdAt: actor.now, updatedAt: actor.now })
      .returning();
    await insertHistory(tx, historyRow(MILESTONE_ENTITY, id, 'create', diff(null, { ...m }, FIELDS), actor.userId, actor.now));
    await recordOnProject(tx, projectId, milestoneCreated(id, m), actor);
    return milestoneView(row!);
  });
}

/** The project's milestone (live unless `trashed`), after checking the project itself is live. */
async function milestoneOf(tx: Tx, projectId: string, id: string, trashed = false): Promise<MilestoneRow> {
  await assertLiveProject(tx, projectId);
  const [row] = await tx
    .select()
    .from(milestones)
    .where(and(eq(milestones.id, id), eq(milestones.projectId, projectId), trashed ? isNotNull(milestones.deletedAt) : isNull(milestones.deletedAt)));
  if (!row) throw notFound(trashed ? 'Milestone in the trash' : 'Milestone');
  return row;
}

export async function updateMilestone(db: TenantDb, projectId: string, id: string, patch: Partial<MilestoneInput>, actor: Actor): Promise<Milestone> {
  return db.transaction(async (tx) => {
    const current = await milestoneOf(tx, projectId, id);
    const before = fieldsOf(current);
    const merged: MilestoneInput = {
      name: patch.name ?? before.name,
      dueOn: patch.dueOn === undefined ? before.dueOn : patch.dueOn,
      done: patch.done ?? before.done,
    };
    const changes = diff({ ...before }, { ...merged }, FIELDS);
    if (Object.keys(changes).length === 0) return milestoneView(current);
    const [row] = await tx
      .update(milestones)
      .set({ ...merged, version: current.version + 1, updatedAt: actor.now })
      .where(eq(milestones.id, id))
      .returning();
    await insertHistory(tx, historyRow(MILESTONE_ENTITY, id, 'update', changes, actor.userId, actor.now));
    await recordOnProject(tx, projectId, milestoneChanged(id, before, merged), actor);
    return milestoneView(row!);
  });
}

/** Moves the milestone to the trash; tasks keep pointing at it, so a restore brings the link back too. */
export async function trashMilestone(db: TenantDb, projectId: string, id: string, actor: Actor): Promise<void> {
  await db.transaction(async (tx) => {
    const current = await milestoneOf(tx, projectId, id);
    await tx.update(milestones).set({ deletedAt: actor.now, version: current.version + 1, updatedAt: actor.now }).where(eq(milestones.id, id));
    await insertHistory(tx, historyRow(MILESTONE_ENTITY, id, 'delete', {}, actor.userId, actor.now));
    await recordOnProject(tx, projectId, milestoneTrashed(id, current.name), actor);
  });
}

export async function restoreMilestone(db: TenantDb, projectId: string, id: string, actor: Actor): Promise<Milestone> {
  return db.transaction(async (tx) => {
    const current = await milestoneOf(tx, projectId, id, true);
    const [row] = await tx
      .update(milestones)
      .set({ deletedAt: null, version: current.version + 1, updatedAt: actor.now })
      .where(eq(milestones.id, id))
      .returning();
    await insertHistory(tx, historyRow(MILESTONE_ENTITY, id, 'restore', {}, actor.userId, actor.now));
    await recordOnProject(tx, projectId, milestoneRestored(id, current.name), actor);
    return milestoneView(row!);
  });
}
