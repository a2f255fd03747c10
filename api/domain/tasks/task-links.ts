import { sql, type SQL } from 'drizzle-orm';
import type { TenantDb } from '../../../db/tenant/client.ts';

/**
 * What a task row shows from other tables, so lists render without a request per row: the
 * display names of the records it links to and the tasks it waits for.
 */
export interface TaskLinks {
  companyName: string | null;
  contactName: string | null;
  dealTitle: string | null;
  /** Ids of the tasks that must finish before this one starts (finish-to-start), sorted. */
  dependsOn: string[];
}

/**
 * Select-list terms looking up the linked names of the task rows aliased `t`: primary-key
 * lookups per row of the page (a trashed record still shows its name: the link is still there),
 * and one range scan of the dependencies' primary key (predecessors in the trash left out).
 */
export const TASK_LINK_COLUMNS: SQL = sql`
  (SELECT name FROM companies WHERE id = t.company_id) AS company_name,
  (SELECT trim(coalesce(first_name, '') || ' ' || last_name) FROM contacts WHERE id = t.contact_id) AS contact_name,
  (SELECT title FROM deals WHERE id = t.deal_id) AS deal_title,
  (SELECT json_group_array(id) FROM (
     SELECT d.depends_on_id AS id FROM task_dependencies d JOIN tasks p ON p.id = d.depends_on_id
      WHERE d.task_id = t.id AND p.deleted_at IS NULL ORDER BY d.depends_on_id)) AS depends_on`;

function idList(v: unknown): string[] {
  if (typeof v !== 'string') return [];
  const parsed: unknown = JSON.parse(v);
  return Array.isArray(parsed) ? parsed.filter((x): x is string => typeof x === 'string') : [];
}

export function taskLinks(extra: Record<string, unknown>): TaskLinks {
  const text = (v: unknown) => (typeof v === 'string' ? v : null);
  return { companyName: text(extra['company_name']), contactName: text(extra['contact_name']), dealTitle: text(extra['deal_title']), dependsOn: idList(extra['depends_on']) };
}

/** The linked names and dependencies of one task (after a write), in one statement. */
export async function linksOf(
  db: Pick<TenantDb, 'all'>,
  ids: { id: string; companyId: string | null; contactId: string | null; dealId: string | null },
): Promise<TaskLinks> {
  const [row] = await db.all<Record<string, unknown>>(
    sql`SELECT ${TASK_LINK_COLUMNS} FROM (SELECT ${ids.id} AS id, ${ids.companyId} AS company_id, ${ids.contactId} AS contact_id, ${ids.dealId} AS deal_id) t`,
  );
  return taskLinks(row ?? {});
}
