import { sql, type SQL } from 'drizzle-orm';
import type { TenantDb } from '../../../db/tenant/client.ts';

/** Display names of the records a task links to, so lists render without a request per row. */
export interface TaskLinks {
  companyName: string | null;
  contactName: string | null;
  dealTitle: string | null;
}

/**
 * Select-list terms looking up the linked names of the task rows aliased `t`: three primary-key
 * lookups per row of the page (a trashed record still shows its name: the link is still there).
 */
export const TASK_LINK_COLUMNS: SQL = sql`
  (SELECT name FROM companies WHERE id = t.company_id) AS company_name,
  (SELECT trim(coalesce(first_name, '') || ' ' || last_name) FROM contacts WHERE id = t.contact_id) AS contact_name,
  (SELECT title FROM deals WHERE id = t.deal_id) AS deal_title`;

export function taskLinks(extra: Record<string, unknown>): TaskLinks {
  const text = (v: unknown) => (typeof v === 'string' ? v : null);
  return { companyName: text(extra['company_name']), contactName: text(extra['contact_name']), dealTitle: text(extra['deal_title']) };
}

/** The linked names for one task's links (after a write), in one statement. */
export async function linksOf(db: Pick<TenantDb, 'all'>, ids: { companyId: string | null; contactId: string | null; dealId: string | null }): Promise<TaskLinks> {
  if (ids.companyId === null && ids.contactId === null && ids.dealId === null) return { companyName: null, contactName: null, dealTitle: null };
  const [row] = await db.all<Record<string, unknown>>(
    sql`SELECT ${TASK_LINK_COLUMNS} FROM (SELECT ${ids.companyId} AS company_id, ${ids.contactId} AS contact_id, ${ids.dealId} AS deal_id) t`,
  );
  return taskLinks(row ?? {});
}
