import { count, eq } from 'drizzle-orm';
import type { ControlDb } from '../../db/control/client.ts';
import { billingAccounts, billingEvents, memberships, workspaces } from '../../db/control/schema.ts';
import { effectivePlan } from './plan-state.ts';
import type { BillingAccount, ProviderName, WebhookOutcome } from './provider.ts';

type ControlTx = Parameters<Parameters<ControlDb['transaction']>[0]>[0];

/** How a provider event names its workspace: our own id (metadata we set) and/or the provider's customer. */
export interface AccountLocator {
  workspaceId: string | null;
  customerId: string | null;
}

/** A provider event reduced to what billing cares about (see stripe-events.ts for Stripe's). */
export type BillingChange =
  | { kind: 'checkout'; locator: AccountLocator; subscriptionId: string | null; paid: boolean }
  | {
      kind: 'subscription';
      locator: AccountLocator;
      subscriptionId: string;
      status: string;
      seats: number | null;
      currentPeriodEnd: number | null;
    }
  | { kind: 'payment_failed'; locator: AccountLocator; subscriptionId: string | null };

export type AccountState = Pick<BillingAccount, 'customerId' | 'subscriptionId' | 'status' | 'seats' | 'currentPeriodEnd' | 'pastDueSince' | 'lastEventAt'>;

/** Subscription states in which a failed payment moves the account to past_due. */
const CHARGEABLE = new Set(['active', 'trialing', 'past_due']);

/**
 * The account after one provider event at `eventAt` (ms), or null when the event must change
 * nothing: it is older than the newest one applied (events arrive out of order), or it speaks
 * about a subscription that is over (canceled is final: Stripe never revives one) or replaced.
 */
export function reduceAccount(current: AccountState | null, change: BillingChange, eventAt: number, members: number): AccountState | null {
  if (current?.lastEventAt != null && eventAt < current.lastEventAt) return null;
  const base: AccountState = current ?? {
    customerId: null,
    subscriptionId: null,
    status: 'incomplete',
    seats: members,
    currentPeriodEnd: null,
    pastDueSince: null,
    lastEventAt: null,
  };
  const sameSubscription = change.subscriptionId !== null && change.subscriptionId === base.subscriptionId;
  if (sameSubscription && base.status === 'canceled') return null;
  const otherSubscription = change.subscriptionId !== null && base.subscriptionId !== null && !sameSubscription;
  const lastEventAt = Math.max(base.lastEventAt ?? eventAt, eventAt);
  const customerId = change.locator.customerId ?? base.customerId;

  switch (change.kind) {
    case 'checkout':
      if (!change.paid) return { ...base, customerId, lastEventAt };
      return { ...base, customerId, subscriptionId: change.subscriptionId ?? base.subscriptionId, status: 'active', pastDueSince: null, lastEventAt };
    case 'subscription': {
      // News of an old subscription while a newer one pays: nothing to do (only a live one may replace it).
      if (otherSubscription && CHARGEABLE.has(base.status) && !CHARGEABLE.has(change.status)) return null;
      return {
        ...base,
        customerId,
        subscriptionId: change.subscriptionId,
        status: change.status,
        seats: change.seats ?? base.seats,
        currentPeriodEnd: change.currentPeriodEnd ?? base.currentPeriodEnd,
        pastDueSince: change.status === 'past_due' ? (base.pastDueSince ?? eventAt) : null,
        lastEventAt,
      };
    }
    case 'payment_failed':
      if (otherSubscription || !CHARGEABLE.has(base.status)) return null;
      return { ...base, customerId, status: 'past_due', pastDueSince: base.pastDueSince ?? eventAt, lastEventAt };
  }
}

interface Target {
  workspaceId: string;
  plan: string;
  account: BillingAccount | null;
}

async function locate(tx: ControlTx, locator: AccountLocator): Promise<Target | null> {
  let workspaceId = locator.workspaceId;
  if (!workspaceId && locator.customerId) {
    const [byCustomer] = await tx.select({ id: billingAccounts.workspaceId }).from(billingAccounts).where(eq(billingAccounts.customerId, locator.customerId)).limit(1);
    workspaceId = byCustomer?.id ?? null;
  }
  if (!workspaceId) return null;
  const [ws] = await tx.select({ id: workspaces.id, plan: workspaces.plan }).from(workspaces).where(eq(workspaces.id, workspaceId));
  if (!ws) return null;
  const [account] = await tx.select().from(billingAccounts).where(eq(billingAccounts.workspaceId, ws.id));
  return { workspaceId: ws.id, plan: ws.plan, account: account ?? null };
}

/**
 * Applies one verified provider event exactly once: its id goes into billing_events in the
 * same transaction as the account and workspaces.plan, so a replay finds the id and changes
 * nothing, and a failure leaves no trace (the provider retries).
 */
export async function applyBillingEvent(
  control: ControlDb,
  provider: ProviderName,
  event: { id: string; type: string; at: number },
  change: BillingChange | null,
  now: number,
): Promise<WebhookOutcome['result']> {
  return control.transaction(async (tx) => {
    const fresh = await tx.insert(billingEvents).values({ id: event.id, type: event.type, receivedAt: now }).onConflictDoNothing().returning({ id: billingEvents.id });
    if (fresh.length === 0) return 'duplicate';
    if (!change) return 'ignored';
    const target = await locate(tx, change.locator);
    if (!target) return 'unknown';
    const [members] = await tx.select({ n: count() }).from(memberships).where(eq(memberships.workspaceId, target.workspaceId));
    const next = reduceAccount(target.account, change, event.at, members?.n ?? 1);
    if (!next) return 'stale';
    const fields = { provider, ...next, updatedAt: now };
    await tx
      .insert(billingAccounts)
      .values({ workspaceId: target.workspaceId, ...fields })
      .onConflictDoUpdate({ target: billingAccounts.workspaceId, set: fields });
    const plan = effectivePlan(next, now);
    if (plan !== target.plan) await tx.update(workspaces).set({ plan, updatedAt: now }).where(eq(workspaces.id, target.workspaceId));
    return 'applied';
  });
}
