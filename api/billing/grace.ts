import { and, eq } from 'drizzle-orm';
import type { ControlDb } from '../../db/control/client.ts';
import { workspaces } from '../../db/control/schema.ts';
import type { Plan } from '../access/entitlements.ts';
import { graceOver } from './plan-state.ts';

/**
 * The plan a workspace request runs under. A failed payment keeps Pro for the grace period;
 * nothing fires when it ends, so the first request after it moves workspaces.plan to free
 * (no data changes: Pro records just turn read-only at the gate).
 */
export async function planAfterGrace(control: ControlDb, workspaceId: string, plan: Plan, pastDueSince: number | null, now: number): Promise<Plan> {
  if (plan !== 'pro' || !graceOver(pastDueSince, now)) return plan;
  await control
    .update(workspaces)
    .set({ plan: 'free', updatedAt: now })
    .where(and(eq(workspaces.id, workspaceId), eq(workspaces.plan, 'pro')));
  return 'free';
}
