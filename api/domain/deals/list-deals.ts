import { and, asc, desc, eq, gte, inArray, isNotNull, isNull, sql, type SQL, type SQLWrapper } from 'drizzle-orm';
import type { TenantDb } from '../../../db/tenant/client.ts';
import { deals, recordTags } from '../../../db/tenant/schema.ts';
import { AppError, notFound } from '../../errors.ts';
import { afterRow, decodeCursor, encodeCursor, type SortValue } from '../records/cursor.ts';
import { ftsQuery } from '../records/fts.ts';
import { nullsLastBranches, nullsLastOrder, outputOrder, unionPage } from '../records/nulls-last.ts';
import { DEAL_LINK_COLUMNS, dealLinks } from './deal-links.ts';
import { dealView, type Deal, type DealRow } from './deal.ts';

export const DEAL_SORTS = ['-updatedAt', 'updatedAt', 'title', '-title', 'expectedCloseOn', '-expectedCloseOn', 'createdAt', '-createdAt', 'position'] as const;
export type DealSort = (typeof DEAL_SORTS)[number];

/** Stands for "no expected close date" in cursors: sorts after every YYYY-MM-DD. */
const NO_CLOSE_DATE = '~';

export interface DealFilters {
  /** Full text over title and tags, without diacritics. */
  q?: string | undefined;
  stage?: string | undefined;
  companyId?: string | undefined;
  contactId?: string | undefined;
  ownerId?: string | undefined;
  tag?: string | undefined;
}

export interface ListDealsQuery extends DealFilters {
  limit: number;
  cursor?: string | undefined;
  sort: DealSort;
  updatedSince?: number | undefined;
  deleted?: boolean | undefined;
}

/** The filter conditions the list and the board share (all but the trash flag). */
export function dealFilters(db: Pick<TenantDb, 'select'>, f: DealFilters): SQL[] {
  const where: SQL[] = [];
  if (f.stage !== undefined) where.push(eq(deals.stage, f.stage));
  if (f.companyId !== undefined) where.push(eq(deals.companyId, f.companyId));
  if (f.contactId !== undefined) where.push(eq(deals.contactId, f.contactId));
  if (f.ownerId !== undefined) where.push(eq(deals.ownerId, f.ownerId));
  if (f.tag !== undefined) {
    where.push(
      inArray(
        deals.id,
        db.select({ id: recordTags.entityId }).from(recordTags).where(and(eq(recordTags.entity, 'deal'), eq(recordTags.tag, f.tag.trim().toLowerCase()))),
      ),
    );
  }
  if (f.q !== undefined) {
    const match = ftsQuery(f.q);
    // Input with nothing searchable in it (only punctuation) matches no deal.
    where.push(match === null ? sql`0` : sql`${deals}.rowid IN (SELECT rowid FROM deals_fts WHERE deals_fts MATCH ${match})`);
  }
  return where;
}

// `title` sorts by the Czech sort key (Č after C, CH after H), which its index covers.
const SORT_COLUMNS = { title: deals.titleKey, updatedAt: deals.updatedAt, position: deals.position } as const;
const SORT_FIELDS = { title: 'titleKey', updatedAt: 'updatedAt', position: 'position' } as const;

/**
 * One page of deals, one statement. Sort columns have their (deleted_at, column, id) index;
 * `position` is the board's column order and needs a `stage` filter (its index starts there).
 */
export async function listDeals(db: TenantDb, query: ListDealsQuery): Promise<{ items: Deal[]; nextCursor: string | null }> {
  const key = query.sort.replace('-', '') as 'title' | 'updatedAt' | 'position' | 'expectedCloseOn' | 'createdAt';
  if (key === 'position' && query.stage === undefined) {
    throw new AppError('validation_failed', 'Some fields are missing or invalid.', { fields: { sort: 'Sorting by position needs a stage filter.' } });
  }
  const isDesc = query.sort.startsWith('-');
  const where: SQL[] = [query.deleted ? isNotNull(deals.deletedAt) : isNull(deals.deletedAt), ...dealFilters(db, query)];
  if (query.updatedSince !== undefined) where.push(gte(deals.updatedAt, query.updatedSince));
  const cursor = query.cursor ? decodeCursor(query.cursor) : undefined;
  const fetch = query.limit + 1;
  const dir = isDesc ? desc : asc;

  let queries: SQLWrapper[];
  let order: SQL;
  let sortValue: (row: DealRow) => SortValue;
  if (key === 'expectedCloseOn') {
    const keyset = { column: deals.expectedCloseOn, id: deals.id, sentinel: NO_CLOSE_DATE, desc: isDesc, cursor, includeNulls: true };
    queries = nullsLastBranches(keyset).map((b) =>
      db
        .select()
        .from(deals)
        .where(and(...where, b.where))
        .orderBy(...b.orderBy)
        .limit(fetch),
    );
    order = nullsLastOrder(keyset);
    sortValue = (r) => r.expectedCloseOn ?? NO_CLOSE_DATE;
  } else if (key === 'createdAt') {
    // UUIDv7 ids are minted from the creation time: id order is (createdAt, id) order, served by
    // the primary key index (the unary + stops the planner preferring a deleted_at index + sort).
    if (!query.deleted) where[0] = sql`+${deals.deletedAt} IS NULL`;
    if (cursor) where.push(isDesc ? sql`${deals.id} < ${cursor[1]}` : sql`${deals.id} > ${cursor[1]}`);
    queries = [
      db
        .select()
        .from(deals)
        .where(and(...where))
        .orderBy(dir(deals.id))
        .limit(fetch),
    ];
    order = outputOrder(isDesc, deals.id);
    sortValue = (r) => r.createdAt;
  } else {
    const column = SORT_COLUMNS[key];
    if (cursor) where.push(afterRow(column, deals.id, isDesc, cursor[0], cursor[1]));
    queries = [
      db
        .select()
        .from(deals)
        .where(and(...where))
        .orderBy(dir(column), dir(deals.id))
        .limit(fetch),
    ];
    order = outputOrder(isDesc, column, deals.id);
    sortValue = (r) => r[SORT_FIELDS[key]] ?? '';
  }
  const rows = await unionPage(db, deals, queries, order, fetch, DEAL_LINK_COLUMNS);
  const items = rows.slice(0, query.limit);
  const last = items[items.length - 1];
  return {
    items: items.map((r) => dealView(r.row, dealLinks(r.extra))),
    nextCursor: rows.length > query.limit && last ? encodeCursor(sortValue(last.row), last.row.id) : null,
  };
}

export async function getDeal(db: TenantDb, id: string): Promise<Deal> {
  const query = db
    .select()
    .from(deals)
    .where(and(eq(deals.id, id), isNull(deals.deletedAt)));
  const [found] = await unionPage(db, deals, [query], outputOrder(false, deals.id), 1, DEAL_LINK_COLUMNS);
  if (!found) throw notFound('Deal');
  return dealView(found.row, dealLinks(found.extra));
}
