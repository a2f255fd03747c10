import type { Client } from '@libsql/client';
import type { Context } from 'hono';
import type { TenantProvider } from '../db/tenants/provider.ts';
import type { BillingProvider } from './billing/provider.ts';
import type { RateLimit } from './domain/api-keys/rate-limit.ts';
import type { Mailer } from './mail/mailer.ts';

/** Settings shared by every runtime (API.md, Configuration). */
export interface AppConfig {
  /** Origin the web app is served from; when unset the request's own origin is trusted. */
  appOrigin?: string;
  /** `false` only for load tests on loopback. */
  rateLimits: boolean;
  /** Requests per window each API key may make (`API_KEY_RATE_LIMIT`, e.g. `200/10`); off with `rateLimits`. */
  apiKeyRateLimit: RateLimit;
  /** Base URL of the ARES REST API (business registry); tests point it at a local fake. */
  aresBaseUrl?: string;
}

export interface Logger {
  info(message: string, data?: Record<string, unknown>): void;
  error(message: string, data?: Record<string, unknown>): void;
}

/**
 * Everything that differs between runtimes or is faked in tests. Nothing under api/ reads
 * process.env or Workers bindings: the entries (api/node.ts, api/worker.ts) build this.
 */
export interface Platform {
  config: AppConfig;
  /**
   * The control-plane libSQL client for one request. Node hands out one shared client;
   * Workers must create one per request because I/O objects cannot cross requests.
   */
  control(): Client;
  /** Creates, opens and drops per-workspace databases. */
  tenants: TenantProvider;
  now(): Date;
  /** Outgoing mail (verification links, invitations), always through the control DB's outbox. */
  mailer: Mailer;
  /** Where paid plans come from: Stripe when configured, else the owner switches plans directly. */
  billing: BillingProvider;
  /** The caller's address for throttling (socket address on Node, CF-Connecting-IP on Workers). */
  clientIp(c: Context): string | undefined;
  logger: Logger;
  /**
   * Runs work that outlives the response (CSV imports). Node simply lets the promise run;
   * Workers must hand it to `waitUntil` or the isolate may stop before it ends.
   */
  background(c: Context, task: () => Promise<void>): void;
}
