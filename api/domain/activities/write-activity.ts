import { and, eq, isNotNull, isNull, sql } from 'drizzle-orm';
import type { TenantDb } from '../../../db/tenant/client.ts';
import { activities } from '../../../db/tenant/schema.ts';
import { AppError, notFound } from '../../errors.ts';
import { newId } from '../../lib/ids.ts';
import type { Actor } from '../records/actor.ts';
import { diff, historyRow, insertHistory } from '../records/history.ts';
import { assertLiveRefs, type Refs } from '../records/live-refs.ts';
import { ACTIVITY_FIELDS, activityColumns, activityHistoryValues, activityView, type Activity, type ActivityInput } from './activity.ts';

const ENTITY = 'activity';

/** Logs an activity (authored by the actor) with its history row in one transaction. */
export async function createActivity(db: TenantDb, input: ActivityInput, actor: Actor): Promise<Activity> {
  const id = newId(actor.now);
  return db.transaction(async (tx) => {
    await assertLiveRefs(tx, { companyId: input.companyId, contactId: input.contactId, dealId: input.dealId });
    const [row] = await tx
      .insert(activities)
      .values({ id, ...activityColumns(input), authorId: actor.userId, version: 1, createdAt: actor.now, updatedAt: actor.now })
      .returning();
    await insertHistory(tx, historyRow(ENTITY, id, 'create', diff(null, activityHistoryValues(input), ACTIVITY_FIELDS), actor.userId, actor.now));
    return activityView(row!);
  });
}

/**
 * Applies a partial change. With `ifMatch` the write happens only if the record is still at
 * that version (409 otherwise, nothing written); history records only the fields that changed.
 */
export async function updateActivity(db: TenantDb, id: string, patch: Partial<ActivityInput>, actor: Actor, ifMatch?: number): Promise<Activity> {
  return db.transaction(async (tx) => {
    const [current] = await tx.select().from(activities).where(and(eq(activities.id, id), isNull(activities.deletedAt)));
    if (!current) throw notFound('Activity');
    if (ifMatch !== undefined && ifMatch !== current.version) throw stale();
    const merged: ActivityInput = { ...activityColumns(current), ...patch };
    const changes = diff(activityHistoryValues(current), activityHistoryValues(merged), ACTIVITY_FIELDS);
    if (Object.keys(changes).length === 0) return activityView(current);
    // Only links that change are checked: an unchanged one may point at a record trashed
    // since, which should not block editing the rest.
    const changed: Refs = {};
    if (changes['companyId']) changed.companyId = merged.companyId;
    if (changes['contactId']) changed.contactId = merged.contactId;
    if (changes['dealId']) changed.dealId = merged.dealId;
    await assertLiveRefs(tx, changed);
    const [row] = await tx
      .update(activities)
      .set({ ...activityColumns(merged), version: current.version + 1, updatedAt: actor.now })
      .where(and(eq(activities.id, id), eq(activities.version, current.version)))
      .returning();
    if (!row) throw stale();
    await insertHistory(tx, historyRow(ENTITY, id, 'update', changes, actor.userId, actor.now));
    return activityView(row);
  });
}

/** Moves the activity to the trash (restorable for 30 days). */
export async function trashActivity(db: TenantDb, id: string, actor: Actor, ifMatch?: number): Promise<void> {
  await db.transaction(async (tx) => {
    const [current] = await tx.select({ version: activities.version }).from(activities).where(and(eq(activities.id, id), isNull(activities.deletedAt)));
    if (!current) throw notFound('Activity');
    if (ifMatch !== undefined && ifMatch !== current.version) throw stale();
    await tx.update(activities).set({ deletedAt: actor.now, version: current.version + 1, updatedAt: actor.now }).where(eq(activities.id, id));
    await insertHistory(tx, historyRow(ENTITY, id, 'delete', {}, actor.userId, actor.now));
  });
}

export async function restoreActivity(db: TenantDb, id: string, actor: Actor): Promise<Activity> {
  return db.transaction(async (tx) => {
    const [row] = await tx
      .update(activities)
      .set({ deletedAt: null, updatedAt: actor.now, version: sql`${activities.version} + 1` })
      .where(and(eq(activities.id, id), isNotNull(activities.deletedAt)))
      .returning();
    if (!row) throw notFound('Activity in the trash');
    await insertHistory(tx, historyRow(ENTITY, id, 'restore', {}, actor.userId, actor.now));
    return activityView(row);
  });
}

const stale = () => new AppError('conflict', 'Someone else changed this record meanwhile. Reload it and try again.');
