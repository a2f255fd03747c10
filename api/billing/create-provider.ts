import { createLocalBilling } from './local-provider.ts';
import type { BillingProvider } from './provider.ts';
import type { StripeSettings } from './stripe-provider.ts';

/** The billing settings of API.md's Configuration section (env on Node, vars and secrets on Workers). */
export interface BillingSettings {
  stripeSecretKey?: string | undefined;
  stripeWebhookSecret?: string | undefined;
  stripePriceId?: string | undefined;
  stripeApiBase?: string | undefined;
}

/** Stripe when a secret key is configured, else the local provider (owners switch plans directly). */
export function createBillingProvider(settings: BillingSettings = {}): BillingProvider {
  const secretKey = settings.stripeSecretKey?.trim();
  if (!secretKey) return createLocalBilling();
  const webhookSecret = settings.stripeWebhookSecret?.trim();
  const priceId = settings.stripePriceId?.trim();
  // Half a Stripe setup would take money without ever switching plans: refuse to start.
  const missing = [!webhookSecret && 'STRIPE_WEBHOOK_SECRET', !priceId && 'STRIPE_PRICE_ID'].filter(Boolean);
  if (!webhookSecret || !priceId) throw new Error(`STRIPE_SECRET_KEY is set but ${missing.join(' and ')} ${missing.length > 1 ? 'are' : 'is'} not`);
  return lazyStripe({ secretKey, webhookSecret, priceId, apiBase: settings.stripeApiBase?.trim() || undefined });
}

/**
 * The Stripe library is loaded on first use: a self-hosted server without Stripe never pays for
 * it, and one with Stripe starts ~150 ms sooner (the library is large).
 */
function lazyStripe(settings: StripeSettings): BillingProvider {
  let provider: Promise<BillingProvider> | undefined;
  const load = () => (provider ??= import('./stripe-provider.ts').then((m) => m.createStripeBilling(settings)));
  return {
    name: 'stripe',
    startUpgrade: async (ctx, request) => (await load()).startUpgrade(ctx, request),
    downgrade: async (ctx, request) => (await load()).downgrade(ctx, request),
    portalUrl: async (account, returnUrl) => (await load()).portalUrl(account, returnUrl),
    updateSeats: async (account, seats) => (await load()).updateSeats(account, seats),
    nextInvoice: async (account) => (await load()).nextInvoice(account),
    cancelNow: async (account) => (await load()).cancelNow(account),
    handleWebhook: async (ctx, rawBody, signature) => (await load()).handleWebhook(ctx, rawBody, signature),
  };
}
