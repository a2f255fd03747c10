// A small stand-in for the Stripe HTTP API on 127.0.0.1: only the endpoints Tandem calls
// (Checkout Sessions, portal sessions, subscription read/update, invoice preview). The real
// `stripe` client talks to it (host/port/protocol from STRIPE_API_BASE); every request is
// recorded with its form-encoded parameters flattened (`line_items[0][quantity]` → "2").
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import Stripe from 'stripe';

export interface FakeRequest {
  method: string;
  path: string;
  params: Record<string, string>;
  authorization: string | undefined;
}

export interface FakeSubscription {
  id: string;
  customer: string;
  status: string;
  itemId: string;
  quantity: number;
  currentPeriodEnd: number;
}

export interface StripeFake {
  url: string;
  requests: FakeRequest[];
  subscriptions: Map<string, FakeSubscription>;
  /** Amount of the next invoice preview, per seat, in minor units. */
  pricePerSeat: number;
  /** The next N requests answer this Stripe error. */
  failNext(count: number, status?: number): void;
  close(): Promise<void>;
}

export const FAKE_WEBHOOK_SECRET = 'whsec_test_tandem';
export const FAKE_PRICE = 'price_test_pro_seat';

function subscriptionJson(s: FakeSubscription) {
  return {
    id: s.id,
    object: 'subscription',
    customer: s.customer,
    status: s.status,
    metadata: {},
    items: { object: 'list', data: [{ id: s.itemId, object: 'subscription_item', quantity: s.quantity, current_period_end: s.currentPeriodEnd, price: { id: FAKE_PRICE } }] },
  };
}

export async function startStripeFake(): Promise<StripeFake> {
  let counter = 0;
  let failures = 0;
  let failStatus = 500;
  const next = (prefix: string) => `${prefix}_${++counter}`;

  const fake: StripeFake = {
    url: '',
    requests: [],
    subscriptions: new Map(),
    pricePerSeat: 24_900,
    failNext(count, status = 500) {
      failures = count;
      failStatus = status;
    },
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };

  function send(res: ServerResponse, status: number, body: unknown) {
    res.writeHead(status, { 'content-type': 'application/json', 'request-id': next('req') });
    res.end(JSON.stringify(body));
  }

  function handle(req: IncomingMessage, raw: string, res: ServerResponse) {
    const url = new URL(req.url ?? '/', 'http://fake');
    const params = Object.fromEntries(new URLSearchParams(req.method === 'GET' ? url.search : raw));
    fake.requests.push({ method: req.method ?? '', path: url.pathname, params, authorization: req.headers.authorization });
    if (failures > 0) {
      failures -= 1;
      return send(res, failStatus, { error: { type: 'api_error', message: 'Fake Stripe is down.' } });
    }
    const route = `${req.method} ${url.pathname}`;
    if (route === 'POST /v1/checkout/sessions') {
      const id = next('cs_test');
      return send(res, 200, { id, object: 'checkout.session', mode: params['mode'], url: `https://checkout.stripe.test/c/pay/${id}` });
    }
    if (route === 'POST /v1/billing_portal/sessions') {
      const id = next('bps');
      return send(res, 200, { id, object: 'billing_portal.session', customer: params['customer'], url: `https://billing.stripe.test/p/session/${id}` });
    }
    if (route === 'POST /v1/invoices/create_preview') {
      const sub = fake.subscriptions.get(params['subscription'] ?? '');
      if (!sub) return send(res, 404, { error: { type: 'invalid_request_error', message: 'No such subscription.' } });
      return send(res, 200, {
        id: 'upcoming_in_1',
        object: 'invoice',
        amount_due: sub.quantity * fake.pricePerSeat,
        currency: 'czk',
        next_payment_attempt: sub.currentPeriodEnd + 3600,
        period_end: sub.currentPeriodEnd,
      });
    }
    const subMatch = /^\/v1\/subscriptions\/([^/]+)$/.exec(url.pathname);
    if (subMatch) {
      const sub = fake.subscriptions.get(decodeURIComponent(subMatch[1]!));
      if (!sub) return send(res, 404, { error: { type: 'invalid_request_error', message: 'No such subscription.' } });
      if (req.method === 'DELETE') sub.status = 'canceled';
      if (req.method === 'POST') {
        if (params['items[0][id]'] !== sub.itemId) return send(res, 400, { error: { type: 'invalid_request_error', message: 'Unknown subscription item.' } });
        sub.quantity = Number(params['items[0][quantity]']);
      }
      return send(res, 200, subscriptionJson(sub));
    }
    return send(res, 404, { error: { type: 'invalid_request_error', message: `Fake Stripe has no ${route}.` } });
  }

  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => handle(req, Buffer.concat(chunks).toString('utf8'), res));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  fake.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return fake;
}

/** Signs a webhook payload the way Stripe does, with the library's own helper. */
const signer = new Stripe('sk_test_signer');
export function signedHeader(payload: string, atMs: number, secret = FAKE_WEBHOOK_SECRET): string {
  return signer.webhooks.generateTestHeaderString({ payload, secret, timestamp: Math.floor(atMs / 1000) });
}

let eventCounter = 0;
/** A Stripe event envelope around `object`, created at `atMs`. */
export function stripeEvent(type: string, object: Record<string, unknown>, atMs: number, id = `evt_test_${++eventCounter}`) {
  return { id, object: 'event', api_version: '2026-10-28.endive', created: Math.floor(atMs / 1000), livemode: false, pending_webhooks: 1, request: { id: null, idempotency_key: null }, type, data: { object } };
}

export function subscriptionObject(input: { id: string; customer: string; status: string; workspaceId?: string; quantity?: number; periodEndMs?: number; itemId?: string }) {
  return {
    id: input.id,
    object: 'subscription',
    customer: input.customer,
    status: input.status,
    metadata: input.workspaceId ? { workspaceId: input.workspaceId } : {},
    items: {
      object: 'list',
      data: [{ id: input.itemId ?? `si_${input.id}`, object: 'subscription_item', quantity: input.quantity ?? 1, current_period_end: Math.floor((input.periodEndMs ?? 0) / 1000) }],
    },
  };
}
