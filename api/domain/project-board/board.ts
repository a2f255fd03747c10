import { sql } from 'drizzle-orm';
import type { TenantDb } from '../../../db/tenant/client.ts';
import { tasks } from '../../../db/tenant/schema.ts';
import { notFound } from '../../errors.ts';
import { encodeCursor } from '../records/cursor.ts';
import { fromDriverRows } from '../records/nulls-last.ts';
import { BOARD_COLUMNS, type BoardColumnKey } from '../tasks/project-task.ts';
import { TASK_LINK_COLUMNS, taskLinks } from '../tasks/task-links.ts';
import { taskView, type Task } from '../tasks/task.ts';

export interface ProjectBoardColumn {
  status: BoardColumnKey;
  /** Live tasks in the column (all of them, not only the items shown). */
  count: number;
  /** Sum of the column's estimates, in minutes. */
  estimateMinutes: number;
  /** The first cards by position. */
  items: Task[];
  /** Continues the column: `GET /tasks?projectId=…&status=…&sort=position&cursor=…`. */
  nextCursor: string | null;
}

export interface ProjectBoard {
  projectId: string;
  columns: ProjectBoardColumn[];
}

/**
 * A project's board in two statements whatever the number of tasks: the project joined with
 * one GROUP BY status aggregate (which also tells a missing project), and the first `perColumn`
 * cards of every column through a correlated, LIMITed range scan of the
 * (project_id, deleted_at, status, position, id) index. Both run in one batch, so a card moving
 * between the two reads is not counted in one column and shown in another.
 */
export async function projectBoard(db: TenantDb, projectId: string, perColumn = 200): Promise<ProjectBoard> {
  const keys = sql.join(
    BOARD_COLUMNS.map((k, i) => sql`(${k}, ${i})`),
    sql`, `,
  );
  const [countRows, cardRows] = await db.batch([
    db.all<{ status: string | null; n: number | null; minutes: number | null }>(sql`
      SELECT c.status, c.n, c.minutes FROM projects p
        LEFT JOIN (
          SELECT status, count(*) AS n, coalesce(sum(estimate_minutes), 0) AS minutes
            FROM tasks WHERE project_id = ${projectId} AND deleted_at IS NULL GROUP BY status
        ) c
       WHERE p.id = ${projectId} AND p.deleted_at IS NULL`),
    db.all<Record<string, unknown>>(sql`
      SELECT t.*, ${TASK_LINK_COLUMNS} FROM (VALUES ${keys}) k
        JOIN tasks t ON t.rowid IN (
          SELECT rowid FROM tasks WHERE project_id = ${projectId} AND deleted_at IS NULL AND status = k.column1
           ORDER BY position, id LIMIT ${perColumn + 1})
       ORDER BY k.column2, t.position, t.id`),
  ]);
  if (countRows.length === 0) throw notFound('Project');

  const byStatus = new Map<string, ProjectBoardColumn>(
    BOARD_COLUMNS.map((status) => [status, { status, count: 0, estimateMinutes: 0, items: [], nextCursor: null }]),
  );
  for (const r of countRows) {
    const column = r.status === null ? undefined : byStatus.get(r.status);
    if (column) {
      column.count = Number(r.n ?? 0);
      column.estimateMinutes = Number(r.minutes ?? 0);
    }
  }
  fromDriverRows(tasks, cardRows).forEach((row, i) => {
    const column = byStatus.get(row.status ?? '');
    if (!column) return;
    if (column.items.length < perColumn) column.items.push(taskView(row, taskLinks(cardRows[i]!)));
    else {
      const last = column.items[column.items.length - 1]!;
      column.nextCursor = encodeCursor(last.position ?? '', last.id);
    }
  });
  return { projectId, columns: [...byStatus.values()] };
}
