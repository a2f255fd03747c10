import { sql, type SQL } from 'drizzle-orm';
import type { TenantDb } from '../../../db/tenant/client.ts';
import { AppError } from '../../errors.ts';

/** Links a record may carry to other records of the same workspace. */
export interface Refs {
  companyId?: string | null | undefined;
  contactId?: string | null | undefined;
  dealId?: string | null | undefined;
  projectId?: string | null | undefined;
}

const TABLES = {
  companyId: { table: 'companies', message: 'No such company in this workspace.' },
  contactId: { table: 'contacts', message: 'No such contact in this workspace.' },
  dealId: { table: 'deals', message: 'No such deal in this workspace.' },
  projectId: { table: 'projects', message: 'No such project in this workspace.' },
} as const;

/**
 * Every given link must name a live (not trashed) record of this workspace's database, else
 * one validation error naming each bad field. One statement whatever the number of links;
 * run it inside the write's transaction so the record cannot be trashed in between.
 */
export async function assertLiveRefs(db: Pick<TenantDb, 'all'>, refs: Refs): Promise<void> {
  const wanted = (Object.keys(TABLES) as (keyof typeof TABLES)[]).filter((f) => typeof refs[f] === 'string');
  if (wanted.length === 0) return;
  const branches: SQL[] = wanted.map(
    (f) => sql`SELECT ${f} AS field FROM ${sql.identifier(TABLES[f].table)} WHERE id = ${refs[f]} AND deleted_at IS NULL`,
  );
  const found = new Set((await db.all<{ field: string }>(sql.join(branches, sql` UNION ALL `))).map((r) => r.field));
  const fields: Record<string, string> = {};
  for (const f of wanted) if (!found.has(f)) fields[f] = TABLES[f].message;
  if (Object.keys(fields).length) throw new AppError('validation_failed', 'Some fields are missing or invalid.', { fields });
}
