import { sql } from 'drizzle-orm';
import type { TenantDb } from '../../../db/tenant/client.ts';
import { tasks } from '../../../db/tenant/schema.ts';
import { notFound } from '../../errors.ts';
import { fromDriverRows } from '../records/nulls-last.ts';
import { TASK_LINK_COLUMNS, taskLinks } from '../tasks/task-links.ts';
import { taskView, type Task } from '../tasks/task.ts';

export interface TimelineMilestone {
  id: string;
  name: string;
  dueOn: string | null;
  done: boolean;
}

/**
 * A finish-to-start arrow: `taskId` may start once `dependsOnId` has finished. Violated when the
 * task starts (startAt, else dueAt) before the predecessor is due (`dates`), or is done while
 * the predecessor is not (`status`).
 */
export interface TimelineDependency {
  taskId: string;
  dependsOnId: string;
  violated: boolean;
  reason: 'dates' | 'status' | null;
}

export interface ProjectTimeline {
  project: { id: string; name: string; startOn: string | null; dueOn: string | null };
  /** Every live task of the project, scheduled ones (by start, else due) first. */
  tasks: Task[];
  milestones: TimelineMilestone[];
  dependencies: TimelineDependency[];
}

/**
 * The project on a date axis in one batch (one snapshot): the project, its tasks, its
 * milestones, and the dependency arrows between its live tasks with the violations worked out
 * in SQL.
 */
export async function projectTimeline(db: TenantDb, projectId: string): Promise<ProjectTimeline> {
  const [projectRows, taskRows, milestoneRows, dependencyRows] = await db.batch([
    db.all<{ id: string; name: string; start_on: string | null; due_on: string | null }>(
      sql`SELECT id, name, start_on, due_on FROM projects WHERE id = ${projectId} AND deleted_at IS NULL`,
    ),
    db.all<Record<string, unknown>>(sql`
      SELECT t.*, ${TASK_LINK_COLUMNS} FROM tasks t
       WHERE t.project_id = ${projectId} AND t.deleted_at IS NULL
       ORDER BY coalesce(t.start_at, t.due_at) IS NULL, coalesce(t.start_at, t.due_at), t.id`),
    db.all<{ id: string; name: string; due_on: string | null; done: number }>(sql`
      SELECT id, name, due_on, done FROM milestones
       WHERE project_id = ${projectId} AND deleted_at IS NULL
       ORDER BY due_on IS NULL, due_on, id`),
    db.all<{ task_id: string; depends_on_id: string; reason: 'dates' | 'status' | null }>(sql`
      SELECT d.task_id, d.depends_on_id,
             CASE WHEN t.done = 1 AND p.done = 0 THEN 'status'
                  WHEN p.due_at IS NOT NULL AND coalesce(t.start_at, t.due_at) < p.due_at THEN 'dates'
             END AS reason
        FROM tasks t
        JOIN task_dependencies d ON d.task_id = t.id
        JOIN tasks p ON p.id = d.depends_on_id AND p.deleted_at IS NULL
       WHERE t.project_id = ${projectId} AND t.deleted_at IS NULL
       ORDER BY d.task_id, d.depends_on_id`),
  ]);
  const project = projectRows[0];
  if (!project) throw notFound('Project');
  return {
    project: { id: project.id, name: project.name, startOn: project.start_on, dueOn: project.due_on },
    tasks: fromDriverRows(tasks, taskRows).map((row, i) => taskView(row, taskLinks(taskRows[i]!))),
    milestones: milestoneRows.map((m) => ({ id: m.id, name: m.name, dueOn: m.due_on, done: Number(m.done) === 1 })),
    dependencies: dependencyRows.map((d) => ({ taskId: d.task_id, dependsOnId: d.depends_on_id, violated: d.reason !== null, reason: d.reason })),
  };
}
