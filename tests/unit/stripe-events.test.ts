// The pure parts of billing: what a Stripe event means, how an account moves with it (order,
// finality, grace), which plan an account pays for, and which provider the settings choose.
import Stripe from 'stripe';
import { describe, expect, it } from 'vitest';
import { reduceAccount, type AccountState, type BillingChange } from '../../api/billing/apply-change.ts';
import { createBillingProvider } from '../../api/billing/create-provider.ts';
import { effectivePlan, GRACE_MS } from '../../api/billing/plan-state.ts';
import { changeFromStripeEvent } from '../../api/billing/stripe-events.ts';
import { createStripeBilling } from '../../api/billing/stripe-provider.ts';

const T = Date.UTC(2026, 10, 27, 9, 30);

function event(type: string, object: object, created = T / 1000): Stripe.Event {
  return { id: 'evt_1', object: 'event', api_version: null, created, livemode: false, pending_webhooks: 0, request: null, type, data: { object } } as unknown as Stripe.Event;
}

const subscription = (status: string, extra: object = {}) => ({
  id: 'sub_1',
  object: 'subscription',
  customer: 'cus_1',
  status,
  metadata: { workspaceId: 'ws_1' },
  items: { object: 'list', data: [{ id: 'si_1', quantity: 4, current_period_end: T / 1000 + 86_400 }] },
  ...extra,
});

const active: AccountState = { customerId: 'cus_1', subscriptionId: 'sub_1', status: 'active', seats: 2, currentPeriodEnd: null, pastDueSince: null, lastEventAt: T };
const locator = { workspaceId: 'ws_1', customerId: 'cus_1' };

describe('changeFromStripeEvent', () => {
  it('reads a subscription update: status, seats, period end in ms, the workspace from our metadata', () => {
    expect(changeFromStripeEvent(event('customer.subscription.updated', subscription('past_due')))).toEqual({
      kind: 'subscription',
      locator,
      subscriptionId: 'sub_1',
      status: 'past_due',
      seats: 4,
      currentPeriodEnd: T + 86_400_000,
    });
  });

  it('treats a deletion as canceled whatever status its snapshot shows', () => {
    expect(changeFromStripeEvent(event('customer.subscription.deleted', subscription('active')))).toMatchObject({ kind: 'subscription', status: 'canceled' });
  });

  it('reads a completed subscription Checkout (paid or not) and skips one-off payments', () => {
    const session = { id: 'cs_1', object: 'checkout.session', mode: 'subscription', payment_status: 'paid', client_reference_id: 'ws_1', customer: 'cus_1', subscription: { id: 'sub_1' }, metadata: {} };
    expect(changeFromStripeEvent(event('checkout.session.completed', session))).toEqual({ kind: 'checkout', locator, subscriptionId: 'sub_1', paid: true });
    expect(changeFromStripeEvent(event('checkout.session.completed', { ...session, payment_status: 'unpaid' }))).toMatchObject({ paid: false });
    expect(changeFromStripeEvent(event('checkout.session.completed', { ...session, mode: 'payment' }))).toBeNull();
  });

  it("reads a failed invoice's subscription from its parent, and ignores other event types", () => {
    const invoice = { id: 'in_1', object: 'invoice', customer: 'cus_1', parent: { type: 'subscription_details', subscription_details: { subscription: 'sub_1', metadata: {} } } };
    expect(changeFromStripeEvent(event('invoice.payment_failed', invoice))).toEqual({ kind: 'payment_failed', locator: { workspaceId: null, customerId: 'cus_1' }, subscriptionId: 'sub_1' });
    expect(changeFromStripeEvent(event('invoice.paid', invoice))).toBeNull();
  });
});

describe('reduceAccount', () => {
  const sub = (status: string, subscriptionId = 'sub_1'): BillingChange => ({ kind: 'subscription', locator, subscriptionId, status, seats: null, currentPeriodEnd: null });
  const failed: BillingChange = { kind: 'payment_failed', locator, subscriptionId: 'sub_1' };

  it('applies newer events and ignores older ones', () => {
    expect(reduceAccount(active, sub('past_due'), T + 1000, 1)).toMatchObject({ status: 'past_due', pastDueSince: T + 1000, lastEventAt: T + 1000 });
    expect(reduceAccount(active, sub('canceled'), T - 1000, 1)).toBeNull();
  });

  it('never revives a canceled subscription, even with an event of the same second', () => {
    const canceled = { ...active, status: 'canceled' };
    expect(reduceAccount(canceled, sub('active'), T, 1)).toBeNull();
    // A new subscription (a second Checkout) may replace it.
    expect(reduceAccount(canceled, sub('active', 'sub_2'), T + 1000, 1)).toMatchObject({ status: 'active', subscriptionId: 'sub_2' });
  });

  it('does not let news of a replaced subscription touch the live one', () => {
    expect(reduceAccount({ ...active, subscriptionId: 'sub_2' }, sub('canceled', 'sub_1'), T + 1000, 1)).toBeNull();
    expect(reduceAccount({ ...active, subscriptionId: 'sub_2' }, failed, T + 1000, 1)).toBeNull();
  });

  it('starts the grace period at the first failure and keeps it through later ones', () => {
    const first = reduceAccount(active, failed, T + 1000, 1)!;
    expect(first).toMatchObject({ status: 'past_due', pastDueSince: T + 1000 });
    expect(reduceAccount(first, failed, T + 86_400_000, 1)).toMatchObject({ pastDueSince: T + 1000 });
    expect(reduceAccount(first, sub('active'), T + 2000, 1)).toMatchObject({ status: 'active', pastDueSince: null });
  });

  it('ignores a failed payment of a subscription that is already over', () => {
    expect(reduceAccount({ ...active, status: 'canceled' }, { ...failed, subscriptionId: null }, T + 1000, 1)).toBeNull();
  });

  it('opens an account for a first event, with the member count as seats', () => {
    expect(reduceAccount(null, { kind: 'checkout', locator, subscriptionId: 'sub_1', paid: true }, T, 3)).toEqual({
      customerId: 'cus_1',
      subscriptionId: 'sub_1',
      status: 'active',
      seats: 3,
      currentPeriodEnd: null,
      pastDueSince: null,
      lastEventAt: T,
    });
  });
});

describe('effectivePlan', () => {
  it('is Pro while paid or within 7 days of a failed payment, Free otherwise', () => {
    expect(GRACE_MS).toBe(7 * 86_400_000);
    expect(effectivePlan({ status: 'active', pastDueSince: null }, T)).toBe('pro');
    expect(effectivePlan({ status: 'trialing', pastDueSince: null }, T)).toBe('pro');
    expect(effectivePlan({ status: 'past_due', pastDueSince: T }, T + GRACE_MS - 1)).toBe('pro');
    expect(effectivePlan({ status: 'past_due', pastDueSince: T }, T + GRACE_MS)).toBe('free');
    for (const status of ['canceled', 'unpaid', 'incomplete', 'incomplete_expired', 'paused']) expect(effectivePlan({ status, pastDueSince: null }, T)).toBe('free');
  });
});

describe('createBillingProvider', () => {
  it('is local without a Stripe key and Stripe with a complete configuration', () => {
    expect(createBillingProvider().name).toBe('local');
    expect(createBillingProvider({ stripeSecretKey: '  ' }).name).toBe('local');
    expect(createBillingProvider({ stripeSecretKey: 'sk_test_1', stripeWebhookSecret: 'whsec_1', stripePriceId: 'price_1' }).name).toBe('stripe');
  });

  it('refuses half a Stripe configuration, naming what is missing', () => {
    expect(() => createBillingProvider({ stripeSecretKey: 'sk_test_1' })).toThrow('STRIPE_SECRET_KEY is set but STRIPE_WEBHOOK_SECRET and STRIPE_PRICE_ID are not');
    expect(() => createBillingProvider({ stripeSecretKey: 'sk_test_1', stripeWebhookSecret: 'whsec_1' })).toThrow('STRIPE_PRICE_ID is not');
  });
});

describe('Stripe webhook signatures (the real library, SubtleCrypto as on Workers)', () => {
  const secret = 'whsec_unit';
  const provider = createStripeBilling({ secretKey: 'sk_test_unit', webhookSecret: secret, priceId: 'price_1' });
  const signer = new Stripe('sk_test_signer');
  const payload = JSON.stringify(event('customer.created', { id: 'cus_1', object: 'customer' }));
  // No database is reached: a signature failure stops before it.
  const ctx = { control: null as never, now: T };

  it('rejects a wrong secret, a changed body and an old timestamp with bad_request', async () => {
    const wrong = signer.webhooks.generateTestHeaderString({ payload, secret: 'whsec_other', timestamp: T / 1000 });
    await expect(provider.handleWebhook(ctx, payload, wrong)).rejects.toMatchObject({ code: 'bad_request' });
    const good = signer.webhooks.generateTestHeaderString({ payload, secret, timestamp: T / 1000 });
    await expect(provider.handleWebhook(ctx, payload.replace('cus_1', 'cus_2'), good)).rejects.toMatchObject({ code: 'bad_request' });
    const old = signer.webhooks.generateTestHeaderString({ payload, secret, timestamp: T / 1000 - 301 });
    await expect(provider.handleWebhook(ctx, payload, old)).rejects.toMatchObject({ code: 'bad_request' });
    await expect(provider.handleWebhook(ctx, payload, undefined)).rejects.toMatchObject({ code: 'bad_request' });
  });
});
