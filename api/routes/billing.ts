import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { eq } from 'drizzle-orm';
import { users } from '../../db/control/schema.ts';
import { access } from '../access/gate.ts';
import { getAccount } from '../billing/accounts.ts';
import { billingView } from '../billing/billing-view.ts';
import type { PlanChange } from '../billing/provider.ts';
import { syncSeats } from '../billing/seats.ts';
import type { AppEnv } from '../context.ts';
import { memberCount } from '../domain/workspaces/usage.ts';
import { AppError, notFound } from '../errors.ts';
import { errorResponses, validationHook } from '../validation.ts';
import { wsParams } from './records.ts';

/** Where Stripe posts events; exempt from the CSRF origin check (api/app.ts): the signature authenticates it. */
export const STRIPE_WEBHOOK_PATH = '/billing/stripe/webhook';
export const isBillingWebhook = (method: string, path: string) => method === 'POST' && path === `/api/v1${STRIPE_WEBHOOK_PATH}`;

const money = z.object({ amount: z.number().int(), currency: z.string() });

const billingSchema = z
  .object({
    id: z.string().openapi({ description: "The workspace's id: billing is one per workspace." }),
    plan: z.enum(['free', 'pro']),
    provider: z.enum(['local', 'stripe']).openapi({ description: '`local`: no payment provider, the owner switches plans directly.' }),
    status: z.string().nullable().openapi({ description: 'Subscription status as the provider reports it (`active`, `past_due`, `canceled`…); null before the first upgrade.' }),
    seats: z.number().int().openapi({ description: 'Seats paid for; equals the member count on Pro, 0 on Free.' }),
    members: z.number().int(),
    currentPeriodEnd: z.string().nullable(),
    nextInvoice: z.object({ amount: money, at: z.string().nullable() }).nullable(),
    pastDue: z
      .object({ since: z.string(), graceEndsAt: z.string() })
      .nullable()
      .openapi({ description: 'After a failed payment Pro stays until graceEndsAt (7 days), then the workspace falls back to Free; no data is deleted.' }),
    portal: z.boolean().openapi({ description: 'Whether POST /billing/portal has a page to open.' }),
  })
  .openapi('Billing');

const planBody = z
  .object({ plan: z.enum(['free', 'pro'], { error: 'Choose "free" or "pro".' }) })
  .strict()
  .openapi('BillingPlanChange');

const redirectSchema = z.object({ checkoutUrl: z.string() }).openapi('BillingCheckout');
const portalSchema = z.object({ portalUrl: z.string() }).openapi('BillingPortal');

const get = createRoute({
  method: 'get',
  path: '/w/{ws}/billing',
  ...access('billing:manage'),
  tags: ['Billing'],
  summary: 'Plan, subscription, seats and next invoice (owner)',
  request: { params: wsParams },
  responses: {
    200: { description: 'Billing', content: { 'application/json': { schema: billingSchema } } },
    ...errorResponses(401, 403, 404),
  },
});

const changePlan = createRoute({
  method: 'post',
  path: '/w/{ws}/billing/plan',
  ...access('billing:manage'),
  tags: ['Billing'],
  summary: 'Switch plan (owner)',
  description:
    'Without a payment provider the plan switches at once and the answer is the billing view. With Stripe, upgrading answers `{checkoutUrl}` ' +
    '(pay there; the plan switches when Stripe confirms) — or `{portalUrl}` when an unpaid subscription needs a new card — and downgrading ' +
    "answers `{portalUrl}`, Stripe's page to cancel at the end of the paid period (the plan switches when the subscription ends). " +
    'Asking for the current plan answers the billing view and changes nothing. Downgrading never deletes data: Pro records become read-only.',
  request: { params: wsParams, body: { required: true, content: { 'application/json': { schema: planBody } } } },
  responses: {
    200: { description: 'Switched (billing view), or where to continue', content: { 'application/json': { schema: z.union([billingSchema, redirectSchema, portalSchema]) } } },
    ...errorResponses(400, 401, 403, 404),
  },
});

const portal = createRoute({
  method: 'post',
  path: '/w/{ws}/billing/portal',
  ...access('billing:manage'),
  tags: ['Billing'],
  summary: "Open Stripe's customer portal: card, invoices, cancel (owner)",
  description: '`409` when no payment provider is configured or the workspace has never subscribed.',
  request: { params: wsParams },
  responses: {
    200: { description: 'Portal address', content: { 'application/json': { schema: portalSchema } } },
    ...errorResponses(401, 403, 404, 409),
  },
});

const webhook = createRoute({
  method: 'post',
  path: STRIPE_WEBHOOK_PATH,
  tags: ['Billing'],
  summary: 'Stripe webhook endpoint',
  description:
    'Stripe posts `checkout.session.completed`, `customer.subscription.created|updated|deleted` and `invoice.payment_failed` here; ' +
    'the raw body is checked against the `Stripe-Signature` header (`400` when it does not match). Each event applies once; ' +
    'replays and events older than the newest applied change nothing. `404` when Stripe is not configured.',
  responses: {
    200: {
      description: 'Received',
      content: { 'application/json': { schema: z.object({ received: z.literal(true), result: z.enum(['applied', 'duplicate', 'stale', 'ignored', 'unknown']) }) } },
    },
    ...errorResponses(400, 404),
  },
});

function billingTabUrl(c: Context<AppEnv>): string {
  const origin = c.var.platform.config.appOrigin ?? new URL(c.req.url).origin;
  return `${origin}/w/${encodeURIComponent(c.var.workspace.slug)}/settings/billing`;
}

/** Provider calls leave the server: a failure there is a 503 to retry, logged with its cause. */
export async function viaProvider<T>(c: Context<AppEnv>, what: string, call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (e) {
    if (e instanceof AppError) throw e;
    c.var.platform.logger.error('billing provider failed', { what, workspaceId: c.var.workspace.id, error: e instanceof Error ? e.message : String(e) });
    throw new AppError('unavailable', 'The payment provider could not be reached. Nothing was changed; try again in a moment.');
  }
}

function view(c: Context<AppEnv>) {
  const { control, platform } = c.var;
  return billingView({ control, billing: platform.billing, logger: platform.logger }, c.var.workspace.id);
}

export const billingRoutes = new OpenAPIHono<AppEnv>({ defaultHook: validationHook })
  .openapi(get, async (c) => {
    const { platform, control, workspace } = c.var;
    try {
      // Mends a seat count a failed sync left behind (the provider was down at a membership change).
      await syncSeats(platform, control, workspace.id, platform.now().getTime());
    } catch (e) {
      platform.logger.error('seat sync failed', { workspaceId: workspace.id, error: e instanceof Error ? e.message : String(e) });
    }
    return c.json(await view(c), 200);
  })
  .openapi(changePlan, async (c) => {
    const { platform, control, workspace } = c.var;
    const { plan } = c.req.valid('json');
    if (plan === workspace.plan) return c.json(await view(c), 200);
    const [owner] = await control.select({ email: users.email, name: users.name }).from(users).where(eq(users.id, workspace.userId));
    if (!owner) throw notFound('User');
    const [account, seats] = await Promise.all([getAccount(control, workspace.id), memberCount(control, workspace.id)]);
    const ctx = { control, now: platform.now().getTime() };
    const target = { id: workspace.id, slug: workspace.slug, name: workspace.name };
    const returnUrl = billingTabUrl(c);
    const change: PlanChange = await viaProvider(c, `plan ${plan}`, () =>
      plan === 'pro'
        ? platform.billing.startUpgrade(ctx, { workspace: target, owner, seats, account, returnUrl })
        : platform.billing.downgrade(ctx, { workspace: target, account, returnUrl }),
    );
    if (change.kind === 'switched') {
      platform.logger.info('plan switched', { workspaceId: workspace.id, plan, provider: platform.billing.name });
      return c.json(await view(c), 200);
    }
    return change.to === 'checkout' ? c.json({ checkoutUrl: change.url }, 200) : c.json({ portalUrl: change.url }, 200);
  })
  .openapi(portal, async (c) => {
    const { platform, control, workspace } = c.var;
    const account = await getAccount(control, workspace.id);
    const url = await viaProvider(c, 'portal', () => platform.billing.portalUrl(account, billingTabUrl(c)));
    return c.json({ portalUrl: url }, 200);
  })
  .openapi(webhook, async (c) => {
    const { platform, control } = c.var;
    if (platform.billing.name !== 'stripe') throw notFound('Payment provider');
    // The raw text, exactly as signed: parsing and re-serialising would break the signature.
    const raw = await c.req.text();
    const outcome = await platform.billing.handleWebhook({ control, now: platform.now().getTime() }, raw, c.req.header('stripe-signature'));
    platform.logger.info('billing webhook', { ...outcome });
    return c.json({ received: true as const, result: outcome.result }, 200);
  });
