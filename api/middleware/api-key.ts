import type { MiddlewareHandler } from 'hono';
import { ACCESS_EXTENSION, access, type AccessOptions } from '../access/gate.ts';
import type { Permission } from '../access/permissions.ts';
import type { AppEnv } from '../context.ts';
import { authenticateApiKey, markUsed } from '../domain/api-keys/authenticate.ts';
import { createRateLimiter } from '../domain/api-keys/rate-limit.ts';
import { AppError } from '../errors.ts';

const BEARER = /^Bearer\s+(\S+)\s*$/i;
/** Workspace routes, the only ones a key opens (the API is mounted at /api/v1). */
const WORKSPACE_PATH = /^(?:\/api\/v1)?\/w\/[^/]+(?:\/|$)/;

/** The token of an `Authorization: Bearer …` header; `''` for a Bearer header without one. */
export function bearerToken(header: string | undefined): string | null {
  if (!header || !/^Bearer(\s|$)/i.test(header)) return null;
  return BEARER.exec(header)?.[1] ?? '';
}

const refused = () => new AppError('unauthenticated', 'The API key is not valid: it may be mistyped, revoked or expired.');

/**
 * `Authorization: Bearer <api key>`: validates the key and sets `c.var.apiKey`; otherwise
 * sets it to null and the session cookie decides (loadSession). A request that carries a key
 * is judged by the key alone: cookies are never consulted, and a bad key is a 401 even if a
 * valid session cookie came along. Keys open `/w/{ws}/…` routes only: `/me`, `/auth/…` and
 * the rest belong to people signed in to the app.
 *
 * Each key is limited to `config.apiKeyRateLimit` requests per window, counted in this
 * process's memory (one limiter per app instance).
 */
export function apiKeyAuth(): MiddlewareHandler<AppEnv> {
  const limiter = createRateLimiter();
  return async (c, next) => {
    const token = bearerToken(c.req.header('authorization'));
    if (token === null) {
      c.set('apiKey', null);
      return next();
    }
    if (!WORKSPACE_PATH.test(c.req.path)) {
      throw new AppError('unauthenticated', 'API keys work on workspace routes (/w/{ws}/…) only; this one needs a signed-in session.');
    }
    const { control, platform } = c.var;
    const now = platform.now().getTime();
    const found = await authenticateApiKey(control, token, now);
    if (!found) throw refused();
    const limit = platform.config.apiKeyRateLimit;
    if (platform.config.rateLimits) {
      const decision = limiter.hit(found.caller.id, limit, now);
      c.header('RateLimit-Limit', String(decision.limit));
      c.header('RateLimit-Remaining', String(decision.remaining));
      c.header('RateLimit-Reset', String(decision.resetSeconds));
      if (!decision.allowed) {
        throw new AppError('rate_limited', `Too many requests with this API key: at most ${limit.requests} per ${limit.windowSeconds} s.`, {
          retryAfter: decision.resetSeconds,
        });
      }
    }
    if (found.touchDue) await markUsed(control, found.caller.id, now);
    c.set('apiKey', found.caller);
    c.set('session', null);
    return next();
  };
}

/**
 * For routes a key must never reach even with the right role: managing keys themselves (a
 * leaked key must not be able to mint its own replacements).
 */
export function peopleOnly(): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    if (c.var.apiKey) throw new AppError('forbidden', 'API keys cannot do this; sign in to the app.');
    return next();
  };
}

/**
 * `access()` for a route that only a signed-in person may call, whatever a key's role: spread
 * into `createRoute({...})` like `access()`. For managing keys, and for anything that acts on the
 * caller's own membership (a key must not make its creator leave a workspace).
 */
export function peopleOnlyAccess(permission: Permission, options: AccessOptions = {}) {
  const declared = access(permission, options);
  // The OpenAPI document says so too, and the role sweep reads it from there.
  return { ...declared, middleware: [declared.middleware, peopleOnly()], [ACCESS_EXTENSION]: { ...declared[ACCESS_EXTENSION], apiKeys: false } };
}
