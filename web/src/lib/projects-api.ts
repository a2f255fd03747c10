// Typed calls for projects, project statuses and milestones (shapes as in /work/shared/API.md).
// Kept apart from api.ts and records-api.ts so the project screens grow without edit collisions.
import { request, type RequestOptions } from './api.ts';
import { queryString, type HistoryEntry, type ListParams, type Money, type Page } from './stores/records-api.ts';

export type ProjectStatusKind = 'planned' | 'active' | 'on_hold' | 'done' | 'cancelled';
export const PROJECT_STATUS_KINDS: readonly ProjectStatusKind[] = ['planned', 'active', 'on_hold', 'done', 'cancelled'];

export interface ProjectStatus {
  id: string;
  name: string;
  kind: ProjectStatusKind;
  position: number;
}

export interface ProjectFigures {
  actual: { minutes: number; cost: Money; revenue: Money };
  percentUsed: { hours: number | null; cost: number | null };
  margin: Money;
}

export interface ProjectBudget {
  hours: number | null;
  cost: Money | null;
  revenue: Money | null;
}

export interface Project {
  id: string;
  name: string;
  description: string | null;
  companyId: string | null;
  /** The linked company's name (read-only). */
  companyName: string | null;
  contactId: string | null;
  dealId: string | null;
  statusId: string;
  status: { id: string; name: string; kind: ProjectStatusKind };
  managerId: string | null;
  memberIds: string[];
  startOn: string | null;
  dueOn: string | null;
  currency: string;
  budget: ProjectBudget;
  hourlyRate: Money | null;
  fixedPrice: Money | null;
  tags: string[];
  figures: ProjectFigures;
  version: number;
  createdAt: string;
  updatedAt: string;
  deletedAt: string | null;
}

export interface ProjectInput {
  name?: string;
  description?: string | null;
  companyId?: string | null;
  contactId?: string | null;
  fromDealId?: string;
  statusId?: string;
  managerId?: string | null;
  memberIds?: string[];
  startOn?: string | null;
  dueOn?: string | null;
  currency?: string;
  budget?: { hours?: number | null; cost?: Money | null; revenue?: Money | null };
  hourlyRate?: Money | null;
  fixedPrice?: Money | null;
  tags?: string[];
}

export interface Milestone {
  id: string;
  projectId: string;
  name: string;
  dueOn: string | null;
  done: boolean;
  version: number;
  createdAt: string;
  updatedAt: string;
}

export interface MilestoneInput {
  name?: string;
  dueOn?: string | null;
  done?: boolean;
}

const wsPath = (ws: string) => `/w/${encodeURIComponent(ws)}`;
const projectPath = (ws: string, id: string) => `${wsPath(ws)}/projects/${encodeURIComponent(id)}`;
const ifMatch = (version: number | undefined): RequestOptions =>
  version === undefined ? {} : { headers: { 'If-Match': `"${version}"` } };

export const projectsApi = {
  list: (ws: string, params: ListParams, options?: RequestOptions) =>
    request<Page<Project>>('GET', `${wsPath(ws)}/projects${queryString(params)}`, undefined, options),
  get: (ws: string, id: string, options?: RequestOptions) => request<Project>('GET', projectPath(ws, id), undefined, options),
  create: (ws: string, input: ProjectInput) => request<Project>('POST', `${wsPath(ws)}/projects`, input),
  update: (ws: string, id: string, input: ProjectInput, version?: number) =>
    request<Project>('PATCH', projectPath(ws, id), input, ifMatch(version)),
  remove: (ws: string, id: string, version?: number) => request<void>('DELETE', projectPath(ws, id), undefined, ifMatch(version)),
  restore: (ws: string, id: string) => request<Project>('POST', `${projectPath(ws, id)}/restore`),
  history: (ws: string, id: string, params: ListParams = {}, options?: RequestOptions) =>
    request<Page<HistoryEntry>>('GET', `${projectPath(ws, id)}/history${queryString(params)}`, undefined, options),
};

export const projectStatusesApi = {
  list: (ws: string, options?: RequestOptions) =>
    request<{ items: ProjectStatus[] }>('GET', `${wsPath(ws)}/project-statuses`, undefined, options),
  create: (ws: string, input: { name: string; kind: ProjectStatusKind }) =>
    request<ProjectStatus>('POST', `${wsPath(ws)}/project-statuses`, input),
  update: (ws: string, id: string, input: { name?: string; kind?: ProjectStatusKind }) =>
    request<ProjectStatus>('PATCH', `${wsPath(ws)}/project-statuses/${encodeURIComponent(id)}`, input),
  remove: (ws: string, id: string) => request<void>('DELETE', `${wsPath(ws)}/project-statuses/${encodeURIComponent(id)}`),
  reorder: (ws: string, ids: string[]) =>
    request<{ items: ProjectStatus[] }>('PUT', `${wsPath(ws)}/project-statuses/order`, { ids }),
};

export const milestonesApi = {
  list: (ws: string, projectId: string, options?: RequestOptions) =>
    request<{ items: Milestone[] }>('GET', `${projectPath(ws, projectId)}/milestones`, undefined, options),
  create: (ws: string, projectId: string, input: MilestoneInput) =>
    request<Milestone>('POST', `${projectPath(ws, projectId)}/milestones`, input),
  update: (ws: string, projectId: string, id: string, input: MilestoneInput) =>
    request<Milestone>('PATCH', `${projectPath(ws, projectId)}/milestones/${encodeURIComponent(id)}`, input),
  remove: (ws: string, projectId: string, id: string) =>
    request<void>('DELETE', `${projectPath(ws, projectId)}/milestones/${encodeURIComponent(id)}`),
  restore: (ws: string, projectId: string, id: string) =>
    request<Milestone>('POST', `${projectPath(ws, projectId)}/milestones/${encodeURIComponent(id)}/restore`),
};
