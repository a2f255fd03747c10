// Billing with Stripe: the real `stripe` client against a local fake of the Stripe API
// (Checkout, portal, seats, invoice preview), and webhooks signed with the library's own
// test helper. The plan changes only on a verified event; each event applies once and in order.
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { syncSeats } from '../../api/billing/seats.ts';
import { billingAccounts, billingEvents } from '../../db/control/schema.ts';
import { addMember, snapshot } from './crm-support.ts';
import { ok, wsCall } from './records-support.ts';
import { FAKE_PRICE, FAKE_WEBHOOK_SECRET, signedHeader, startStripeFake, stripeEvent, subscriptionObject, type StripeFake } from './stripe-fake.ts';
import { call, createHarness, errorOf, json, signUp, workspaceRow, type Harness, type SignedUp } from './support.ts';

const DAY = 24 * 60 * 60 * 1000;

interface Billing {
  plan: 'free' | 'pro';
  provider: string;
  status: string | null;
  seats: number;
  members: number;
  currentPeriodEnd: string | null;
  nextInvoice: { amount: { amount: number; currency: string }; at: string | null } | null;
  pastDue: { since: string; graceEndsAt: string } | null;
  portal: boolean;
}

let h: Harness;
let fake: StripeFake;

beforeAll(async () => {
  fake = await startStripeFake();
  h = createHarness({
    billing: { stripeSecretKey: 'sk_test_tandem', stripeWebhookSecret: FAKE_WEBHOOK_SECRET, stripePriceId: FAKE_PRICE, stripeApiBase: fake.url },
  });
});
afterAll(async () => {
  h.close();
  await fake.close();
});
beforeEach(() => {
  fake.requests.length = 0;
});

/** Posts an event as Stripe would: no cookie, no Origin, the raw JSON signed at the platform's "now". */
async function deliver(event: object, options: { secret?: string; signature?: string | null; body?: string } = {}): Promise<Response> {
  const payload = options.body ?? JSON.stringify(event);
  const signature = options.signature === undefined ? signedHeader(payload, h.clock.ms, options.secret) : options.signature;
  return call(h.app, 'POST', '/billing/stripe/webhook', undefined, {
    origin: null,
    rawBody: payload,
    headers: signature === null ? {} : { 'stripe-signature': signature },
  });
}

async function delivered(event: object): Promise<string> {
  const res = await deliver(event);
  expect(res.status, await res.clone().text()).toBe(200);
  return (await json<{ result: string }>(res)).result;
}

async function account(workspaceId: string) {
  const [row] = await h.control.select().from(billingAccounts).where(eq(billingAccounts.workspaceId, workspaceId));
  return row;
}

async function plan(who: SignedUp): Promise<string> {
  return (await workspaceRow(h, who.workspace.id)).plan;
}

let n = 0;
/** An owner whose workspace has paid through Checkout: customer cus_N, subscription sub_N at the fake. */
async function subscribed(label: string): Promise<{ owner: SignedUp; customer: string; subscription: string }> {
  n += 1;
  const owner = await signUp(h.app, { workspaceName: `${label} ${n}` });
  const customer = `cus_${label}_${n}`;
  const subscription = `sub_${label}_${n}`;
  fake.subscriptions.set(subscription, { id: subscription, customer, status: 'active', itemId: `si_${subscription}`, quantity: 1, currentPeriodEnd: Math.floor((h.clock.ms + 30 * DAY) / 1000) });
  const session = { id: `cs_${n}`, object: 'checkout.session', mode: 'subscription', payment_status: 'paid', client_reference_id: owner.workspace.id, customer, subscription, metadata: { workspaceId: owner.workspace.id } };
  expect(await delivered(stripeEvent('checkout.session.completed', session, h.clock.ms))).toBe('applied');
  return { owner, customer, subscription };
}

describe('upgrading through Stripe Checkout', () => {
  it('answers a Checkout URL for the member count at the configured price, and the plan waits for Stripe', async () => {
    const owner = await signUp(h.app, { workspaceName: 'Checkout' });
    const colleague = await signUp(h.app, { workspaceName: 'Colleague' });
    await addMember(h, owner.workspace.id, colleague.user.id, 'member');

    const res = await ok<{ checkoutUrl: string }>(wsCall(h, owner, 'POST', '/billing/plan', { plan: 'pro' }));
    expect(res.checkoutUrl).toMatch(/^https:\/\/checkout\.stripe\.test\/c\/pay\/cs_test_/);
    const [req] = fake.requests;
    expect(req).toMatchObject({ method: 'POST', path: '/v1/checkout/sessions', authorization: 'Bearer sk_test_tandem' });
    expect(req!.params).toMatchObject({
      mode: 'subscription',
      'line_items[0][price]': FAKE_PRICE,
      'line_items[0][quantity]': '2',
      client_reference_id: owner.workspace.id,
      'metadata[workspaceId]': owner.workspace.id,
      'subscription_data[metadata][workspaceId]': owner.workspace.id,
      customer_email: owner.email,
      success_url: `http://localhost/w/${owner.workspace.slug}/settings/billing?checkout=success`,
      cancel_url: `http://localhost/w/${owner.workspace.slug}/settings/billing?checkout=canceled`,
    });
    expect(await plan(owner)).toBe('free');
    expect(await account(owner.workspace.id)).toBeUndefined();
  });

  it('switches to Pro when the signed checkout.session.completed arrives, and shows the subscription', async () => {
    const { owner, customer, subscription } = await subscribed('paid');
    expect(await plan(owner)).toBe('pro');
    expect(await account(owner.workspace.id)).toMatchObject({ provider: 'stripe', customerId: customer, subscriptionId: subscription, status: 'active', pastDueSince: null });

    const periodEnd = h.clock.ms + 30 * DAY;
    expect(await delivered(stripeEvent('customer.subscription.updated', subscriptionObject({ id: subscription, customer, status: 'active', quantity: 1, periodEndMs: periodEnd }), h.clock.ms))).toBe('applied');
    const billing = await ok<Billing>(wsCall(h, owner, 'GET', '/billing'));
    expect(billing).toMatchObject({ plan: 'pro', provider: 'stripe', status: 'active', seats: 1, members: 1, pastDue: null, portal: true });
    expect(billing.currentPeriodEnd).toBe(new Date(Math.floor(periodEnd / 1000) * 1000).toISOString());
    expect(billing.nextInvoice).toEqual({ amount: { amount: 24_900, currency: 'CZK' }, at: new Date((Math.floor(periodEnd / 1000) + 3600) * 1000).toISOString() });
    expect(fake.requests.map((r) => r.path)).toContain('/v1/invoices/create_preview');
  });

  it('answers 503 and changes nothing when Stripe cannot be reached', async () => {
    const owner = await signUp(h.app, { workspaceName: 'Stripe down' });
    fake.failNext(5);
    const res = await wsCall(h, owner, 'POST', '/billing/plan', { plan: 'pro' });
    fake.failNext(0);
    expect(res.status).toBe(503);
    expect((await errorOf(res)).message).toMatch(/payment provider could not be reached/);
    expect(await plan(owner)).toBe('free');
    expect(h.logs.some((l) => l.message === 'billing provider failed' && l.data?.['workspaceId'] === owner.workspace.id)).toBe(true);
  });
});

describe('deleting a paying workspace', () => {
  it('cancels its subscription first; when Stripe is down the workspace stays (503)', async () => {
    const { owner, subscription } = await subscribed('Delete');
    fake.failNext(5);
    const down = await wsCall(h, owner, 'DELETE', '', { confirm: owner.workspace.name });
    fake.failNext(0);
    expect(down.status).toBe(503);
    expect(fake.subscriptions.get(subscription)!.status).toBe('active');
    expect(await plan(owner)).toBe('pro');

    const res = await wsCall(h, owner, 'DELETE', '', { confirm: owner.workspace.name });
    expect(res.status).toBe(204);
    expect(fake.subscriptions.get(subscription)!.status).toBe('canceled');
    expect(fake.requests.some((r) => r.method === 'DELETE' && r.path === `/v1/subscriptions/${subscription}`)).toBe(true);
    expect(await account(owner.workspace.id)).toBeUndefined();
  });
});

describe('the webhook endpoint', () => {
  it('refuses a bad or missing signature with 400 and changes nothing', async () => {
    const owner = await signUp(h.app, { workspaceName: 'Forged' });
    const session = { id: 'cs_forged', object: 'checkout.session', mode: 'subscription', payment_status: 'paid', client_reference_id: owner.workspace.id, customer: 'cus_forged', subscription: 'sub_forged', metadata: {} };
    const event = stripeEvent('checkout.session.completed', session, h.clock.ms);
    const eventsBefore = (await h.control.select().from(billingEvents)).length;

    const wrongSecret = await deliver(event, { secret: 'whsec_not_ours' });
    expect(wrongSecret.status).toBe(400);
    expect((await errorOf(wrongSecret)).code).toBe('bad_request');
    // Signed for one body, sent with another.
    const tampered = await deliver(event, { signature: signedHeader(JSON.stringify(event), h.clock.ms), body: JSON.stringify({ ...event, id: 'evt_other' }) });
    expect(tampered.status).toBe(400);
    expect((await deliver(event, { signature: null })).status).toBe(400);
    // A genuine signature from long ago (a replayed capture): outside Stripe's 5-minute tolerance.
    expect((await deliver(event, { signature: signedHeader(JSON.stringify(event), h.clock.ms - 10 * 60 * 1000) })).status).toBe(400);

    expect(await plan(owner)).toBe('free');
    expect(await account(owner.workspace.id)).toBeUndefined();
    expect(await h.control.select().from(billingEvents)).toHaveLength(eventsBefore);
  });

  it('applies a replayed event once: the second delivery is a duplicate and changes nothing', async () => {
    const { owner, customer, subscription } = await subscribed('replay');
    const failed = stripeEvent('invoice.payment_failed', { id: 'in_1', object: 'invoice', customer, parent: { type: 'subscription_details', subscription_details: { subscription, metadata: {} } } }, h.clock.ms);
    expect(await delivered(failed)).toBe('applied');
    const since = (await account(owner.workspace.id))?.pastDueSince;
    expect(since).toBe(Math.floor(h.clock.ms / 1000) * 1000);

    h.clock.advance(60_000);
    const recovered = stripeEvent('customer.subscription.updated', subscriptionObject({ id: subscription, customer, status: 'active' }), h.clock.ms);
    expect(await delivered(recovered)).toBe('applied');
    const settled = await account(owner.workspace.id);
    expect(settled).toMatchObject({ status: 'active', pastDueSince: null });

    // Stripe retries deliveries: the same failure again must not put the account back into past_due.
    expect(await delivered(failed)).toBe('duplicate');
    expect(await delivered(recovered)).toBe('duplicate');
    expect(await account(owner.workspace.id)).toEqual(settled);
  });

  it('ignores an older subscription.updated that arrives after a newer deletion', async () => {
    const { owner, customer, subscription } = await subscribed('order');
    const t = h.clock.ms;
    const updated = stripeEvent('customer.subscription.updated', subscriptionObject({ id: subscription, customer, status: 'active', quantity: 3 }), t + 10_000);
    const deleted = stripeEvent('customer.subscription.deleted', subscriptionObject({ id: subscription, customer, status: 'canceled' }), t + 20_000);
    h.clock.advance(30_000);
    expect(await delivered(deleted)).toBe('applied');
    expect(await plan(owner)).toBe('free');
    const after = await account(owner.workspace.id);
    expect(after).toMatchObject({ status: 'canceled', lastEventAt: Math.floor((t + 20_000) / 1000) * 1000 });

    expect(await delivered(updated)).toBe('stale');
    expect(await plan(owner)).toBe('free');
    expect(await account(owner.workspace.id)).toEqual(after);
    // Even one stamped the same second cannot revive a canceled subscription (Stripe never does).
    expect(await delivered(stripeEvent('customer.subscription.updated', subscriptionObject({ id: subscription, customer, status: 'active' }), t + 20_000))).toBe('stale');
    expect(await plan(owner)).toBe('free');
  });

  it('keeps Pro for 7 days after a failed payment, then falls back to Free without deleting anything', async () => {
    const { owner, customer, subscription } = await subscribed('grace');
    const company = await ok<{ id: string }>(wsCall(h, owner, 'POST', '/companies', { name: 'Grace s.r.o.' }), 201);
    const failedAt = h.clock.ms;
    const failed = stripeEvent('invoice.payment_failed', { id: 'in_grace', object: 'invoice', customer, parent: { type: 'subscription_details', subscription_details: { subscription, metadata: {} } } }, failedAt);
    expect(await delivered(failed)).toBe('applied');
    const since = Math.floor(failedAt / 1000) * 1000;

    const during = await ok<Billing>(wsCall(h, owner, 'GET', '/billing'));
    expect(during).toMatchObject({ plan: 'pro', status: 'past_due', pastDue: { since: new Date(since).toISOString(), graceEndsAt: new Date(since + 7 * DAY).toISOString() } });
    h.clock.advance(6 * DAY);
    expect((await ok<{ plan: string }>(wsCall(h, owner, 'GET', ''))).plan).toBe('pro');
    expect(await plan(owner)).toBe('pro');

    const before = await snapshot(h, owner.workspace.id, 'companies');
    h.clock.advance(1 * DAY + 1000);
    // /me, the first thing the web app asks, already tells the lapsed plan.
    const me = await ok<{ workspaces: { id: string; plan: string }[] }>(call(h.app, 'GET', '/me', undefined, { cookie: owner.cookie }));
    expect(me.workspaces.find((w) => w.id === owner.workspace.id)?.plan).toBe('free');
    const ws = await ok<{ plan: string; limits: { members: number } }>(wsCall(h, owner, 'GET', ''));
    expect(ws).toMatchObject({ plan: 'free', limits: { members: 2 } });
    expect(await plan(owner)).toBe('free');
    expect(await snapshot(h, owner.workspace.id, 'companies')).toBe(before);
    expect((await ok<{ name: string }>(wsCall(h, owner, 'GET', `/companies/${company.id}`))).name).toBe('Grace s.r.o.');

    // Upgrading now means paying the open subscription (a new card in the portal), not a second subscription.
    const again = await ok<{ portalUrl?: string; checkoutUrl?: string }>(wsCall(h, owner, 'POST', '/billing/plan', { plan: 'pro' }));
    expect(again.checkoutUrl).toBeUndefined();
    expect(again.portalUrl).toMatch(/^https:\/\/billing\.stripe\.test\//);

    // The card works again: Stripe reports the subscription active, and Pro is back.
    expect(await delivered(stripeEvent('customer.subscription.updated', subscriptionObject({ id: subscription, customer, status: 'active' }), h.clock.ms))).toBe('applied');
    expect(await plan(owner)).toBe('pro');
    expect((await account(owner.workspace.id))?.pastDueSince).toBeNull();
  });

  it("answers 200 to events it does not act on and to other accounts' customers, recording them once", async () => {
    const other = stripeEvent('customer.created', { id: 'cus_x', object: 'customer' }, h.clock.ms);
    const stranger = stripeEvent('customer.subscription.updated', subscriptionObject({ id: 'sub_nobody', customer: 'cus_nobody', status: 'active' }), h.clock.ms);
    expect(await delivered(other)).toBe('ignored');
    expect(await delivered(stranger)).toBe('unknown');
    expect(await delivered(other)).toBe('duplicate');
    expect(await delivered(stranger)).toBe('duplicate');
    const stored = await h.control.select().from(billingEvents).where(eq(billingEvents.id, stranger.id));
    expect(stored).toMatchObject([{ type: 'customer.subscription.updated' }]);
  });
});

describe('portal, downgrade and seats', () => {
  it('opens the customer portal for the owner, returning to the billing tab', async () => {
    const { owner, customer } = await subscribed('portal');
    const res = await ok<{ portalUrl: string }>(wsCall(h, owner, 'POST', '/billing/portal'));
    expect(res.portalUrl).toMatch(/^https:\/\/billing\.stripe\.test\/p\/session\//);
    expect(fake.requests.at(-1)).toMatchObject({ path: '/v1/billing_portal/sessions', params: { customer, return_url: `http://localhost/w/${owner.workspace.slug}/settings/billing` } });
  });

  it('answers 409 for the portal before the first subscription', async () => {
    const owner = await signUp(h.app, { workspaceName: 'No customer' });
    const res = await wsCall(h, owner, 'POST', '/billing/portal');
    expect(res.status).toBe(409);
    expect(fake.requests).toEqual([]);
  });

  it("downgrades through the portal's cancel flow; the plan stays Pro until Stripe says the subscription ended, and no data goes", async () => {
    const { owner, customer, subscription } = await subscribed('cancel');
    await ok(wsCall(h, owner, 'POST', '/companies', { name: 'Kept s.r.o.' }), 201);
    const res = await ok<{ portalUrl: string }>(wsCall(h, owner, 'POST', '/billing/plan', { plan: 'free' }));
    expect(res.portalUrl).toMatch(/^https:\/\/billing\.stripe\.test\//);
    expect(fake.requests.at(-1)?.params).toMatchObject({
      customer,
      'flow_data[type]': 'subscription_cancel',
      'flow_data[subscription_cancel][subscription]': subscription,
      'flow_data[after_completion][type]': 'redirect',
    });
    expect(await plan(owner)).toBe('pro');

    const before = await snapshot(h, owner.workspace.id, 'companies');
    h.clock.advance(5000);
    expect(await delivered(stripeEvent('customer.subscription.deleted', subscriptionObject({ id: subscription, customer, status: 'canceled' }), h.clock.ms))).toBe('applied');
    expect(await plan(owner)).toBe('free');
    expect(await snapshot(h, owner.workspace.id, 'companies')).toBe(before);
    const billing = await ok<Billing>(wsCall(h, owner, 'GET', '/billing'));
    expect(billing).toMatchObject({ plan: 'free', status: 'canceled', seats: 0, nextInvoice: null });

    // Nothing left to cancel: asking for Free again is the no-op view; Pro goes through Checkout for the known customer.
    expect((await ok<Billing>(wsCall(h, owner, 'POST', '/billing/plan', { plan: 'free' }))).plan).toBe('free');
    const checkout = await ok<{ checkoutUrl: string }>(wsCall(h, owner, 'POST', '/billing/plan', { plan: 'pro' }));
    expect(checkout.checkoutUrl).toBeTruthy();
    expect(fake.requests.at(-1)?.params).toMatchObject({ customer });
    expect(fake.requests.at(-1)?.params['customer_email']).toBeUndefined();
  });

  it('keeps the subscription quantity equal to the member count', async () => {
    const { owner, subscription } = await subscribed('seats');
    const colleague = await signUp(h.app, { workspaceName: 'Seat two' });
    await addMember(h, owner.workspace.id, colleague.user.id, 'member');
    await syncSeats(h.platform, h.control, owner.workspace.id, h.clock.ms);
    const update = fake.requests.find((r) => r.method === 'POST' && r.path === `/v1/subscriptions/${subscription}`);
    expect(update?.params).toMatchObject({ 'items[0][id]': `si_${subscription}`, 'items[0][quantity]': '2', proration_behavior: 'create_prorations' });
    expect(fake.subscriptions.get(subscription)?.quantity).toBe(2);
    expect((await account(owner.workspace.id))?.seats).toBe(2);

    // In step already: no call to Stripe.
    fake.requests.length = 0;
    await syncSeats(h.platform, h.control, owner.workspace.id, h.clock.ms);
    expect(fake.requests).toEqual([]);

    // Stripe down at a membership change: the count stays old, and the next sync (opening billing) mends it.
    const third = await signUp(h.app, { workspaceName: 'Seat three' });
    await addMember(h, owner.workspace.id, third.user.id, 'member');
    fake.failNext(5);
    await expect(syncSeats(h.platform, h.control, owner.workspace.id, h.clock.ms)).rejects.toThrow();
    fake.failNext(0);
    expect((await account(owner.workspace.id))?.seats).toBe(2);
    expect(await ok<Billing>(wsCall(h, owner, 'GET', '/billing'))).toMatchObject({ seats: 3, members: 3 });
    expect(fake.subscriptions.get(subscription)?.quantity).toBe(3);
  });
});
