// Typed calls for the client-management records (companies, contacts, the journal, tasks, search),
// shapes as in /work/shared/API.md. Built on the shared `request` so errors stay `ApiError`s.
import { request, type RequestOptions } from '../api.ts';

export interface Address {
  street: string | null;
  city: string | null;
  postalCode: string | null;
}

interface RecordMeta {
  id: string;
  createdAt: string;
  updatedAt: string;
  deletedAt: string | null;
  /** The ETag is this number in quotes; sent back as If-Match. */
  version: number;
}

export interface Company extends RecordMeta {
  name: string;
  country: string;
  regNo: string | null;
  vatNo: string | null;
  email: string | null;
  phone: string | null;
  website: string | null;
  address: Address;
  tags: string[];
  ownerId: string | null;
}

export interface Contact extends RecordMeta {
  firstName: string | null;
  lastName: string;
  email: string | null;
  phone: string | null;
  title: string | null;
  companyId: string | null;
  /** Read-only, filled by the API so lists need no second request. */
  companyName: string | null;
  tags: string[];
  ownerId: string | null;
}

export type ActivityType = 'call' | 'meeting' | 'email' | 'note';
export const ACTIVITY_TYPES: readonly ActivityType[] = ['call', 'meeting', 'email', 'note'];

export interface Activity extends RecordMeta {
  type: ActivityType;
  subject: string;
  body: string | null;
  occurredAt: string;
  companyId: string | null;
  contactId: string | null;
  dealId: string | null;
  projectId: string | null;
  authorId: string | null;
}

export interface Task extends RecordMeta {
  title: string;
  dueAt: string | null;
  done: boolean;
  assigneeId: string | null;
  companyId: string | null;
  contactId: string | null;
  dealId: string | null;
}

export interface Money {
  amount: number;
  currency: string;
}

export interface Deal extends RecordMeta {
  title: string;
  companyId: string | null;
  contactId: string | null;
  value: Money | null;
  stage: string;
  ownerId: string | null;
  probability: number | null;
  expectedCloseOn: string | null;
}

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

export type SearchHitType = 'company' | 'contact' | 'deal' | 'project';

export interface SearchHit {
  type: SearchHitType;
  id: string;
  title: string;
  subtitle: string | null;
  rank: number;
}

/** One change of a record: field → [before, after]. */
export interface HistoryEntry {
  id: string;
  action: 'create' | 'update' | 'delete' | 'restore';
  changes: Record<string, [unknown, unknown]>;
  actorId: string | null;
  at: string;
}

/** What ARES knows about a company, as our API relays it. */
export interface AresCompany {
  regNo: string;
  name: string;
  vatNo: string | null;
  address: Partial<Address> | null;
  country?: string;
}

export interface Member {
  userId: string;
  name: string | null;
  email: string;
  role: string;
}

export type CompanyInput = Partial<Omit<Company, keyof RecordMeta | 'address'>> & { address?: Partial<Address> };
export type ContactInput = Partial<Omit<Contact, keyof RecordMeta | 'companyName'>>;

export interface ActivityInput {
  type: ActivityType;
  subject: string;
  body?: string | null;
  occurredAt?: string;
  companyId?: string | null;
  contactId?: string | null;
}

export interface TaskInput {
  title: string;
  dueAt?: string | null;
  assigneeId?: string | null;
  companyId?: string | null;
  contactId?: string | null;
}

export type ListParams = Record<string, string | number | boolean | null | undefined>;

/** `?a=1&b=x`, leaving out empty values. */
export function queryString(params: ListParams): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value === undefined || value === null || value === '') continue;
    search.set(key, String(value));
  }
  const text = search.toString();
  return text ? `?${text}` : '';
}

const wsPath = (ws: string) => `/w/${encodeURIComponent(ws)}`;
const ifMatch = (version: number | undefined): RequestOptions =>
  version === undefined ? {} : { headers: { 'If-Match': `"${version}"` } };

/** The record kinds with list, get, create, patch, delete and restore. */
export type RecordKind = 'companies' | 'contacts';

function crud<T, I>(kind: RecordKind) {
  return {
    list: (ws: string, params: ListParams, options?: RequestOptions) =>
      request<Page<T>>('GET', `${wsPath(ws)}/${kind}${queryString(params)}`, undefined, options),
    get: (ws: string, id: string, options?: RequestOptions) =>
      request<T>('GET', `${wsPath(ws)}/${kind}/${encodeURIComponent(id)}`, undefined, options),
    create: (ws: string, input: I) => request<T>('POST', `${wsPath(ws)}/${kind}`, input),
    update: (ws: string, id: string, input: I, version?: number) =>
      request<T>('PATCH', `${wsPath(ws)}/${kind}/${encodeURIComponent(id)}`, input, ifMatch(version)),
    remove: (ws: string, id: string, version?: number) =>
      request<void>('DELETE', `${wsPath(ws)}/${kind}/${encodeURIComponent(id)}`, undefined, ifMatch(version)),
    restore: (ws: string, id: string) => request<T>('POST', `${wsPath(ws)}/${kind}/${encodeURIComponent(id)}/restore`),
    history: (ws: string, id: string, params: ListParams = {}) =>
      request<Page<HistoryEntry>>('GET', `${wsPath(ws)}/${kind}/${encodeURIComponent(id)}/history${queryString(params)}`),
  };
}

export const companiesApi = {
  ...crud<Company, CompanyInput>('companies'),
  timeline: (ws: string, id: string, params: ListParams = {}, options?: RequestOptions) =>
    request<Page<TimelineEntry>>('GET', `${wsPath(ws)}/companies/${encodeURIComponent(id)}/timeline${queryString(params)}`, undefined, options),
  summary: (ws: string, id: string, options?: RequestOptions) =>
    request<CompanySummary>('GET', `${wsPath(ws)}/companies/${encodeURIComponent(id)}/summary`, undefined, options),
};

export const contactsApi = crud<Contact, ContactInput>('contacts');

export const activitiesApi = {
  list: (ws: string, params: ListParams, options?: RequestOptions) =>
    request<Page<Activity>>('GET', `${wsPath(ws)}/activities${queryString(params)}`, undefined, options),
  create: (ws: string, input: ActivityInput) => request<Activity>('POST', `${wsPath(ws)}/activities`, input),
  remove: (ws: string, id: string) => request<void>('DELETE', `${wsPath(ws)}/activities/${encodeURIComponent(id)}`),
  restore: (ws: string, id: string) => request<Activity>('POST', `${wsPath(ws)}/activities/${encodeURIComponent(id)}/restore`),
};

export const tasksApi = {
  list: (ws: string, params: ListParams, options?: RequestOptions) =>
    request<Page<Task>>('GET', `${wsPath(ws)}/tasks${queryString(params)}`, undefined, options),
  create: (ws: string, input: TaskInput) => request<Task>('POST', `${wsPath(ws)}/tasks`, input),
  update: (ws: string, id: string, input: Partial<TaskInput> & { done?: boolean }) =>
    request<Task>('PATCH', `${wsPath(ws)}/tasks/${encodeURIComponent(id)}`, input),
};

export interface DealStage {
  id: string;
  name: string;
  position: number;
  kind: string;
}

export const stagesApi = {
  list: (ws: string, options?: RequestOptions) => request<{ items: DealStage[] }>('GET', `${wsPath(ws)}/deal-stages`, undefined, options),
};

export const dealsApi = {
  list: (ws: string, params: ListParams, options?: RequestOptions) =>
    request<Page<Deal>>('GET', `${wsPath(ws)}/deals${queryString(params)}`, undefined, options),
};

export const searchApi = {
  search: (ws: string, q: string, options?: RequestOptions) =>
    request<{ items: SearchHit[] }>('GET', `${wsPath(ws)}/search${queryString({ q, limit: 30 })}`, undefined, options),
};

export const aresApi = {
  lookup: (ws: string, ico: string, options?: RequestOptions) =>
    request<AresCompany>('GET', `${wsPath(ws)}/ares/${encodeURIComponent(ico)}`, undefined, options),
};

export const tagsApi = {
  list: (ws: string, entity: 'company' | 'contact', options?: RequestOptions) =>
    request<{ items: { tag: string; count?: number }[] }>('GET', `${wsPath(ws)}/tags${queryString({ entity })}`, undefined, options),
};

export const membersApi = {
  list: (ws: string, options?: RequestOptions) => request<{ items: Member[] }>('GET', `${wsPath(ws)}/members`, undefined, options),
};

/** An entry of a company's timeline: a journal entry, a task (at its creation), or a change to the record. */
export type TimelineEntry =
  | ({ kind: 'activity'; at: string } & Activity)
  | ({ kind: 'task'; at: string } & Omit<Task, 'deletedAt'> & { status: string | null })
  | ({ kind: 'project'; at: string } & TimelineProject)
  | ({ kind: 'change'; at: string } & Omit<HistoryEntry, 'at'>);

/** A project of the company, on its timeline when it was started. */
export interface TimelineProject {
  id: string;
  name: string;
  statusId: string;
  status: { id: string; name: string; kind: 'planned' | 'active' | 'on_hold' | 'done' | 'cancelled' };
  managerId: string | null;
  dealId: string | null;
  startOn: string | null;
  dueOn: string | null;
  createdAt: string;
  updatedAt: string;
  version: number;
}

/** Counts for a company's page header. */
export interface CompanySummary {
  contacts: number;
  openDeals: number;
  openDealsValue: Money[];
  openTasks: number;
  overdueTasks: number;
}
