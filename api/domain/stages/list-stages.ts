import { asc, eq } from 'drizzle-orm';
import type { TenantDb } from '../../../db/tenant/client.ts';
import { dealStages } from '../../../db/tenant/schema.ts';
import { AppError } from '../../errors.ts';
import { stageView, type Stage, type StageRow } from './stage.ts';

/** The pipeline, left to right. */
export async function listStages(db: Pick<TenantDb, 'select'>): Promise<Stage[]> {
  const rows = await db.select().from(dealStages).orderBy(asc(dealStages.position), asc(dealStages.id));
  return rows.map(stageView);
}

/** The stage a deal names, or a validation error on `field`. */
export async function stageForDeal(db: Pick<TenantDb, 'select'>, id: string, field = 'stage'): Promise<StageRow> {
  const [row] = await db.select().from(dealStages).where(eq(dealStages.id, id));
  if (!row) throw new AppError('validation_failed', 'Some fields are missing or invalid.', { fields: { [field]: 'No such stage in this pipeline.' } });
  return row;
}

/** Where new deals go when no stage is named: the leftmost open stage (one always exists). */
export async function firstOpenStage(db: Pick<TenantDb, 'select'>): Promise<StageRow> {
  const [row] = await db.select().from(dealStages).where(eq(dealStages.kind, 'open')).orderBy(asc(dealStages.position), asc(dealStages.id)).limit(1);
  if (!row) throw new AppError('conflict', 'The pipeline has no open stage. Add one first.');
  return row;
}
