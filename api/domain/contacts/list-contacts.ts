import { and, asc, desc, eq, gt, gte, inArray, isNull, sql, type SQL } from 'drizzle-orm';
import type { TenantDb } from '../../../db/tenant/client.ts';
import { companies, contacts, recordTags } from '../../../db/tenant/schema.ts';
import { notFound } from '../../errors.ts';
import { afterRow, decodeCursor, encodeCursor } from '../records/cursor.ts';
import { ftsQuery } from '../records/fts.ts';
import { contactView, type Contact } from './contact.ts';

export const CONTACT_SORTS = ['lastName', '-lastName', 'updatedAt', '-updatedAt', 'createdAt', '-createdAt'] as const;
export type ContactSort = (typeof CONTACT_SORTS)[number];

export interface ListContactsQuery {
  limit: number;
  cursor?: string | undefined;
  sort: ContactSort;
  q?: string | undefined;
  companyId?: string | undefined;
  ownerId?: string | undefined;
  tag?: string | undefined;
  updatedSince?: number | undefined;
  /** The trash instead of the live list. */
  deleted?: boolean | undefined;
}

// `lastName` sorts by the Czech sort key of "last first" (Č after C, CH after H), which its index covers.
const SORT_COLUMNS = { lastName: contacts.nameKey, updatedAt: contacts.updatedAt, createdAt: contacts.createdAt } as const;
const SORT_FIELDS = { lastName: 'nameKey', updatedAt: 'updatedAt', createdAt: 'createdAt' } as const;

/** A contact row with its company's name: the one select every read of contacts goes through. */
export function selectContacts(db: Pick<TenantDb, 'select'>) {
  return db.select({ contact: contacts, companyName: companies.name }).from(contacts).leftJoin(companies, eq(companies.id, contacts.companyId));
}

/**
 * One page of contacts in a single statement: keyset on the sort column and id, full-text
 * and tag filters as indexed sub-selects, the company name joined by primary key.
 */
export async function listContacts(db: TenantDb, query: ListContactsQuery): Promise<{ items: Contact[]; nextCursor: string | null }> {
  const isDesc = query.sort.startsWith('-');
  const key = query.sort.replace('-', '') as keyof typeof SORT_COLUMNS;
  const column = SORT_COLUMNS[key];
  // The trash as a range on deleted_at (`> 0`, not IS NOT NULL): SQLite then reads just the
  // trashed rows from the index and sorts those, instead of scanning the whole table.
  const where: (SQL | undefined)[] = [query.deleted ? gt(contacts.deletedAt, 0) : isNull(contacts.deletedAt)];
  if (query.companyId) where.push(eq(contacts.companyId, query.companyId));
  if (query.ownerId) where.push(eq(contacts.ownerId, query.ownerId));
  if (query.updatedSince !== undefined) where.push(gte(contacts.updatedAt, query.updatedSince));
  if (query.tag) {
    where.push(
      inArray(
        contacts.id,
        db.select({ id: recordTags.entityId }).from(recordTags).where(and(eq(recordTags.entity, 'contact'), eq(recordTags.tag, query.tag.toLowerCase()))),
      ),
    );
  }
  if (query.q !== undefined) {
    const match = ftsQuery(query.q);
    if (match === null) return { items: [], nextCursor: null };
    where.push(sql`${contacts}.rowid IN (SELECT rowid FROM contacts_fts WHERE contacts_fts MATCH ${match})`);
  }
  if (query.cursor) {
    const [value, id] = decodeCursor(query.cursor);
    where.push(afterRow(column, contacts.id, isDesc, value, id));
  }
  const order = isDesc ? [desc(column), desc(contacts.id)] : [asc(column), asc(contacts.id)];
  const rows = await selectContacts(db)
    .where(and(...where))
    .orderBy(...order)
    .limit(query.limit + 1);
  const items = rows.slice(0, query.limit);
  const last = items[items.length - 1];
  return {
    items: items.map((r) => contactView(r.contact, r.companyName)),
    nextCursor: rows.length > query.limit && last ? encodeCursor(last.contact[SORT_FIELDS[key]] ?? '', last.contact.id) : null,
  };
}

export async function getContact(db: Pick<TenantDb, 'select'>, id: string): Promise<Contact> {
  const [row] = await selectContacts(db).where(and(eq(contacts.id, id), isNull(contacts.deletedAt)));
  if (!row) throw notFound('Contact');
  return contactView(row.contact, row.companyName);
}
