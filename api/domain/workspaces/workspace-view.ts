import type { workspaces } from '../../../db/control/schema.ts';
import type { Role } from '../../context.ts';

/** Plan limits as the API reports them (enforcement arrives with the Plans issue). */
export const PLAN_LIMITS = {
  free: { members: 2, records: 2500, storageBytes: 100 * 1024 * 1024 },
  pro: { members: null, records: null, storageBytes: null },
} as const;

export interface WorkspaceView {
  id: string;
  slug: string;
  name: string;
  plan: 'free' | 'pro';
  country: string;
  currency: string;
  role: Role;
  limits: { members: number | null; records: number | null; storageBytes: number | null };
  createdAt: string;
  updatedAt: string;
}

export function workspaceView(row: typeof workspaces.$inferSelect, role: Role): WorkspaceView {
  return {
    id: row.id,
    slug: row.slug,
    name: row.name,
    plan: row.plan,
    country: row.country,
    currency: row.currency,
    role,
    limits: PLAN_LIMITS[row.plan],
    createdAt: new Date(row.createdAt).toISOString(),
    updatedAt: new Date(row.updatedAt).toISOString(),
  };
}
