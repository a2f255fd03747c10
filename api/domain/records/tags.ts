import { and, eq } from 'drizzle-orm';
import type { TenantDb } from '../../../db/tenant/client.ts';
import { recordTags } from '../../../db/tenant/schema.ts';

/** Tags are case-insensitively unique per record, trimmed, in the order given. */
export function normalizeTags(tags: readonly string[]): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const t of tags) {
    const tag = t.trim();
    const key = tag.toLowerCase();
    if (tag && !seen.has(key)) {
      seen.add(key);
      out.push(tag);
    }
  }
  return out;
}

/** Replaces the indexed tag rows of one record (inside the caller's transaction). */
export async function writeTags(db: Pick<TenantDb, 'insert' | 'delete'>, entity: string, entityId: string, tags: readonly string[]): Promise<void> {
  await db.delete(recordTags).where(and(eq(recordTags.entity, entity), eq(recordTags.entityId, entityId)));
  if (tags.length) await db.insert(recordTags).values(tags.map((tag) => ({ entity, entityId, tag: tag.toLowerCase() })));
}
