import { inArray } from 'drizzle-orm';
import type { TenantDb } from '../../../db/tenant/client.ts';
import { companies } from '../../../db/tenant/schema.ts';
import type { Contact } from '../contacts/contact.ts';
import { listContacts, type ListContactsQuery } from '../contacts/list-contacts.ts';
import { EXPORT_PAGE, exportCsv, type ExportColumn, type ExportLang } from './csv-export.ts';

type ExportedContact = Contact & { companyRegNo: string | null };

function columns(ownerEmail: (id: string | null) => string | null): ExportColumn<ExportedContact>[] {
  return [
    { en: 'First name', cs: 'Jméno', value: (c) => c.firstName },
    { en: 'Last name', cs: 'Příjmení', value: (c) => c.lastName },
    { en: 'Email', cs: 'E-mail', value: (c) => c.email },
    { en: 'Phone', cs: 'Telefon', value: (c) => c.phone },
    { en: 'Title', cs: 'Pozice', value: (c) => c.title },
    { en: 'Company', cs: 'Firma', value: (c) => c.companyName },
    { en: 'Company ID (IČO)', cs: 'IČO firmy', value: (c) => c.companyRegNo },
    { en: 'Tags', cs: 'Štítky', value: (c) => c.tags.join(', ') },
    { en: 'Owner', cs: 'Vlastník', value: (c) => ownerEmail(c.ownerId) },
    { en: 'Created', cs: 'Vytvořeno', value: (c) => c.createdAt },
    { en: 'Updated', cs: 'Změněno', value: (c) => c.updatedAt },
    { en: 'ID', cs: 'ID', value: (c) => c.id },
  ];
}

/**
 * Contacts as one CSV stream, with their company's IČO so that a re-import links them to
 * the same company: one extra query per page of 1,000, by primary key.
 */
export function exportContacts(
  db: TenantDb,
  query: Omit<ListContactsQuery, 'limit' | 'cursor'>,
  ownerEmails: ReadonlyMap<string, string>,
  lang: ExportLang,
): Promise<ReadableStream<Uint8Array>> {
  return exportCsv(
    async (cursor) => {
      const page = await listContacts(db, { ...query, limit: EXPORT_PAGE, cursor });
      const ids = [...new Set(page.items.flatMap((c) => (c.companyId ? [c.companyId] : [])))];
      const regNos = new Map<string, string | null>();
      if (ids.length) {
        const rows = await db.select({ id: companies.id, regNo: companies.regNo }).from(companies).where(inArray(companies.id, ids));
        for (const r of rows) regNos.set(r.id, r.regNo);
      }
      return { items: page.items.map((c) => ({ ...c, companyRegNo: c.companyId ? (regNos.get(c.companyId) ?? null) : null })), nextCursor: page.nextCursor };
    },
    columns((id) => (id === null ? null : (ownerEmails.get(id) ?? null))),
    lang,
  );
}
