import { and, asc, desc, eq, gt, gte, inArray, isNull, sql, type SQL } from 'drizzle-orm';
import type { TenantDb } from '../../../db/tenant/client.ts';
import { companies, recordTags } from '../../../db/tenant/schema.ts';
import { notFound } from '../../errors.ts';
import { afterRow, decodeCursor, page } from '../records/cursor.ts';
import { ftsQuery } from '../records/fts.ts';
import { selectRows } from '../records/raw-rows.ts';
import { companyView, type Company } from './company.ts';

export const COMPANY_SORTS = ['name', '-name', 'updatedAt', '-updatedAt', 'createdAt', '-createdAt'] as const;
export type CompanySort = (typeof COMPANY_SORTS)[number];

export interface ListCompaniesQuery {
  limit: number;
  cursor?: string | undefined;
  sort: CompanySort;
  q?: string | undefined;
  ownerId?: string | undefined;
  tag?: string | undefined;
  updatedSince?: number | undefined;
  /** The trash instead of the live list. */
  deleted?: boolean | undefined;
}

// `name` sorts by the Czech sort key (Č after C, CH after H), which its index covers.
const SORT_COLUMNS = { name: companies.nameKey, updatedAt: companies.updatedAt, createdAt: companies.createdAt } as const;
const SORT_FIELDS = { name: 'nameKey', updatedAt: 'updatedAt', createdAt: 'createdAt' } as const;

/**
 * One page of companies: a single indexed query whatever the filters (keyset on the sort
 * column and id; full-text and tag filters as indexed sub-selects).
 */
export async function listCompanies(db: TenantDb, query: ListCompaniesQuery): Promise<{ items: Company[]; nextCursor: string | null }> {
  const isDesc = query.sort.startsWith('-');
  const key = query.sort.replace('-', '') as keyof typeof SORT_COLUMNS;
  const column = SORT_COLUMNS[key];
  // The trash as a range on deleted_at (`> 0`, not IS NOT NULL): SQLite then reads just the
  // trashed rows from the index and sorts those, instead of scanning the whole table.
  const where: (SQL | undefined)[] = [query.deleted ? gt(companies.deletedAt, 0) : isNull(companies.deletedAt)];
  if (query.ownerId) where.push(eq(companies.ownerId, query.ownerId));
  if (query.updatedSince !== undefined) where.push(gte(companies.updatedAt, query.updatedSince));
  if (query.tag) {
    where.push(
      inArray(
        companies.id,
        db.select({ id: recordTags.entityId }).from(recordTags).where(and(eq(recordTags.entity, 'company'), eq(recordTags.tag, query.tag.toLowerCase()))),
      ),
    );
  }
  if (query.q !== undefined) {
    const match = ftsQuery(query.q);
    if (match === null) return { items: [], nextCursor: null };
    where.push(sql`${companies}.rowid IN (SELECT rowid FROM companies_fts WHERE companies_fts MATCH ${match})`);
  }
  if (query.cursor) {
    const [value, id] = decodeCursor(query.cursor);
    where.push(afterRow(column, companies.id, isDesc, value, id));
  }
  const order = isDesc ? [desc(column), desc(companies.id)] : [asc(column), asc(companies.id)];
  const rows = await selectRows(db, companies, db.select().from(companies).where(and(...where)).orderBy(...order).limit(query.limit + 1));
  const result = page(rows, query.limit, (r) => r[SORT_FIELDS[key]] ?? '');
  return { items: result.items.map(companyView), nextCursor: result.nextCursor };
}

export async function getCompany(db: TenantDb, id: string): Promise<Company> {
  const [row] = await db.select().from(companies).where(and(eq(companies.id, id), isNull(companies.deletedAt)));
  if (!row) throw notFound('Company');
  return companyView(row);
}
