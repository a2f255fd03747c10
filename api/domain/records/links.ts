import { sql, type SQL } from 'drizzle-orm';
import type { TenantDb } from '../../../db/tenant/client.ts';
import { AppError } from '../../errors.ts';

/** Ids a record points at; `undefined` and `null` are not checked. */
export interface Links {
  companyId?: string | null | undefined;
  contactId?: string | null | undefined;
  dealId?: string | null | undefined;
}

const TARGETS = {
  companyId: { table: sql`companies`, message: 'No such company in this workspace.' },
  contactId: { table: sql`contacts`, message: 'No such contact in this workspace.' },
  dealId: { table: sql`deals`, message: 'No such deal in this workspace.' },
} as const;

/**
 * Every linked id must be a live (not trashed) record of this workspace's database: one
 * statement whatever the number of links, so that a write costs the same with three links
 * as with one. Throws a validation error naming each bad field.
 */
export async function assertLinks(db: Pick<TenantDb, 'all'>, links: Links): Promise<void> {
  const checks: { field: keyof typeof TARGETS; expr: SQL }[] = [];
  for (const field of Object.keys(TARGETS) as (keyof typeof TARGETS)[]) {
    const id = links[field];
    if (id === null || id === undefined) continue;
    checks.push({ field, expr: sql`EXISTS (SELECT 1 FROM ${TARGETS[field].table} WHERE id = ${id} AND deleted_at IS NULL)` });
  }
  if (checks.length === 0) return;
  const columns = sql.join(
    checks.map((c) => sql`${c.expr} AS ${sql.identifier(c.field)}`),
    sql`, `,
  );
  const [row] = await db.all<Record<string, unknown>>(sql`SELECT ${columns}`);
  const fields: Record<string, string> = {};
  for (const c of checks) if (Number(row?.[c.field] ?? 0) !== 1) fields[c.field] = TARGETS[c.field].message;
  if (Object.keys(fields).length) throw new AppError('validation_failed', 'Some fields are missing or invalid.', { fields });
}
