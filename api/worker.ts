// The Cloudflare Workers runtime: `wrangler deploy`. Static files come from Workers static
// assets (wrangler.toml); this entry serves /api/* over Turso databases reached by HTTP.
import { createClient } from '@libsql/client/web';
import { createTursoProvider } from '../db/tenants/turso-provider.ts';
import { createApp, type TandemApp } from './app.ts';
import { createBillingProvider } from './billing/create-provider.ts';
import { parseRateLimit } from './domain/api-keys/rate-limit.ts';
import { emailSettingsFrom, mailTransportFor } from './mail/http-transport.ts';
import { runOutboxRetry } from './mail/outbox-retry-runner.ts';
import { outboxMailer } from './mail/mailer.ts';
import type { Platform } from './platform.ts';

/** The Workers static-assets binding; typed structurally so the Node type-check needs no Workers types. */
interface AssetsBinding {
  fetch(request: Request): Promise<Response>;
}

/** What a cron trigger hands the `scheduled` handler (structural, like the bindings above). */
interface ScheduledControllerLike {
  readonly scheduledTime: number;
  readonly cron: string;
}

interface ExecutionContextLike {
  waitUntil(promise: Promise<unknown>): void;
  passThroughOnException(): void;
  props: unknown;
}

/** Bindings: `[vars]` in wrangler.toml and secrets set with `wrangler secret put`. */
export interface Env {
  ASSETS: AssetsBinding;
  CONTROL_DB_URL: string;
  CONTROL_DB_TOKEN?: string;
  TURSO_API_URL?: string;
  TURSO_ORG: string;
  TURSO_GROUP: string;
  TURSO_API_TOKEN: string;
  TURSO_GROUP_TOKEN: string;
  /**
   * Client URL of a new tenant database, `{name}` and `{hostname}` filled in. Unset in
   * production (`libsql://<hostname>`); tests point it at their local Hrana server.
   */
  TENANT_DB_URL_TEMPLATE?: string;
  APP_ORIGIN?: string;
  /** `off` disables rate limits (load tests only). */
  RATE_LIMITS?: string;
  /** Requests per seconds for each API key, e.g. `200/10` (the default); counted per isolate. */
  API_KEY_RATE_LIMIT?: string;
  /** ARES REST base URL; defaults to the public registry. */
  ARES_BASE_URL?: string;
  /** Stripe billing (secrets); without STRIPE_SECRET_KEY owners switch plans directly. */
  STRIPE_SECRET_KEY?: string;
  STRIPE_WEBHOOK_SECRET?: string;
  STRIPE_PRICE_ID?: string;
  STRIPE_API_BASE?: string;
  /** Transactional email API (Resend-style); all three or none (then mail goes to Workers Logs). */
  EMAIL_API_URL?: string;
  EMAIL_API_KEY?: string;
  EMAIL_FROM?: string;
}

const REQUIRED = ['CONTROL_DB_URL', 'TURSO_ORG', 'TURSO_GROUP', 'TURSO_API_TOKEN', 'TURSO_GROUP_TOKEN'] as const;

function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value.trim() === '' ? undefined : value;
}

/** The platform of one isolate. Every I/O object it hands out is created per call. */
export function createWorkerPlatform(env: Env): Platform {
  const missing = REQUIRED.filter((key) => nonEmpty(env[key]) === undefined);
  if (missing.length > 0) throw new Error(`Missing Worker settings: ${missing.join(', ')} (see wrangler.toml)`);

  const template = nonEmpty(env.TENANT_DB_URL_TEMPLATE);
  const apiUrl = nonEmpty(env.TURSO_API_URL);
  const appOrigin = nonEmpty(env.APP_ORIGIN);
  const controlToken = nonEmpty(env.CONTROL_DB_TOKEN);
  const aresBaseUrl = nonEmpty(env.ARES_BASE_URL);
  const billing = createBillingProvider({
    stripeSecretKey: nonEmpty(env.STRIPE_SECRET_KEY),
    stripeWebhookSecret: nonEmpty(env.STRIPE_WEBHOOK_SECRET),
    stripePriceId: nonEmpty(env.STRIPE_PRICE_ID),
    stripeApiBase: nonEmpty(env.STRIPE_API_BASE),
  });
  const tenants = createTursoProvider({
    ...(apiUrl ? { apiUrl } : {}),
    org: env.TURSO_ORG,
    group: env.TURSO_GROUP,
    apiToken: env.TURSO_API_TOKEN,
    groupToken: env.TURSO_GROUP_TOKEN,
    ...(template
      ? { databaseUrl: (hostname: string, name: string) => template.replaceAll('{name}', name).replaceAll('{hostname}', hostname) }
      : {}),
  });

  const platform: Platform = {
    config: {
      ...(appOrigin ? { appOrigin } : {}),
      rateLimits: (env.RATE_LIMITS ?? 'on') !== 'off',
      apiKeyRateLimit: parseRateLimit(env.API_KEY_RATE_LIMIT),
      ...(aresBaseUrl ? { aresBaseUrl } : {}),
    },
    // A fresh client per call: a Worker may not reuse one request's connections in another.
    control: () => createClient({ url: env.CONTROL_DB_URL, ...(controlToken ? { authToken: controlToken } : {}) }),
    tenants,
    now: () => new Date(),
    // Without an email API, links go to Workers Logs (the outbox keeps every message either way).
    mailer: outboxMailer(
      mailTransportFor(emailSettingsFrom(env), () => platform.logger),
      () => platform.logger,
    ),
    billing,
    clientIp: (c) => c.req.header('cf-connecting-ip') ?? undefined,
    logger: {
      // Workers Logs index JSON lines, so each entry stays one object.
      info: (message, data) => console.log(JSON.stringify({ level: 'info', message, ...data })),
      error: (message, data) => console.error(JSON.stringify({ level: 'error', message, ...data })),
    },
    // waitUntil keeps the isolate alive after the response, for as long as Workers allow.
    background: (c, task) => c.executionCtx.waitUntil(task()),
  };
  return platform;
}

// One app per isolate: routing tables and the "control schema is migrated" memo survive
// between requests, while database clients do not (see createWorkerPlatform).
let app: TandemApp | undefined;
// The isolate's platform, shared by requests and cron runs (it hands out fresh clients per call).
let platform: Platform | undefined;

function logNotConfigured(e: unknown): void {
  // A deployment without its secrets: say so in the logs, not to the caller.
  console.error(JSON.stringify({ level: 'error', message: 'worker not configured', error: (e as Error).message }));
}

export default {
  async fetch(request: Request, env: Env, ctx: ExecutionContextLike): Promise<Response> {
    const { pathname } = new URL(request.url);
    // run_worker_first sends only /api/* here; anything else that arrives is the SPA's.
    if (pathname !== '/api' && !pathname.startsWith('/api/')) return env.ASSETS.fetch(request);
    if (!app) {
      try {
        platform ??= createWorkerPlatform(env);
        app = createApp(platform);
      } catch (e) {
        logNotConfigured(e);
        return Response.json({ error: { code: 'internal_error', message: 'The server is not configured.' } }, { status: 500 });
      }
    }
    return app.fetch(request, env, ctx);
  },

  /** The cron trigger in wrangler.toml: mail whose delivery failed is sent again (api/mail/retry-outbox.ts). */
  async scheduled(controller: ScheduledControllerLike, env: Env, _ctx: ExecutionContextLike): Promise<void> {
    try {
      platform ??= createWorkerPlatform(env);
    } catch (e) {
      logNotConfigured(e);
      return;
    }
    try {
      await runOutboxRetry(platform);
    } catch (e) {
      // Logged, not thrown: the next trigger simply tries again.
      platform.logger.error('email outbox retry failed', { cron: controller.cron, error: e instanceof Error ? (e.stack ?? e.message) : String(e) });
    }
  },
};
