import { asc, eq } from 'drizzle-orm';
import type { TenantDb } from '../../../db/tenant/client.ts';
import { projectStatuses } from '../../../db/tenant/schema.ts';
import { AppError } from '../../errors.ts';

export type ProjectStatusRow = typeof projectStatuses.$inferSelect;

export const PROJECT_STATUS_KINDS = ['planned', 'active', 'on_hold', 'done', 'cancelled'] as const;
export type ProjectStatusKind = (typeof PROJECT_STATUS_KINDS)[number];

export interface ProjectStatus {
  id: string;
  name: string;
  /** 1-based place in the workflow. */
  position: number;
  kind: ProjectStatusKind;
  createdAt: string;
  updatedAt: string;
}

export function projectStatusView(row: ProjectStatusRow): ProjectStatus {
  return {
    id: row.id,
    name: row.name,
    position: row.position,
    kind: row.kind,
    createdAt: new Date(row.createdAt).toISOString(),
    updatedAt: new Date(row.updatedAt).toISOString(),
  };
}

/** The workflow in order. */
export async function listProjectStatuses(db: Pick<TenantDb, 'select'>): Promise<ProjectStatus[]> {
  const rows = await db.select().from(projectStatuses).orderBy(asc(projectStatuses.position), asc(projectStatuses.id));
  return rows.map(projectStatusView);
}

/** The status a project names, or a validation error on `field`. */
export async function statusForProject(db: Pick<TenantDb, 'select'>, id: string, field = 'statusId'): Promise<ProjectStatusRow> {
  const [row] = await db.select().from(projectStatuses).where(eq(projectStatuses.id, id));
  if (!row) throw new AppError('validation_failed', 'Some fields are missing or invalid.', { fields: { [field]: 'No such project status in this workspace.' } });
  return row;
}

/** Where new projects start when no status is named: the first status of the workflow (one always exists). */
export async function firstProjectStatus(db: Pick<TenantDb, 'select'>): Promise<ProjectStatusRow> {
  const [row] = await db.select().from(projectStatuses).orderBy(asc(projectStatuses.position), asc(projectStatuses.id)).limit(1);
  if (!row) throw new AppError('conflict', 'The workspace has no project status. Add one in the settings first.');
  return row;
}
