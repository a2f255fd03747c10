import type { projects } from '../../../db/tenant/schema.ts';
import type { Money, ProjectFigures } from './figures.ts';
import type { ProjectStatusKind } from './status.ts';

export type ProjectRow = typeof projects.$inferSelect;

export interface ProjectBudget {
  /** Planned hours (stored as whole minutes). */
  hours: number | null;
  cost: Money | null;
  revenue: Money | null;
}

/** A project's own fields, as the API reads and writes them (money in the project's currency). */
export interface ProjectFields {
  name: string;
  description: string | null;
  companyId: string | null;
  contactId: string | null;
  dealId: string | null;
  statusId: string;
  managerId: string | null;
  memberIds: string[];
  /** YYYY-MM-DD. */
  startOn: string | null;
  dueOn: string | null;
  currency: string;
  budget: ProjectBudget;
  hourlyRate: Money | null;
  fixedPrice: Money | null;
  tags: string[];
}

export interface Project extends ProjectFields {
  id: string;
  status: { id: string; name: string; kind: ProjectStatusKind };
  /** The linked company's name (read-only), so the portfolio renders without more requests. */
  companyName: string | null;
  figures: ProjectFigures;
  version: number;
  createdAt: string;
  updatedAt: string;
  deletedAt: string | null;
}

/** Fields whose changes the history records. */
export const PROJECT_FIELDS = [
  'name',
  'description',
  'companyId',
  'contactId',
  'dealId',
  'statusId',
  'managerId',
  'memberIds',
  'startOn',
  'dueOn',
  'currency',
  'budget',
  'hourlyRate',
  'fixedPrice',
  'tags',
] as const;

const money = (amount: number | null, currency: string): Money | null => (amount === null ? null : { amount, currency });

/** Planned hours as minutes and back: whole minutes, so no budget is ever fractional in storage. */
export const hoursToMinutes = (hours: number): number => Math.round(hours * 60);
export const minutesToHours = (minutes: number): number => Math.round((minutes / 60) * 100) / 100;

export function projectFields(row: ProjectRow, memberIds: string[]): ProjectFields {
  return {
    name: row.name,
    description: row.description,
    companyId: row.companyId,
    contactId: row.contactId,
    dealId: row.dealId,
    statusId: row.statusId,
    managerId: row.managerId,
    memberIds,
    startOn: row.startOn,
    dueOn: row.dueOn,
    currency: row.currency,
    budget: {
      hours: row.budgetMinutes === null ? null : minutesToHours(row.budgetMinutes),
      cost: money(row.budgetCost, row.currency),
      revenue: money(row.budgetRevenue, row.currency),
    },
    hourlyRate: money(row.hourlyRate, row.currency),
    fixedPrice: money(row.fixedPrice, row.currency),
    tags: JSON.parse(row.tags) as string[],
  };
}

/** The stored columns of a project's fields (members live in project_members). */
export function projectColumns(p: ProjectFields, nameKey: string) {
  return {
    name: p.name,
    nameKey,
    description: p.description,
    companyId: p.companyId,
    contactId: p.contactId,
    dealId: p.dealId,
    statusId: p.statusId,
    managerId: p.managerId,
    startOn: p.startOn,
    dueOn: p.dueOn,
    currency: p.currency,
    budgetMinutes: p.budget.hours === null ? null : hoursToMinutes(p.budget.hours),
    budgetCost: p.budget.cost?.amount ?? null,
    budgetRevenue: p.budget.revenue?.amount ?? null,
    hourlyRate: p.hourlyRate?.amount ?? null,
    fixedPrice: p.fixedPrice?.amount ?? null,
    tags: JSON.stringify(p.tags),
  };
}

export interface ProjectExtras {
  status: Project['status'];
  companyName: string | null;
  memberIds: string[];
  figures: ProjectFigures;
}

export function projectView(row: ProjectRow, extras: ProjectExtras): Project {
  return {
    id: row.id,
    ...projectFields(row, extras.memberIds),
    status: extras.status,
    companyName: extras.companyName,
    figures: extras.figures,
    createdAt: new Date(row.createdAt).toISOString(),
    updatedAt: new Date(row.updatedAt).toISOString(),
    deletedAt: row.deletedAt === null ? null : new Date(row.deletedAt).toISOString(),
    version: row.version,
  };
}
