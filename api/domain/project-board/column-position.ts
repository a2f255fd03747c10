import { sql } from 'drizzle-orm';
import { positionIn as placeIn, type Card, type Placement, type Tx } from '../records/column-position.ts';

export type { Card, Placement, Tx };

/** A board column: one status of one project. */
export interface Column {
  projectId: string;
  status: string;
}

/** A position key for a task entering a project board's column (see records/column-position.ts). */
export function positionIn(tx: Tx, column: Column, placement: Placement, exceptId?: string): Promise<string> {
  return placeIn(tx, { table: 'tasks', where: sql`project_id = ${column.projectId} AND status = ${column.status} AND deleted_at IS NULL`, nullablePosition: true }, placement, exceptId);
}
