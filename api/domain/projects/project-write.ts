import { and, eq, isNotNull, isNull } from 'drizzle-orm';
import type { TenantDb } from '../../../db/tenant/client.ts';
import { czechSortKey } from '../../../db/tenant/collation.ts';
import { deals, dealStages, projectMembers, projects, projectStatuses } from '../../../db/tenant/schema.ts';
import { AppError, notFound } from '../../errors.ts';
import { newId } from '../../lib/ids.ts';
import type { Actor } from '../records/actor.ts';
import { diff, historyRow, insertHistory, type Changes } from '../records/history.ts';
import { assertLiveRefs } from '../records/live-refs.ts';
import { normalizeTags, writeTags } from '../records/tags.ts';
import type { Money } from './figures.ts';
import { getProject } from './project-list.ts';
import { normalizeMemberIds, replaceProjectMembers } from './project-members.ts';
import { PROJECT_FIELDS, projectColumns, projectFields, type Project, type ProjectFields } from './project.ts';
import { firstProjectStatus, statusForProject } from './status.ts';

export const PROJECT_ENTITY = 'project';

type Tx = Parameters<Parameters<TenantDb['transaction']>[0]>[0];

export interface BudgetPatch {
  hours?: number | null | undefined;
  cost?: Money | null | undefined;
  revenue?: Money | null | undefined;
}

/** What a create or a change may carry; absent fields keep their value (or default). */
export interface ProjectPatch {
  name?: string | undefined;
  description?: string | null | undefined;
  companyId?: string | null | undefined;
  contactId?: string | null | undefined;
  statusId?: string | undefined;
  managerId?: string | null | undefined;
  memberIds?: string[] | undefined;
  startOn?: string | null | undefined;
  dueOn?: string | null | undefined;
  currency?: string | undefined;
  budget?: BudgetPatch | undefined;
  hourlyRate?: Money | null | undefined;
  fixedPrice?: Money | null | undefined;
  tags?: string[] | undefined;
}

export interface NewProject extends ProjectPatch {
  /** Start from this won deal: its company, contact and value (as planned revenue) unless given. */
  fromDealId?: string | undefined;
  /** Who manages it when not given (the caller). */
  managerId: string | null;
}

const invalid = (fields: Record<string, string>) => new AppError('validation_failed', 'Some fields are missing or invalid.', { fields });

/** Money of a project is kept in the project's currency; dates must not run backwards. */
function assertConsistent(p: ProjectFields): void {
  const fields: Record<string, string> = {};
  const money: [string, Money | null][] = [
    ['budget.cost', p.budget.cost],
    ['budget.revenue', p.budget.revenue],
    ['hourlyRate', p.hourlyRate],
    ['fixedPrice', p.fixedPrice],
  ];
  for (const [field, m] of money) {
    if (m !== null && m.currency !== p.currency) fields[field] = `Use the project’s currency (${p.currency}).`;
  }
  if (p.startOn !== null && p.dueOn !== null && p.dueOn < p.startOn) fields['dueOn'] = 'Use a due date on or after the start date.';
  if (Object.keys(fields).length) throw invalid(fields);
}

function merge(before: ProjectFields, patch: ProjectPatch): ProjectFields {
  const pick = <K extends keyof ProjectPatch & keyof ProjectFields>(k: K): ProjectFields[K] =>
    (patch[k] === undefined ? before[k] : patch[k]) as ProjectFields[K];
  return {
    name: pick('name'),
    description: pick('description'),
    companyId: pick('companyId'),
    contactId: pick('contactId'),
    dealId: before.dealId,
    statusId: pick('statusId'),
    managerId: pick('managerId'),
    memberIds: patch.memberIds === undefined ? before.memberIds : normalizeMemberIds(patch.memberIds),
    startOn: pick('startOn'),
    dueOn: pick('dueOn'),
    currency: pick('currency'),
    budget: {
      hours: patch.budget?.hours === undefined ? before.budget.hours : patch.budget.hours,
      cost: patch.budget?.cost === undefined ? before.budget.cost : patch.budget.cost,
      revenue: patch.budget?.revenue === undefined ? before.budget.revenue : patch.budget.revenue,
    },
    hourlyRate: pick('hourlyRate'),
    fixedPrice: pick('fixedPrice'),
    tags: patch.tags === undefined ? before.tags : normalizeTags(patch.tags),
  };
}

/** The won deal a project starts from, or a field error on `fromDealId`. */
async function wonDeal(tx: Tx, id: string) {
  const [row] = await tx
    .select({ deal: deals, kind: dealStages.kind })
    .from(deals)
    .leftJoin(dealStages, eq(dealStages.id, deals.stage))
    .where(and(eq(deals.id, id), isNull(deals.deletedAt)));
  if (!row) throw invalid({ fromDealId: 'No such deal in this workspace.' });
  if (row.kind !== 'won') throw invalid({ fromDealId: 'Only a won deal can become a project: mark the deal as won first.' });
  return row.deal;
}

/** A link copied from the deal is kept only while the linked record is live (never a field error the caller did not cause). */
async function liveLink(tx: Tx, field: 'companyId' | 'contactId', id: string | null): Promise<string | null> {
  if (id === null) return null;
  try {
    await assertLiveRefs(tx, { [field]: id });
    return id;
  } catch {
    return null;
  }
}

/**
 * Creates a project with its members, tags and history in one transaction. From a won deal it
 * takes the deal's company, contact, title (as the name) and value (as planned revenue, in the
 * deal's currency) unless the body names them. Default status: the first of the workflow.
 */
export async function createProject(db: TenantDb, input: NewProject, actor: Actor, workspaceCurrency: string): Promise<Project> {
  const id = newId(actor.now);
  await db.transaction(async (tx) => {
    let fromDeal: { dealId: string; name: string; companyId: string | null; contactId: string | null; value: Money | null } | null = null;
    if (input.fromDealId !== undefined) {
      const deal = await wonDeal(tx, input.fromDealId);
      fromDeal = {
        dealId: deal.id,
        name: deal.title,
        companyId: input.companyId === undefined ? await liveLink(tx, 'companyId', deal.companyId) : null,
        contactId: input.contactId === undefined ? await liveLink(tx, 'contactId', deal.contactId) : null,
        value: deal.valueAmount === null || deal.valueCurrency === null ? null : { amount: deal.valueAmount, currency: deal.valueCurrency },
      };
    }
    const name = input.name ?? fromDeal?.name;
    if (name === undefined) throw invalid({ name: 'Enter a name.' });
    const status = input.statusId === undefined ? await firstProjectStatus(tx) : await statusForProject(tx, input.statusId);
    await assertLiveRefs(tx, { companyId: input.companyId, contactId: input.contactId });
    const currency = input.currency ?? fromDeal?.value?.currency ?? workspaceCurrency;
    // The deal's value becomes planned revenue only when it is in the project's currency.
    const dealRevenue = fromDeal?.value && fromDeal.value.currency === currency ? fromDeal.value : null;
    const p: ProjectFields = {
      name,
      description: input.description ?? null,
      companyId: input.companyId === undefined ? (fromDeal?.companyId ?? null) : input.companyId,
      contactId: input.contactId === undefined ? (fromDeal?.contactId ?? null) : input.contactId,
      dealId: fromDeal?.dealId ?? null,
      statusId: status.id,
      managerId: input.managerId,
      memberIds: normalizeMemberIds(input.memberIds ?? []),
      startOn: input.startOn ?? null,
      dueOn: input.dueOn ?? null,
      currency,
      budget: {
        hours: input.budget?.hours ?? null,
        cost: input.budget?.cost ?? null,
        revenue: input.budget?.revenue === undefined ? dealRevenue : input.budget.revenue,
      },
      hourlyRate: input.hourlyRate ?? null,
      fixedPrice: input.fixedPrice ?? null,
      tags: normalizeTags(input.tags ?? []),
    };
    assertConsistent(p);
    await tx.insert(projects).values({ id, ...projectColumns(p, czechSortKey(p.name)), version: 1, createdAt: actor.now, updatedAt: actor.now });
    await replaceProjectMembers(tx, id, p.memberIds, actor.now);
    await writeTags(tx, PROJECT_ENTITY, id, p.tags);
    await insertHistory(tx, historyRow(PROJECT_ENTITY, id, 'create', diff(null, { ...p }, PROJECT_FIELDS), actor.userId, actor.now));
  });
  return getProject(db, id);
}

async function liveProjectRow(tx: Tx, id: string) {
  const [row] = await tx.select().from(projects).where(and(eq(projects.id, id), isNull(projects.deletedAt)));
  if (!row) throw notFound('Project');
  return row;
}

async function memberIdsOf(tx: Tx, projectId: string): Promise<string[]> {
  const rows = await tx.select({ userId: projectMembers.userId }).from(projectMembers).where(eq(projectMembers.projectId, projectId));
  return normalizeMemberIds(rows.map((r) => r.userId));
}

/** Applies a partial change (If-Match: only at that version, else 409 and nothing written). */
export async function updateProject(db: TenantDb, id: string, patch: ProjectPatch, actor: Actor, ifMatch?: number): Promise<Project> {
  await db.transaction(async (tx) => {
    const current = await liveProjectRow(tx, id);
    if (ifMatch !== undefined && ifMatch !== current.version) throw stale();
    const before = projectFields(current, await memberIdsOf(tx, id));
    const merged = merge(before, patch);
    if (merged.statusId !== before.statusId) await statusForProject(tx, merged.statusId);
    await assertLiveRefs(tx, {
      companyId: merged.companyId !== before.companyId ? merged.companyId : undefined,
      contactId: merged.contactId !== before.contactId ? merged.contactId : undefined,
    });
    assertConsistent(merged);
    const changes = diff({ ...before }, { ...merged }, PROJECT_FIELDS);
    if (Object.keys(changes).length === 0) return;
    const [row] = await tx
      .update(projects)
      .set({ ...projectColumns(merged, czechSortKey(merged.name)), version: current.version + 1, updatedAt: actor.now })
      .where(and(eq(projects.id, id), eq(projects.version, current.version)))
      .returning({ id: projects.id });
    if (!row) throw stale();
    if (changes['memberIds']) await replaceProjectMembers(tx, id, merged.memberIds, actor.now);
    if (changes['tags']) await writeTags(tx, PROJECT_ENTITY, id, merged.tags);
    await insertHistory(tx, historyRow(PROJECT_ENTITY, id, 'update', changes, actor.userId, actor.now));
  });
  return getProject(db, id);
}

/** Moves the project to the trash (restorable for 30 days); its tasks, time and milestones stay. */
export async function trashProject(db: TenantDb, id: string, actor: Actor, ifMatch?: number): Promise<void> {
  await db.transaction(async (tx) => {
    const current = await liveProjectRow(tx, id);
    if (ifMatch !== undefined && ifMatch !== current.version) throw stale();
    await tx.update(projects).set({ deletedAt: actor.now, version: current.version + 1, updatedAt: actor.now }).where(eq(projects.id, id));
    await insertHistory(tx, historyRow(PROJECT_ENTITY, id, 'delete', {}, actor.userId, actor.now));
  });
}

/** Brings a project back; if its status was deleted meanwhile, into the first status (recorded in the history). */
export async function restoreProject(db: TenantDb, id: string, actor: Actor): Promise<Project> {
  await db.transaction(async (tx) => {
    const [current] = await tx.select().from(projects).where(and(eq(projects.id, id), isNotNull(projects.deletedAt)));
    if (!current) throw notFound('Project in the trash');
    const [status] = await tx.select().from(projectStatuses).where(eq(projectStatuses.id, current.statusId));
    const target = status ?? (await firstProjectStatus(tx));
    await tx
      .update(projects)
      .set({ deletedAt: null, statusId: target.id, updatedAt: actor.now, version: current.version + 1 })
      .where(eq(projects.id, id));
    const changes: Changes = target.id === current.statusId ? {} : { statusId: [current.statusId, target.id] };
    await insertHistory(tx, historyRow(PROJECT_ENTITY, id, 'restore', changes, actor.userId, actor.now));
  });
  return getProject(db, id);
}

export const stale = () => new AppError('conflict', 'Someone else changed this record meanwhile. Reload it and try again.');
