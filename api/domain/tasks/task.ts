import type { tasks } from '../../../db/tenant/schema.ts';
import type { TaskLinks } from './task-links.ts';

export type TaskRow = typeof tasks.$inferSelect;

export interface TaskInput {
  title: string;
  /** Milliseconds since the epoch. */
  dueAt: number | null;
  done: boolean;
  assigneeId: string | null;
  companyId: string | null;
  contactId: string | null;
  dealId: string | null;
  projectId: string | null;
  status: string | null;
  position: string | null;
  estimateMinutes: number | null;
}

export interface Task extends Omit<TaskInput, 'dueAt'>, TaskLinks {
  id: string;
  dueAt: string | null;
  createdAt: string;
  updatedAt: string;
  deletedAt: string | null;
  version: number;
}

/**
 * Fields whose changes the history records. `position` is left out: it is board bookkeeping
 * that changes with every drag and would bury the edits people look for.
 */
export const TASK_FIELDS = ['title', 'dueAt', 'done', 'assigneeId', 'companyId', 'contactId', 'dealId', 'projectId', 'status', 'estimateMinutes'] as const;

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

export function taskView(row: TaskRow, links: TaskLinks): Task {
  return {
    id: row.id,
    title: row.title,
    dueAt: iso(row.dueAt),
    done: row.done,
    assigneeId: row.assigneeId,
    companyId: row.companyId,
    contactId: row.contactId,
    dealId: row.dealId,
    projectId: row.projectId,
    status: row.status,
    position: row.position,
    estimateMinutes: row.estimateMinutes,
    ...links,
    createdAt: new Date(row.createdAt).toISOString(),
    updatedAt: new Date(row.updatedAt).toISOString(),
    deletedAt: iso(row.deletedAt),
    version: row.version,
  };
}

/** The stored columns of a task (timestamps as ms). */
export function taskInput(row: TaskRow): TaskInput {
  return {
    title: row.title,
    dueAt: row.dueAt,
    done: row.done,
    assigneeId: row.assigneeId,
    companyId: row.companyId,
    contactId: row.contactId,
    dealId: row.dealId,
    projectId: row.projectId,
    status: row.status,
    position: row.position,
    estimateMinutes: row.estimateMinutes,
  };
}

/** A task's values as the history shows them (timestamps as ISO strings). */
export function taskHistoryValues(t: TaskInput): Record<string, unknown> {
  return { ...t, dueAt: iso(t.dueAt) };
}
