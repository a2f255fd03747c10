import type { TenantDb } from '../../../db/tenant/client.ts';
import type { Deal } from '../deals/deal.ts';
import { listDeals, type ListDealsQuery } from '../deals/list-deals.ts';
import { listStages } from '../stages/list-stages.ts';
import { EXPORT_PAGE, exportCsv, type ExportColumn, type ExportLang } from './csv-export.ts';

/** Minor units as a plain decimal number in the header's language (Czech Excel reads `1250,50`). */
export function formatAmount(amount: number, lang: ExportLang): string {
  const sign = amount < 0 ? '-' : '';
  const abs = Math.abs(amount);
  const whole = Math.floor(abs / 100);
  const cents = String(abs % 100).padStart(2, '0');
  return `${sign}${whole}${lang === 'cs' ? ',' : '.'}${cents}`;
}

function columns(lang: ExportLang, stageName: (id: string) => string, ownerEmail: (id: string | null) => string | null): ExportColumn<Deal>[] {
  return [
    { en: 'Title', cs: 'Název', value: (d) => d.title },
    { en: 'Company', cs: 'Firma', value: (d) => d.companyName },
    { en: 'Contact', cs: 'Kontakt', value: (d) => d.contactName },
    { en: 'Value', cs: 'Hodnota', value: (d) => (d.value ? formatAmount(d.value.amount, lang) : null) },
    { en: 'Currency', cs: 'Měna', value: (d) => d.value?.currency ?? null },
    { en: 'Stage', cs: 'Fáze', value: (d) => stageName(d.stage) },
    { en: 'Probability (%)', cs: 'Pravděpodobnost (%)', value: (d) => (d.probability === null ? null : String(d.probability)) },
    { en: 'Expected close', cs: 'Očekávané uzavření', value: (d) => d.expectedCloseOn },
    { en: 'Tags', cs: 'Štítky', value: (d) => d.tags.join(', ') },
    { en: 'Owner', cs: 'Vlastník', value: (d) => ownerEmail(d.ownerId) },
    { en: 'Created', cs: 'Vytvořeno', value: (d) => d.createdAt },
    { en: 'Updated', cs: 'Změněno', value: (d) => d.updatedAt },
    { en: 'ID', cs: 'ID', value: (d) => d.id },
  ];
}

/** Deals as one CSV stream, pages of 1,000 through the list's own keyset query. */
export async function exportDeals(
  db: TenantDb,
  query: Omit<ListDealsQuery, 'limit' | 'cursor'>,
  ownerEmails: ReadonlyMap<string, string>,
  lang: ExportLang,
): Promise<ReadableStream<Uint8Array>> {
  const stages = new Map((await listStages(db)).map((s) => [s.id, s.name]));
  return exportCsv(
    (cursor) => listDeals(db, { ...query, limit: EXPORT_PAGE, cursor }),
    columns(lang, (id) => stages.get(id) ?? id, (id) => (id === null ? null : (ownerEmails.get(id) ?? null))),
    lang,
  );
}
