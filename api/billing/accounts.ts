import { eq } from 'drizzle-orm';
import type { ControlDb } from '../../db/control/client.ts';
import { billingAccounts, workspaces } from '../../db/control/schema.ts';
import type { Plan } from '../access/entitlements.ts';
import type { BillingAccount, ProviderName } from './provider.ts';

export async function getAccount(control: ControlDb, workspaceId: string): Promise<BillingAccount | null> {
  const [row] = await control.select().from(billingAccounts).where(eq(billingAccounts.workspaceId, workspaceId));
  return row ?? null;
}

/**
 * Sets the plan without a payment step (the local provider; or Stripe when there is no
 * subscription to cancel): the account and workspaces.plan change in one transaction.
 * Nothing else is touched, so a downgrade keeps every record (Pro data turns read-only at the gate).
 */
export async function switchPlanDirectly(
  control: ControlDb,
  input: { workspaceId: string; provider: ProviderName; plan: Plan; seats: number },
  now: number,
): Promise<void> {
  const status = input.plan === 'pro' ? 'active' : 'canceled';
  const fields = { provider: input.provider, status, seats: input.seats, pastDueSince: null, updatedAt: now };
  await control.batch([
    control
      .insert(billingAccounts)
      .values({ workspaceId: input.workspaceId, ...fields })
      .onConflictDoUpdate({ target: billingAccounts.workspaceId, set: fields }),
    control.update(workspaces).set({ plan: input.plan, updatedAt: now }).where(eq(workspaces.id, input.workspaceId)),
  ]);
}

export async function setSeats(control: ControlDb, workspaceId: string, seats: number, now: number): Promise<void> {
  await control.update(billingAccounts).set({ seats, updatedAt: now }).where(eq(billingAccounts.workspaceId, workspaceId));
}
