import { limitsOf } from '../../access/entitlements.ts';
import type { workspaces } from '../../../db/control/schema.ts';
import type { Role } from '../../context.ts';


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
    limits: limitsOf(row.plan),
    createdAt: new Date(row.createdAt).toISOString(),
    updatedAt: new Date(row.updatedAt).toISOString(),
  };
}
