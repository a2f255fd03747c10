import type { MiddlewareHandler } from 'hono';
import { readSessionCookie, setSessionCookie } from '../auth/cookie.ts';
import { validateSessionToken } from '../auth/session.ts';
import type { AppEnv } from '../context.ts';
import { AppError } from '../errors.ts';

/** Resolves the session cookie, if any, to `c.var.session` (null when absent or invalid). */
export function loadSession(): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    // A request with an API key is judged by the key alone (api/middleware/api-key.ts).
    if (c.var.apiKey) return next();
    const token = readSessionCookie(c);
    const valid = token ? await validateSessionToken(c.var.control, token, c.var.platform.now().getTime()) : null;
    c.set('session', valid ? { id: valid.id, user: valid.user } : null);
    if (valid?.refreshed && token) setSessionCookie(c, token);
    return next();
  };
}

export function requireSession(): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    if (!c.var.session) throw new AppError('unauthenticated', 'Sign in to continue.');
    return next();
  };
}
