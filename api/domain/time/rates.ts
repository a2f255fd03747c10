// Which rates a time entry is valued at. Member rates live in the control plane (per
// membership, in the workspace's currency); project rates in the tenant database.
import { and, eq, isNull } from 'drizzle-orm';
import type { ControlDb } from '../../../db/control/client.ts';
import { memberships, workspaces } from '../../../db/control/schema.ts';
import { projects, tasks } from '../../../db/tenant/schema.ts';
import { AppError } from '../../errors.ts';
import type { TenantDb } from '../../../db/tenant/client.ts';
import type { Money } from '../projects/figures.ts';

/** A tenant transaction (what every write here runs in). */
export type Tx = Parameters<Parameters<TenantDb['transaction']>[0]>[0];

export interface MemberRates {
  costRate: number | null;
  billRate: number | null;
}

/** The workspace's currency and every member's rates: one control query, before the tenant write. */
export interface WorkspaceRates {
  currency: string;
  members: ReadonlyMap<string, MemberRates>;
}

export async function workspaceRates(control: ControlDb, workspaceId: string): Promise<WorkspaceRates> {
  const rows = await control
    .select({ currency: workspaces.currency, userId: memberships.userId, costRate: memberships.costRate, billRate: memberships.billRate })
    .from(workspaces)
    .innerJoin(memberships, eq(memberships.workspaceId, workspaces.id))
    .where(eq(workspaces.id, workspaceId));
  return {
    currency: rows[0]?.currency ?? 'CZK',
    members: new Map(rows.map((r) => [r.userId, { costRate: r.costRate, billRate: r.billRate }])),
  };
}

/** The workspace's currency alone (what a new project or expense defaults to). */
export async function workspaceCurrency(control: ControlDb, workspaceId: string): Promise<string> {
  const [row] = await control.select({ currency: workspaces.currency }).from(workspaces).where(eq(workspaces.id, workspaceId));
  return row?.currency ?? 'CZK';
}

export const invalid = (fields: Record<string, string>) => new AppError('validation_failed', 'Some fields are missing or invalid.', { fields });

export interface ProjectRef {
  id: string;
  name: string;
  currency: string;
  hourlyRate: number | null;
}

/** A live project of this workspace, else a field error on `projectId`. Run inside the write's transaction. */
export async function liveProject(tx: Tx, id: string): Promise<ProjectRef> {
  const [row] = await tx
    .select({ id: projects.id, name: projects.name, currency: projects.currency, hourlyRate: projects.hourlyRate })
    .from(projects)
    .where(and(eq(projects.id, id), isNull(projects.deletedAt)));
  if (!row) throw invalid({ projectId: 'No such project in this workspace.' });
  return row;
}

/** A live task of the given project, else a field error on `taskId`. */
export async function assertProjectTask(tx: Tx, taskId: string | null, projectId: string): Promise<void> {
  if (taskId === null) return;
  const [row] = await tx
    .select({ projectId: tasks.projectId })
    .from(tasks)
    .where(and(eq(tasks.id, taskId), isNull(tasks.deletedAt)));
  if (!row) throw invalid({ taskId: 'No such task in this workspace.' });
  if (row.projectId !== projectId) throw invalid({ taskId: 'The task belongs to another project.' });
}

/** The member's rates, else a field error on `field` (not a member of this workspace). */
export function memberOf(rates: WorkspaceRates, userId: string, field = 'userId'): MemberRates {
  const m = rates.members.get(userId);
  if (!m) throw invalid({ [field]: 'Not a member of this workspace.' });
  return m;
}

export interface ResolvedRates {
  hourlyRate: number | null;
  costRate: number | null;
}

/**
 * The billing rate: the entry's own, else the project's, else the member's billRate; the cost
 * rate: the member's costRate. Member rates are in the workspace's currency, so they apply only
 * to projects kept in that currency (no exchange rates here); an explicit rate must be in the
 * project's currency.
 */
export function resolveRates(project: ProjectRef, member: MemberRates, workspace: WorkspaceRates, explicit: Money | null | undefined): ResolvedRates {
  if (explicit && explicit.currency !== project.currency) {
    throw invalid({ 'hourlyRate.currency': `Use the project's currency (${project.currency}).` });
  }
  const sameCurrency = workspace.currency === project.currency;
  return {
    hourlyRate: explicit ? explicit.amount : (project.hourlyRate ?? (sameCurrency ? member.billRate : null)),
    costRate: sameCurrency ? member.costRate : null,
  };
}
