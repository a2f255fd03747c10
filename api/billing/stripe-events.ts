import type Stripe from 'stripe';
import type { AccountLocator, BillingChange } from './apply-change.ts';

/** The metadata key our Checkout Sessions and subscriptions carry, so webhooks find the workspace. */
export const WORKSPACE_KEY = 'workspaceId';

function idOf(value: string | { id: string } | null | undefined): string | null {
  if (value === null || value === undefined) return null;
  return typeof value === 'string' ? value : value.id;
}

function locator(workspaceId: string | null | undefined, customer: string | { id: string } | null | undefined): AccountLocator {
  return { workspaceId: workspaceId || null, customerId: idOf(customer) };
}

function subscriptionChange(sub: Stripe.Subscription, status: string): BillingChange {
  const item = sub.items.data[0];
  return {
    kind: 'subscription',
    locator: locator(sub.metadata[WORKSPACE_KEY], sub.customer),
    subscriptionId: sub.id,
    status,
    seats: item?.quantity ?? null,
    currentPeriodEnd: item ? item.current_period_end * 1000 : null,
  };
}

/**
 * What a Stripe event means for a workspace's billing, or null for events we do not act on.
 * Pure: signature checks and the database live elsewhere.
 */
export function changeFromStripeEvent(event: Stripe.Event): BillingChange | null {
  switch (event.type) {
    case 'checkout.session.completed': {
      const session = event.data.object;
      if (session.mode !== 'subscription') return null;
      return {
        kind: 'checkout',
        locator: locator(session.client_reference_id ?? session.metadata?.[WORKSPACE_KEY], session.customer),
        subscriptionId: idOf(session.subscription),
        paid: session.payment_status !== 'unpaid',
      };
    }
    case 'customer.subscription.created':
    case 'customer.subscription.updated':
      return subscriptionChange(event.data.object, event.data.object.status);
    case 'customer.subscription.deleted':
      // Stripe may still say `active` in a deletion's snapshot; a deleted subscription pays for nothing.
      return subscriptionChange(event.data.object, 'canceled');
    case 'invoice.payment_failed': {
      const invoice = event.data.object;
      const details = invoice.parent?.subscription_details;
      return {
        kind: 'payment_failed',
        locator: locator(details?.metadata?.[WORKSPACE_KEY], invoice.customer),
        subscriptionId: idOf(details?.subscription),
      };
    }
    default:
      return null;
  }
}
