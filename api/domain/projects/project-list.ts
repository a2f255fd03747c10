import { and, asc, desc, eq, gte, inArray, isNotNull, isNull, sql, type SQL, type SQLWrapper } from 'drizzle-orm';
import type { TenantDb } from '../../../db/tenant/client.ts';
import { projectMembers, projects, projectStatuses, recordTags } from '../../../db/tenant/schema.ts';
import { notFound } from '../../errors.ts';
import { afterRow, decodeCursor, encodeCursor, type SortValue } from '../records/cursor.ts';
import { ftsQuery } from '../records/fts.ts';
import { nullsLastBranches, nullsLastOrder, outputOrder, unionPage, type PageRow } from '../records/nulls-last.ts';
import { projectFigures } from './figures.ts';
import { projectView, type Project, type ProjectRow } from './project.ts';
import type { ProjectStatusKind } from './status.ts';

export const PROJECT_SORTS = ['-updatedAt', 'updatedAt', 'name', '-name', 'dueOn', '-dueOn', 'createdAt', '-createdAt'] as const;
export type ProjectSort = (typeof PROJECT_SORTS)[number];

/** Stands for "no due date" in cursors: sorts after every YYYY-MM-DD. */
const NO_DUE_DATE = '~';

export interface ProjectFilters {
  /** Full text over name, description and tags, without diacritics. */
  q?: string | undefined;
  /** A status id. */
  status?: string | undefined;
  /** Any of these status kinds (e.g. the open ones: planned, active, on_hold). */
  kind?: readonly ProjectStatusKind[] | undefined;
  companyId?: string | undefined;
  contactId?: string | undefined;
  dealId?: string | undefined;
  managerId?: string | undefined;
  /** Projects this workspace member works on. */
  memberId?: string | undefined;
  tag?: string | undefined;
}

export interface ListProjectsQuery extends ProjectFilters {
  limit: number;
  cursor?: string | undefined;
  sort: ProjectSort;
  updatedSince?: number | undefined;
  deleted?: boolean | undefined;
}

function projectFilters(db: Pick<TenantDb, 'select'>, f: ProjectFilters): SQL[] {
  const where: SQL[] = [];
  if (f.status !== undefined) where.push(eq(projects.statusId, f.status));
  if (f.kind !== undefined && f.kind.length > 0) {
    where.push(inArray(projects.statusId, db.select({ id: projectStatuses.id }).from(projectStatuses).where(inArray(projectStatuses.kind, [...f.kind]))));
  }
  if (f.companyId !== undefined) where.push(eq(projects.companyId, f.companyId));
  if (f.contactId !== undefined) where.push(eq(projects.contactId, f.contactId));
  if (f.dealId !== undefined) where.push(eq(projects.dealId, f.dealId));
  if (f.managerId !== undefined) where.push(eq(projects.managerId, f.managerId));
  if (f.memberId !== undefined) {
    where.push(inArray(projects.id, db.select({ id: projectMembers.projectId }).from(projectMembers).where(eq(projectMembers.userId, f.memberId))));
  }
  if (f.tag !== undefined) {
    where.push(
      inArray(
        projects.id,
        db.select({ id: recordTags.entityId }).from(recordTags).where(and(eq(recordTags.entity, 'project'), eq(recordTags.tag, f.tag.trim().toLowerCase()))),
      ),
    );
  }
  if (f.q !== undefined) {
    const match = ftsQuery(f.q);
    // Input with nothing searchable in it (only punctuation) matches no project.
    where.push(match === null ? sql`0` : sql`${projects}.rowid IN (SELECT rowid FROM projects_fts WHERE projects_fts MATCH ${match})`);
  }
  return where;
}

/** Select-list terms for project rows aliased `t`: status, company name and members (primary-key and index lookups). */
const PROJECT_EXTRA_COLUMNS: SQL = sql`
  (SELECT name FROM project_statuses WHERE id = t.status_id) AS status_name,
  (SELECT kind FROM project_statuses WHERE id = t.status_id) AS status_kind,
  (SELECT name FROM companies WHERE id = t.company_id) AS company_name,
  (SELECT json_group_array(user_id) FROM (SELECT user_id FROM project_members WHERE project_id = t.id ORDER BY user_id)) AS member_ids`;

/** Page rows → API projects, with the figures of the whole page read in one go. */
async function views(db: TenantDb, rows: PageRow<ProjectRow>[]): Promise<Project[]> {
  const figures = await projectFigures(
    db,
    rows.map((r) => ({ id: r.row.id, currency: r.row.currency })),
  );
  return rows.map(({ row, extra }) => {
    const text = (v: unknown) => (typeof v === 'string' ? v : null);
    const statusName = text(extra['status_name']);
    const memberIds = JSON.parse(text(extra['member_ids']) ?? '[]') as string[];
    return projectView(row, {
      // A trashed project may name a status deleted meanwhile; restore moves it to the first one.
      status: { id: row.statusId, name: statusName ?? row.statusId, kind: (text(extra['status_kind']) ?? 'planned') as ProjectStatusKind },
      companyName: text(extra['company_name']),
      memberIds,
      figures: figures.get(row.id)!,
    });
  });
}

const SORT_COLUMNS = { name: projects.nameKey, updatedAt: projects.updatedAt } as const;

/**
 * One page of projects (the portfolio): one statement for the rows with their status, company
 * and members, one for the figures of the whole page. Sort columns have their
 * (deleted_at, column, id) index; dueOn puts projects without a date last.
 */
export async function listProjects(db: TenantDb, query: ListProjectsQuery): Promise<{ items: Project[]; nextCursor: string | null }> {
  const key = query.sort.replace('-', '') as 'name' | 'updatedAt' | 'dueOn' | 'createdAt';
  const isDesc = query.sort.startsWith('-');
  const where: SQL[] = [query.deleted ? isNotNull(projects.deletedAt) : isNull(projects.deletedAt), ...projectFilters(db, query)];
  if (query.updatedSince !== undefined) where.push(gte(projects.updatedAt, query.updatedSince));
  const cursor = query.cursor ? decodeCursor(query.cursor) : undefined;
  const fetch = query.limit + 1;
  const dir = isDesc ? desc : asc;

  let queries: SQLWrapper[];
  let order: SQL;
  let sortValue: (row: ProjectRow) => SortValue;
  if (key === 'dueOn') {
    const keyset = { column: projects.dueOn, id: projects.id, sentinel: NO_DUE_DATE, desc: isDesc, cursor, includeNulls: true };
    queries = nullsLastBranches(keyset).map((b) =>
      db
        .select()
        .from(projects)
        .where(and(...where, b.where))
        .orderBy(...b.orderBy)
        .limit(fetch),
    );
    order = nullsLastOrder(keyset);
    sortValue = (r) => r.dueOn ?? NO_DUE_DATE;
  } else if (key === 'createdAt') {
    // UUIDv7 ids are minted from the creation time: id order is creation order.
    if (!query.deleted) where[0] = sql`+${projects.deletedAt} IS NULL`;
    if (cursor) where.push(isDesc ? sql`${projects.id} < ${cursor[1]}` : sql`${projects.id} > ${cursor[1]}`);
    queries = [
      db
        .select()
        .from(projects)
        .where(and(...where))
        .orderBy(dir(projects.id))
        .limit(fetch),
    ];
    order = outputOrder(isDesc, projects.id);
    sortValue = (r) => r.createdAt;
  } else {
    const column = SORT_COLUMNS[key];
    if (cursor) where.push(afterRow(column, projects.id, isDesc, cursor[0], cursor[1]));
    queries = [
      db
        .select()
        .from(projects)
        .where(and(...where))
        .orderBy(dir(column), dir(projects.id))
        .limit(fetch),
    ];
    order = outputOrder(isDesc, column, projects.id);
    sortValue = (r) => (key === 'name' ? (r.nameKey ?? '') : r.updatedAt);
  }
  const rows = await unionPage(db, projects, queries, order, fetch, PROJECT_EXTRA_COLUMNS);
  const items = rows.slice(0, query.limit);
  const last = items[items.length - 1];
  return {
    items: await views(db, items),
    nextCursor: rows.length > query.limit && last ? encodeCursor(sortValue(last.row), last.row.id) : null,
  };
}

/** One live project (the trash answers 404, as for every record). */
export async function getProject(db: TenantDb, id: string, options: { deleted?: boolean } = {}): Promise<Project> {
  const query = db
    .select()
    .from(projects)
    .where(and(eq(projects.id, id), options.deleted ? undefined : isNull(projects.deletedAt)));
  const found = await unionPage(db, projects, [query], outputOrder(false, projects.id), 1, PROJECT_EXTRA_COLUMNS);
  if (found.length === 0) throw notFound('Project');
  return (await views(db, found))[0]!;
}
