import type { TenantDb } from '../../../db/tenant/client.ts';
import type { Company } from '../companies/company.ts';
import { listCompanies, type ListCompaniesQuery } from '../companies/list-companies.ts';
import { EXPORT_PAGE, exportCsv, type ExportColumn, type ExportLang } from './csv-export.ts';

/** Headers the import recognises, so an exported file maps itself when imported again. */
function columns(ownerEmail: (id: string | null) => string | null): ExportColumn<Company>[] {
  return [
    { en: 'Name', cs: 'Název', value: (c) => c.name },
    { en: 'Company ID (IČO)', cs: 'IČO', value: (c) => c.regNo },
    { en: 'VAT ID (DIČ)', cs: 'DIČ', value: (c) => c.vatNo },
    { en: 'Email', cs: 'E-mail', value: (c) => c.email },
    { en: 'Phone', cs: 'Telefon', value: (c) => c.phone },
    { en: 'Website', cs: 'Web', value: (c) => c.website },
    { en: 'Street', cs: 'Ulice', value: (c) => c.address.street },
    { en: 'City', cs: 'Město', value: (c) => c.address.city },
    { en: 'Postal code', cs: 'PSČ', value: (c) => c.address.postalCode },
    { en: 'Country', cs: 'Země', value: (c) => c.country },
    { en: 'Tags', cs: 'Štítky', value: (c) => c.tags.join(', ') },
    { en: 'Owner', cs: 'Vlastník', value: (c) => ownerEmail(c.ownerId) },
    { en: 'Created', cs: 'Vytvořeno', value: (c) => c.createdAt },
    { en: 'Updated', cs: 'Změněno', value: (c) => c.updatedAt },
    { en: 'ID', cs: 'ID', value: (c) => c.id },
  ];
}

/** The companies a list request with these filters would page through, as one CSV stream. */
export function exportCompanies(
  db: TenantDb,
  query: Omit<ListCompaniesQuery, 'limit' | 'cursor'>,
  ownerEmails: ReadonlyMap<string, string>,
  lang: ExportLang,
): Promise<ReadableStream<Uint8Array>> {
  return exportCsv(
    (cursor) => listCompanies(db, { ...query, limit: EXPORT_PAGE, cursor }),
    columns((id) => (id === null ? null : (ownerEmails.get(id) ?? null))),
    lang,
  );
}
