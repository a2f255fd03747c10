import Stripe from 'stripe';
import { AppError } from '../errors.ts';
import { switchPlanDirectly } from './accounts.ts';
import { applyBillingEvent } from './apply-change.ts';
import { UNSETTLED } from './plan-state.ts';
import type { BillingAccount, BillingProvider } from './provider.ts';
import { changeFromStripeEvent, WORKSPACE_KEY } from './stripe-events.ts';

export interface StripeSettings {
  secretKey: string;
  webhookSecret: string;
  /** The recurring per-seat price Pro is sold at (`price_…`). */
  priceId: string;
  /** Another API address than https://api.stripe.com (tests use a local fake). */
  apiBase?: string | undefined;
}

/**
 * The official client over fetch, so the same code runs on Node and Workers (the default
 * Node http client does not exist there).
 */
export function createStripeClient(settings: Pick<StripeSettings, 'secretKey' | 'apiBase'>): Stripe {
  const base = settings.apiBase ? new URL(settings.apiBase) : null;
  const protocol = base?.protocol === 'http:' ? 'http' : 'https';
  return new Stripe(settings.secretKey, {
    httpClient: Stripe.createFetchHttpClient(),
    maxNetworkRetries: 1,
    timeout: 15_000,
    ...(base ? { host: base.hostname, port: base.port || (protocol === 'http' ? 80 : 443), protocol } : {}),
  });
}

/** A subscription Stripe may still charge for (and that the portal can cancel). */
function liveSubscription(account: BillingAccount | null): string | null {
  return account?.provider === 'stripe' && account.subscriptionId && account.status !== 'canceled' && account.status !== 'incomplete_expired'
    ? account.subscriptionId
    : null;
}

function withQuery(url: string, key: string, value: string): string {
  const u = new URL(url);
  u.searchParams.set(key, value);
  return u.toString();
}

/**
 * Stripe Billing: Pro is a subscription to one per-seat price, its quantity kept equal to the
 * member count. Upgrading goes through Checkout, paying and cancelling through the Customer
 * Portal; the plan itself changes only when a signed webhook says so.
 */
export function createStripeBilling(settings: StripeSettings, client: Stripe = createStripeClient(settings)): BillingProvider {
  const crypto = Stripe.createSubtleCryptoProvider();

  async function portal(customerId: string, returnUrl: string, cancelSubscription?: string): Promise<string> {
    const session = await client.billingPortal.sessions.create({
      customer: customerId,
      return_url: returnUrl,
      ...(cancelSubscription
        ? {
            flow_data: {
              type: 'subscription_cancel',
              subscription_cancel: { subscription: cancelSubscription },
              after_completion: { type: 'redirect', redirect: { return_url: withQuery(returnUrl, 'portal', 'canceled') } },
            },
          }
        : {}),
    });
    return session.url;
  }

  return {
    name: 'stripe',

    async startUpgrade(_ctx, { workspace, owner, seats, account, returnUrl }) {
      // An unpaid subscription is settled with a new card, not replaced by a second one.
      if (liveSubscription(account) && account?.customerId && UNSETTLED.has(account.status)) {
        return { kind: 'redirect', to: 'portal', url: await portal(account.customerId, returnUrl) };
      }
      const session = await client.checkout.sessions.create({
        mode: 'subscription',
        line_items: [{ price: settings.priceId, quantity: seats }],
        client_reference_id: workspace.id,
        metadata: { [WORKSPACE_KEY]: workspace.id },
        subscription_data: { metadata: { [WORKSPACE_KEY]: workspace.id } },
        ...(account?.customerId ? { customer: account.customerId } : { customer_email: owner.email }),
        success_url: withQuery(returnUrl, 'checkout', 'success'),
        cancel_url: withQuery(returnUrl, 'checkout', 'canceled'),
      });
      if (!session.url) throw new Error('Stripe returned a Checkout Session without a URL');
      return { kind: 'redirect', to: 'checkout', url: session.url };
    },

    async downgrade(ctx, { workspace, account, returnUrl }) {
      const subscription = liveSubscription(account);
      // Cancelling happens in the portal (at the end of the paid period); the deletion webhook then switches the plan.
      if (subscription && account?.customerId) return { kind: 'redirect', to: 'portal', url: await portal(account.customerId, returnUrl, subscription) };
      await switchPlanDirectly(ctx.control, { workspaceId: workspace.id, provider: 'stripe', plan: 'free', seats: account?.seats ?? 1 }, ctx.now);
      return { kind: 'switched' };
    },

    async portalUrl(account, returnUrl) {
      if (account?.provider !== 'stripe' || !account.customerId) {
        throw new AppError('conflict', 'This workspace has no Stripe customer yet: upgrade to Pro first.');
      }
      return portal(account.customerId, returnUrl);
    },

    async updateSeats(account, seats) {
      const id = liveSubscription(account);
      if (!id) return;
      const subscription = await client.subscriptions.retrieve(id);
      const item = subscription.items.data[0];
      if (!item || item.quantity === seats) return;
      await client.subscriptions.update(id, { items: [{ id: item.id, quantity: seats }], proration_behavior: 'create_prorations' });
    },

    async cancelNow(account) {
      const id = liveSubscription(account);
      if (id) await client.subscriptions.cancel(id);
    },

    async nextInvoice(account) {
      const id = liveSubscription(account);
      if (!id || !account?.customerId) return null;
      const invoice = await client.invoices.createPreview({ customer: account.customerId, subscription: id });
      const at = invoice.next_payment_attempt ?? invoice.period_end;
      return { amount: { amount: invoice.amount_due, currency: invoice.currency.toUpperCase() }, at: new Date(at * 1000).toISOString() };
    },

    async handleWebhook(ctx, rawBody, signature) {
      if (!signature) throw new AppError('bad_request', 'The Stripe-Signature header is missing.');
      let event: Stripe.Event;
      try {
        // The platform clock, not the wall clock, judges the signature's age (tests move it).
        event = await client.webhooks.constructEventAsync(rawBody, signature, settings.webhookSecret, undefined, crypto, ctx.now);
      } catch {
        throw new AppError('bad_request', 'The Stripe signature does not match this payload.');
      }
      const result = await applyBillingEvent(ctx.control, 'stripe', { id: event.id, type: event.type, at: event.created * 1000 }, changeFromStripeEvent(event), ctx.now);
      return { result, eventId: event.id, type: event.type };
    },
  };
}
