import type { tasks } from '../../../db/tenant/schema.ts';
import type { TaskLinks } from './task-links.ts';

export type TaskRow = typeof tasks.$inferSelect;

/** One line of a task's checklist (subtasks that need no assignee or date of their own). */
export interface ChecklistItem {
  id: string;
  title: string;
  done: boolean;
}

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
  /** Milliseconds since the epoch: where the task's bar begins on the project timeline. */
  startAt: number | null;
  checklist: ChecklistItem[];
  milestoneId: string | null;
}

/** What a write may carry beyond the stored columns: the tasks this one waits for. */
export interface TaskWrite extends TaskInput {
  dependsOn: string[];
}

export interface Task extends Omit<TaskInput, 'dueAt' | 'startAt'>, TaskLinks {
  id: string;
  dueAt: string | null;
  startAt: string | null;
  createdAt: string;
  updatedAt: string;
  deletedAt: string | null;
  version: number;
}

/**
 * Fields whose changes the history records. `position` is left out: it is board bookkeeping
 * that changes with every drag and would bury the edits people look for; so is the checklist,
 * whose ticks are progress rather than edits.
 */
export const TASK_FIELDS = [
  'title',
  'dueAt',
  'done',
  'assigneeId',
  'companyId',
  'contactId',
  'dealId',
  'projectId',
  'status',
  'estimateMinutes',
  'startAt',
  'milestoneId',
  'dependsOn',
] as const;

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

/** The stored checklist; a value that is not a list of items (hand-edited rows) reads as empty. */
export function parseChecklist(text: string): ChecklistItem[] {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return [];
  }
  if (!Array.isArray(value)) return [];
  return value.flatMap((v: unknown) => {
    if (typeof v !== 'object' || v === null) return [];
    const item = v as Record<string, unknown>;
    return typeof item['id'] === 'string' && typeof item['title'] === 'string' ? [{ id: item['id'], title: item['title'], done: item['done'] === true }] : [];
  });
}

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
    startAt: iso(row.startAt),
    checklist: parseChecklist(row.checklist),
    milestoneId: row.milestoneId,
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
    startAt: row.startAt,
    checklist: parseChecklist(row.checklist),
    milestoneId: row.milestoneId,
  };
}

/** The columns to store for a task's input. */
export function taskColumns(t: TaskInput) {
  return { ...t, checklist: JSON.stringify(t.checklist) };
}

/** A task's values as the history shows them (timestamps as ISO strings). */
export function taskHistoryValues(t: TaskInput, dependsOn: readonly string[]): Record<string, unknown> {
  const { checklist: _checklist, ...rest } = t;
  return { ...rest, dueAt: iso(t.dueAt), startAt: iso(t.startAt), dependsOn: dependsOn.length ? [...dependsOn].sort() : null };
}
