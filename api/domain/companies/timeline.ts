import { sql, type SQL } from 'drizzle-orm';
import type { TenantDb } from '../../../db/tenant/client.ts';
import { notFound } from '../../errors.ts';
import { activityView, type Activity, type ActivityRow } from '../activities/activity.ts';
import { decodeCursor, encodeCursor } from '../records/cursor.ts';
import type { Changes } from '../records/history.ts';

export interface TimelineTask {
  id: string;
  title: string;
  dueAt: string | null;
  done: boolean;
  assigneeId: string | null;
  companyId: string | null;
  contactId: string | null;
  dealId: string | null;
  status: string | null;
  createdAt: string;
  updatedAt: string;
  version: number;
}

export interface TimelineChange {
  id: string;
  action: 'create' | 'update' | 'delete' | 'restore';
  changes: Changes;
  actorId: string | null;
}

/** A project of the company, placed on the timeline when it was started. */
export interface TimelineProject {
  id: string;
  name: string;
  statusId: string;
  status: { id: string; name: string; kind: string };
  managerId: string | null;
  dealId: string | null;
  startOn: string | null;
  dueOn: string | null;
  createdAt: string;
  updatedAt: string;
  version: number;
}

export type TimelineItem =
  | ({ kind: 'activity'; at: string } & Activity)
  | ({ kind: 'task'; at: string } & TimelineTask)
  | ({ kind: 'project'; at: string } & TimelineProject)
  | ({ kind: 'change'; at: string } & TimelineChange);

interface Raw {
  kind: TimelineItem['kind'];
  at: number;
  id: string;
  data: string;
}

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

const ACTIVITY_JSON = sql`json_object('id', a.id, 'type', a.type, 'subject', a.subject, 'body', a.body, 'occurredAt', a.occurred_at,
  'companyId', a.company_id, 'contactId', a.contact_id, 'dealId', a.deal_id, 'projectId', a.project_id, 'authorId', a.author_id,
  'version', a.version, 'createdAt', a.created_at, 'updatedAt', a.updated_at, 'deletedAt', a.deleted_at)`;

/**
 * One page of a company's timeline, newest first: its journal (and that of its contacts), its
 * tasks and projects (placed at their creation) and the changes to the company itself. A single UNION ALL
 * statement; each branch is keyset-limited on its own index before the merge, so a deep page
 * costs what the first does. The company's existence is read in the same batch.
 */
export async function companyTimeline(
  db: TenantDb,
  companyId: string,
  query: { limit: number; cursor?: string | undefined },
): Promise<{ items: TimelineItem[]; nextCursor: string | null }> {
  const n = query.limit + 1;
  let after = (_at: SQL, _id: SQL): SQL => sql`1`;
  if (query.cursor) {
    const [value, id] = decodeCursor(query.cursor);
    after = (at, idCol) => sql`(${at}, ${idCol}) < (${value}, ${id})`;
  }
  const [exists, rows] = await db.batch([
    db.all<{ one: number }>(sql`SELECT 1 AS one FROM companies WHERE id = ${companyId} AND deleted_at IS NULL`),
    db.all<Raw>(sql`
      SELECT kind, at, id, data FROM (
        SELECT * FROM (
          SELECT 'activity' AS kind, a.occurred_at AS at, a.id AS id, ${ACTIVITY_JSON} AS data
            FROM activities a
            WHERE a.company_id = ${companyId} AND a.deleted_at IS NULL AND ${after(sql`a.occurred_at`, sql`a.id`)}
            ORDER BY a.occurred_at DESC, a.id DESC LIMIT ${n})
        UNION ALL
        SELECT * FROM (
          SELECT 'activity', a.occurred_at, a.id, ${ACTIVITY_JSON}
            -- CROSS JOIN fixes the loop order: the company's contacts outside, each one's
            -- entries by activities_contact_idx inside (not a walk of the whole journal).
            FROM contacts p CROSS JOIN activities a ON a.contact_id = p.id
            WHERE p.company_id = ${companyId} AND p.deleted_at IS NULL
              AND a.company_id IS NOT ${companyId} AND a.deleted_at IS NULL AND ${after(sql`a.occurred_at`, sql`a.id`)}
            ORDER BY a.occurred_at DESC, a.id DESC LIMIT ${n})
        UNION ALL
        SELECT * FROM (
          SELECT 'task', t.created_at, t.id, json_object('id', t.id, 'title', t.title, 'dueAt', t.due_at, 'done', t.done,
              'assigneeId', t.assignee_id, 'companyId', t.company_id, 'contactId', t.contact_id, 'dealId', t.deal_id,
              'status', t.status, 'createdAt', t.created_at, 'updatedAt', t.updated_at, 'version', t.version)
            FROM tasks t
            WHERE t.company_id = ${companyId} AND t.deleted_at IS NULL AND ${after(sql`t.created_at`, sql`t.id`)}
            ORDER BY t.created_at DESC, t.id DESC LIMIT ${n})
        UNION ALL
        SELECT * FROM (
          SELECT 'project', pr.created_at, pr.id, json_object('id', pr.id, 'name', pr.name, 'statusId', pr.status_id,
              'statusName', s.name, 'statusKind', s.kind, 'managerId', pr.manager_id, 'dealId', pr.deal_id,
              'startOn', pr.start_on, 'dueOn', pr.due_on, 'createdAt', pr.created_at, 'updatedAt', pr.updated_at, 'version', pr.version)
            -- A company has a handful of projects: projects_company_idx finds them, the sort is tiny.
            FROM projects pr LEFT JOIN project_statuses s ON s.id = pr.status_id
            WHERE pr.company_id = ${companyId} AND pr.deleted_at IS NULL AND ${after(sql`pr.created_at`, sql`pr.id`)}
            ORDER BY pr.created_at DESC, pr.id DESC LIMIT ${n})
        UNION ALL
        SELECT * FROM (
          SELECT 'change', h.at, h.id, json_object('id', h.id, 'action', h.action, 'changes', json(h.changes), 'actorId', h.actor_id)
            FROM record_history h
            WHERE h.entity = 'company' AND h.entity_id = ${companyId} AND ${after(sql`h.at`, sql`h.id`)}
            ORDER BY h.at DESC, h.id DESC LIMIT ${n})
      )
      ORDER BY at DESC, id DESC
      LIMIT ${n}
    `),
  ]);
  if (exists.length === 0) throw notFound('Company');
  const items = rows.slice(0, query.limit).map(timelineItem);
  const last = rows[query.limit - 1];
  return { items, nextCursor: rows.length > query.limit && last ? encodeCursor(Number(last.at), last.id) : null };
}

function timelineItem(raw: Raw): TimelineItem {
  const at = new Date(Number(raw.at)).toISOString();
  if (raw.kind === 'activity') return { kind: 'activity', at, ...activityView(JSON.parse(raw.data) as ActivityRow) };
  if (raw.kind === 'task') {
    const t = JSON.parse(raw.data) as Omit<TimelineTask, 'dueAt' | 'done' | 'createdAt' | 'updatedAt'> & {
      dueAt: number | null;
      done: number;
      createdAt: number;
      updatedAt: number;
    };
    return { kind: 'task', at, ...t, dueAt: iso(t.dueAt), done: t.done === 1, createdAt: iso(t.createdAt)!, updatedAt: iso(t.updatedAt)! };
  }
  if (raw.kind === 'project') {
    const p = JSON.parse(raw.data) as Omit<TimelineProject, 'status' | 'createdAt' | 'updatedAt'> & {
      statusName: string | null;
      statusKind: string | null;
      createdAt: number;
      updatedAt: number;
    };
    const { statusName, statusKind, ...rest } = p;
    return {
      kind: 'project',
      at,
      ...rest,
      status: { id: p.statusId, name: statusName ?? p.statusId, kind: statusKind ?? 'planned' },
      createdAt: iso(p.createdAt)!,
      updatedAt: iso(p.updatedAt)!,
    };
  }
  return { kind: 'change', at, ...(JSON.parse(raw.data) as TimelineChange) };
}

export interface CompanySummary {
  contacts: number;
  openDeals: number;
  /** Open deals' value, one sum per currency (money never mixes currencies). */
  openDealsValue: { amount: number; currency: string }[];
  openTasks: number;
  overdueTasks: number;
}

/** Counts for the company page's header in one statement (each count an indexed range). */
export async function companySummary(db: TenantDb, companyId: string, now: number): Promise<CompanySummary> {
  const [row] = await db.all<{ found: number; contacts: number; openDeals: number; openDealsValue: string; openTasks: number; overdueTasks: number }>(sql`
    SELECT
      EXISTS (SELECT 1 FROM companies WHERE id = ${companyId} AND deleted_at IS NULL) AS found,
      (SELECT count(*) FROM contacts WHERE company_id = ${companyId} AND deleted_at IS NULL) AS contacts,
      (SELECT count(*) FROM deals d LEFT JOIN deal_stages s ON s.id = d.stage
        WHERE d.company_id = ${companyId} AND d.deleted_at IS NULL AND coalesce(s.kind, 'open') = 'open') AS openDeals,
      (SELECT json_group_array(json_object('amount', amount, 'currency', currency)) FROM (
        SELECT sum(d.value_amount) AS amount, d.value_currency AS currency
          FROM deals d LEFT JOIN deal_stages s ON s.id = d.stage
          WHERE d.company_id = ${companyId} AND d.deleted_at IS NULL AND coalesce(s.kind, 'open') = 'open'
            AND d.value_amount IS NOT NULL AND d.value_currency IS NOT NULL
          GROUP BY d.value_currency ORDER BY d.value_currency)) AS openDealsValue,
      (SELECT count(*) FROM tasks WHERE company_id = ${companyId} AND deleted_at IS NULL AND done = 0) AS openTasks,
      (SELECT count(*) FROM tasks WHERE company_id = ${companyId} AND deleted_at IS NULL AND done = 0 AND due_at < ${now}) AS overdueTasks
  `);
  if (!row || Number(row.found) !== 1) throw notFound('Company');
  return {
    contacts: Number(row.contacts),
    openDeals: Number(row.openDeals),
    openDealsValue: JSON.parse(row.openDealsValue) as { amount: number; currency: string }[],
    openTasks: Number(row.openTasks),
    overdueTasks: Number(row.overdueTasks),
  };
}
