import type { Client } from '@libsql/client';
import { getConnInfo } from '@hono/node-server/conninfo';
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { createEmbeddedClient } from '../db/embedded-client.ts';
import { createLocalProvider } from '../db/tenants/local-provider.ts';
import { createBillingProvider, type BillingSettings } from './billing/create-provider.ts';
import { DEFAULT_API_KEY_RATE_LIMIT, parseRateLimit, type RateLimit } from './domain/api-keys/rate-limit.ts';
import { emailSettingsFrom, mailTransportFor, type HttpEmailSettings } from './mail/http-transport.ts';
import { outboxMailer } from './mail/mailer.ts';
import type { Platform } from './platform.ts';

export interface NodeSettings {
  port: number;
  dataDir: string;
  appOrigin: string | undefined;
  rateLimits: boolean;
  apiKeyRateLimit: RateLimit;
  aresBaseUrl: string | undefined;
  billing: BillingSettings;
  /** EMAIL_API_URL/KEY/FROM; unset: mail goes to the log. */
  email: HttpEmailSettings | undefined;
}

/** Reads the settings of API.md's Configuration section from the environment. */
export function settingsFromEnv(env: NodeJS.ProcessEnv = process.env): NodeSettings {
  return {
    port: Number(env['PORT'] ?? 8787),
    dataDir: resolve(env['DATA_DIR'] ?? './data'),
    appOrigin: env['APP_ORIGIN'] || undefined,
    rateLimits: (env['RATE_LIMITS'] ?? 'on') !== 'off',
    apiKeyRateLimit: parseRateLimit(env['API_KEY_RATE_LIMIT']),
    aresBaseUrl: env['ARES_BASE_URL'] || undefined,
    email: emailSettingsFrom(env),
    billing: {
      stripeSecretKey: env['STRIPE_SECRET_KEY'] || undefined,
      stripeWebhookSecret: env['STRIPE_WEBHOOK_SECRET'] || undefined,
      stripePriceId: env['STRIPE_PRICE_ID'] || undefined,
      stripeApiBase: env['STRIPE_API_BASE'] || undefined,
    },
  };
}

/**
 * The self-hosted platform: control DB at `<dataDir>/control.db`, one file per workspace
 * under `<dataDir>/tenants/`, all through libSQL's embedded engine.
 */
export function createNodePlatform(
  settings: Pick<NodeSettings, 'dataDir' | 'appOrigin' | 'rateLimits'> & {
    aresBaseUrl?: string | undefined;
    apiKeyRateLimit?: RateLimit | undefined;
    billing?: BillingSettings | undefined;
    email?: HttpEmailSettings | undefined;
    /** Tenant files connected at once (the local provider's default unless set; tests set fewer). */
    tenantConnections?: number | undefined;
  },
): Platform & { close(): void } {
  mkdirSync(settings.dataDir, { recursive: true });
  const control: Client = createEmbeddedClient(join(settings.dataDir, 'control.db'), { timeout: 5000 });
  const tenants = createLocalProvider({ dir: join(settings.dataDir, 'tenants'), ...(settings.tenantConnections ? { maxOpen: settings.tenantConnections } : {}) });
  const billing = createBillingProvider(settings.billing);
  const platform: Platform & { close(): void } = {
    config: {
      ...(settings.appOrigin ? { appOrigin: settings.appOrigin } : {}),
      rateLimits: settings.rateLimits,
      apiKeyRateLimit: settings.apiKeyRateLimit ?? DEFAULT_API_KEY_RATE_LIMIT,
      ...(settings.aresBaseUrl ? { aresBaseUrl: settings.aresBaseUrl } : {}),
    },
    control: () => control,
    tenants,
    now: () => new Date(),
    mailer: outboxMailer(
      mailTransportFor(settings.email, () => platform.logger),
      () => platform.logger,
    ),
    billing,
    clientIp: (c) => {
      try {
        return getConnInfo(c).remote.address;
      } catch {
        return undefined; // app.request() in tests has no socket
      }
    },
    logger: {
      info: (message, data) => console.log(JSON.stringify({ level: 'info', message, ...data })),
      error: (message, data) => console.error(JSON.stringify({ level: 'error', message, ...data })),
    },
    background(_c, task) {
      // The task records its own failures; this only keeps a stray rejection from going unseen.
      task().catch((e: unknown) => platform.logger.error('background task failed', { error: e instanceof Error ? (e.stack ?? e.message) : String(e) }));
    },
    close() {
      tenants.closeAll();
      control.close();
    },
  };
  return platform;
}
