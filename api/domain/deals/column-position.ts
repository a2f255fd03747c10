import { sql } from 'drizzle-orm';
import { positionIn as placeIn, type Placement, type Tx } from '../records/column-position.ts';

export type { Placement, Tx };

/** A position key for a deal entering `stage`'s column (see records/column-position.ts). */
export function positionIn(tx: Tx, stage: string, placement: Placement, exceptId?: string): Promise<string> {
  return placeIn(tx, { table: 'deals', where: sql`stage = ${stage} AND deleted_at IS NULL` }, placement, exceptId);
}
