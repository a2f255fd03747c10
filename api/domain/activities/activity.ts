import type { activities } from '../../../db/tenant/schema.ts';

export type ActivityRow = typeof activities.$inferSelect;

export const ACTIVITY_TYPES = ['call', 'meeting', 'email', 'note'] as const;
export type ActivityType = (typeof ACTIVITY_TYPES)[number];

export interface ActivityInput {
  type: ActivityType;
  subject: string;
  body: string | null;
  /** Milliseconds since the epoch. */
  occurredAt: number;
  companyId: string | null;
  contactId: string | null;
  dealId: string | null;
  projectId: string | null;
}

export interface Activity extends Omit<ActivityInput, 'occurredAt'> {
  id: string;
  occurredAt: string;
  /** Who logged it: the caller at creation, never changed afterwards. */
  authorId: string | null;
  createdAt: string;
  updatedAt: string;
  deletedAt: string | null;
  version: number;
}

/** Fields whose changes the history records, in display order. */
export const ACTIVITY_FIELDS = ['type', 'subject', 'body', 'occurredAt', 'companyId', 'contactId', 'dealId', 'projectId'] as const;

export function activityView(row: ActivityRow): Activity {
  return {
    id: row.id,
    type: row.type,
    subject: row.subject,
    body: row.body,
    occurredAt: new Date(row.occurredAt).toISOString(),
    companyId: row.companyId,
    contactId: row.contactId,
    dealId: row.dealId,
    projectId: row.projectId,
    authorId: row.authorId,
    createdAt: new Date(row.createdAt).toISOString(),
    updatedAt: new Date(row.updatedAt).toISOString(),
    deletedAt: row.deletedAt === null ? null : new Date(row.deletedAt).toISOString(),
    version: row.version,
  };
}

/** The column values of an activity as stored. */
export function activityColumns(a: ActivityInput) {
  return {
    type: a.type,
    subject: a.subject,
    body: a.body,
    occurredAt: a.occurredAt,
    companyId: a.companyId,
    contactId: a.contactId,
    dealId: a.dealId,
    projectId: a.projectId,
  };
}

/** The same values as the history shows them: times as ISO strings, like the API. */
export function activityHistoryValues(a: ActivityInput) {
  return { ...activityColumns(a), occurredAt: new Date(a.occurredAt).toISOString() };
}
