import { and, asc, eq, gte, isNull, lt, sql, type SQL } from 'drizzle-orm';
import type { TenantDb } from '../../../db/tenant/client.ts';
import { tasks } from '../../../db/tenant/schema.ts';
import { fromDriverRows } from '../records/nulls-last.ts';
import { NO_DUE_DATE } from './list-tasks.ts';
import { TASK_LINK_COLUMNS, taskLinks } from './task-links.ts';
import { taskView, type Task } from './task.ts';
import { dayBounds } from './zoned-day.ts';

export interface MyTasks {
  overdue: Task[];
  today: Task[];
  upcoming: Task[];
}

const BUCKETS = ['overdue', 'today', 'upcoming', 'undated'] as const;

/**
 * The open tasks of one assignee in three buckets by calendar day in `tz`: due before today,
 * due today, due later (tasks without a due date at the end of upcoming). At most `limit` per
 * bucket, earliest first. One statement: four LIMITed range scans of the assignee index.
 */
export async function myTasks(db: TenantDb, userId: string, now: number, tz: string, limit = 100): Promise<MyTasks> {
  const { start, end } = dayBounds(tz, now);
  const mine = and(eq(tasks.assigneeId, userId), isNull(tasks.deletedAt), eq(tasks.done, false));
  const ranges: Record<(typeof BUCKETS)[number], SQL> = {
    overdue: lt(tasks.dueAt, start),
    today: and(gte(tasks.dueAt, start), lt(tasks.dueAt, end))!,
    upcoming: gte(tasks.dueAt, end),
    undated: isNull(tasks.dueAt),
  };
  const members = BUCKETS.map((bucket, i) => {
    const q = db
      .select()
      .from(tasks)
      .where(and(mine, ranges[bucket]))
      .orderBy(asc(tasks.dueAt), asc(tasks.id))
      .limit(limit);
    return sql`SELECT ${i} AS bucket, * FROM (${q})`;
  });
  const rows = await db.all<Record<string, unknown> & { bucket: number }>(
    sql`SELECT t.*, ${TASK_LINK_COLUMNS} FROM (${sql.join(members, sql` UNION ALL `)}) t ORDER BY bucket, coalesce(due_at, ${NO_DUE_DATE}), id`,
  );
  const out: MyTasks = { overdue: [], today: [], upcoming: [] };
  const typed = fromDriverRows(tasks, rows);
  rows.forEach((r, i) => {
    const bucket = BUCKETS[r.bucket]!;
    out[bucket === 'undated' ? 'upcoming' : bucket].push(taskView(typed[i]!, taskLinks(r)));
  });
  out.upcoming = out.upcoming.slice(0, limit);
  return out;
}
