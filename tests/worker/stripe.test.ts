import Stripe from 'stripe';
import { expect, it } from 'vitest';
import { createStripeBilling } from '../../api/billing/stripe-provider.ts';

// The stripe package as the Worker bundles it (its worker build, fetch client, SubtleCrypto):
// webhook signatures check out inside workerd exactly as they do on Node.
const secret = 'whsec_workerd';
const now = Date.UTC(2026, 10, 27, 9, 30);
const payload = JSON.stringify({ id: 'evt_w', object: 'event', type: 'customer.created', created: now / 1000, data: { object: { id: 'cus_w', object: 'customer' } } });

it('verifies a Stripe signature with SubtleCrypto and refuses a forged one', async () => {
  const stripe = new Stripe('sk_test_workerd', { httpClient: Stripe.createFetchHttpClient() });
  const crypto = Stripe.createSubtleCryptoProvider();
  const header = await stripe.webhooks.generateTestHeaderStringAsync({ payload, secret, timestamp: now / 1000, cryptoProvider: crypto });
  const event = await stripe.webhooks.constructEventAsync(payload, header, secret, undefined, crypto, now);
  expect(event.id).toBe('evt_w');

  // The provider's own check: a signature made with another secret is a 400 before any database work.
  const provider = createStripeBilling({ secretKey: 'sk_test_workerd', webhookSecret: secret, priceId: 'price_w' }, stripe);
  const forged = await stripe.webhooks.generateTestHeaderStringAsync({ payload, secret: 'whsec_other', timestamp: now / 1000, cryptoProvider: crypto });
  await expect(provider.handleWebhook({ control: null as never, now }, payload, forged)).rejects.toMatchObject({ code: 'bad_request' });
});
