import { createLocalBilling } from './local-provider.ts';
import type { BillingProvider } from './provider.ts';
import { createStripeBilling } from './stripe-provider.ts';

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
  return createStripeBilling({ secretKey, webhookSecret, priceId, apiBase: settings.stripeApiBase?.trim() || undefined });
}
