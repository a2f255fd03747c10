import { sql, type SQL } from 'drizzle-orm';
import type { TenantDb } from '../../../db/tenant/client.ts';

/** Display names of the records a deal links to, so cards and rows render without more requests. */
export interface DealLinks {
  companyName: string | null;
  contactName: string | null;
}

/** Select-list terms looking up the linked names of deal rows aliased `t` (primary-key lookups). */
export const DEAL_LINK_COLUMNS: SQL = sql`
  (SELECT name FROM companies WHERE id = t.company_id) AS company_name,
  (SELECT trim(coalesce(first_name, '') || ' ' || last_name) FROM contacts WHERE id = t.contact_id) AS contact_name`;

export function dealLinks(extra: Record<string, unknown>): DealLinks {
  const text = (v: unknown) => (typeof v === 'string' ? v : null);
  return { companyName: text(extra['company_name']), contactName: text(extra['contact_name']) };
}

/** The linked names for one deal's links (after a write), in one statement. */
export async function linksOf(db: Pick<TenantDb, 'all'>, ids: { companyId: string | null; contactId: string | null }): Promise<DealLinks> {
  if (ids.companyId === null && ids.contactId === null) return { companyName: null, contactName: null };
  const [row] = await db.all<Record<string, unknown>>(sql`SELECT ${DEAL_LINK_COLUMNS} FROM (SELECT ${ids.companyId} AS company_id, ${ids.contactId} AS contact_id) t`);
  return dealLinks(row ?? {});
}
