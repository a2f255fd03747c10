import type { dealStages } from '../../../db/tenant/schema.ts';

export type StageRow = typeof dealStages.$inferSelect;

export const STAGE_KINDS = ['open', 'won', 'lost'] as const;
export type StageKind = (typeof STAGE_KINDS)[number];

export interface Stage {
  id: string;
  name: string;
  /** 1-based place on the board, left to right. */
  position: number;
  kind: StageKind;
  /** The default win probability (0..100) of a deal entering this stage. */
  probability: number | null;
  createdAt: string;
  updatedAt: string;
}

export function stageView(row: StageRow): Stage {
  return {
    id: row.id,
    name: row.name,
    position: row.position,
    kind: row.kind,
    probability: row.probability,
    createdAt: new Date(row.createdAt).toISOString(),
    updatedAt: new Date(row.updatedAt).toISOString(),
  };
}

/** A new stage's default probability: certain when won, none when lost, unset while open. */
export function defaultProbability(kind: StageKind): number | null {
  return kind === 'won' ? 100 : kind === 'lost' ? 0 : null;
}
