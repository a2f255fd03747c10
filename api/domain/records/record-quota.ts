import { sql } from 'drizzle-orm';
import type { TenantDb } from '../../../db/tenant/client.ts';
import { planMessages } from '../../access/entitlements.ts';
import { AppError } from '../../errors.ts';

type Tx = Parameters<Parameters<TenantDb['transaction']>[0]>[0];

/** Companies + contacts outside the trash: what the free plan's record limit counts. */
export const RECORD_COUNT_SQL =
  'SELECT (SELECT count(*) FROM companies WHERE deleted_at IS NULL) + (SELECT count(*) FROM contacts WHERE deleted_at IS NULL) AS n';

export async function countRecords(db: TenantDb | Tx): Promise<number> {
  const [row] = await db.all<{ n: number }>(sql.raw(RECORD_COUNT_SQL));
  return Number(row?.n ?? 0);
}

/**
 * Throws 402 when adding `adding` records would pass `limit` (null: no limit). Called inside
 * the write's transaction so two concurrent creates cannot both take the last place.
 */
export async function assertRecordRoom(tx: TenantDb | Tx, limit: number | null | undefined, adding = 1): Promise<void> {
  if (limit === null || limit === undefined) return;
  if ((await countRecords(tx)) + adding > limit) throw new AppError('plan_required', planMessages.records(limit));
}
