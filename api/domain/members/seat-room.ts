import { count, eq } from 'drizzle-orm';
import type { ControlDb } from '../../../db/control/client.ts';
import { memberships } from '../../../db/control/schema.ts';
import { limitsOf, planMessages, type Plan } from '../../access/entitlements.ts';
import { AppError } from '../../errors.ts';

/** Anything that can read the control DB: the client itself or a transaction on it. */
export type ControlReader = Pick<ControlDb, 'select'>;

/**
 * 402 when the plan has no room for one more member. Run it inside the transaction that adds
 * the membership, so two acceptances racing for the last seat cannot both get it.
 */
export async function assertSeatRoom(db: ControlReader, workspaceId: string, plan: Plan): Promise<void> {
  const limit = limitsOf(plan).members;
  if (limit === null) return;
  const [row] = await db.select({ n: count() }).from(memberships).where(eq(memberships.workspaceId, workspaceId));
  if ((row?.n ?? 0) >= limit) throw new AppError('plan_required', planMessages.members(limit));
}
