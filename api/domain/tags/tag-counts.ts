import { sql } from 'drizzle-orm';
import type { TenantDb } from '../../../db/tenant/client.ts';

export const TAGGED_ENTITIES = ['company', 'contact', 'deal'] as const;
export type TaggedEntity = (typeof TAGGED_ENTITIES)[number];

const TABLES: Record<TaggedEntity, string> = { company: 'companies', contact: 'contacts', deal: 'deals' };

/** Enough chips for any filter bar; a workspace with more tags types to find one. */
const MAX_TAGS = 1000;

/**
 * Tag → number of live records carrying it, most used first, in one GROUP BY over the
 * (entity, tag, entity_id) index; trashed records don't count (their tag rows stay for restore).
 */
export async function tagCounts(db: TenantDb, entity: TaggedEntity): Promise<{ tag: string; count: number }[]> {
  const rows = await db.all<{ tag: string; count: number }>(sql`
    SELECT rt.tag AS tag, count(*) AS count
      FROM record_tags rt
      JOIN ${sql.identifier(TABLES[entity])} r ON r.id = rt.entity_id AND r.deleted_at IS NULL
     WHERE rt.entity = ${entity}
     GROUP BY rt.tag
     ORDER BY count DESC, rt.tag
     LIMIT ${MAX_TAGS}`);
  return rows.map((r) => ({ tag: r.tag, count: Number(r.count) }));
}
