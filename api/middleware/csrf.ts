import type { MiddlewareHandler } from 'hono';
import type { AppEnv } from '../context.ts';
import { AppError } from '../errors.ts';

const SAFE = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Browser requests that change state must be JSON and come from the app's own origin.
 * Hono's csrf() only covers form content types, and a cross-site form can't send JSON,
 * so requiring both closes the gap. Bearer-key requests carry no ambient credential.
 */
export function csrfGuard(): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    if (SAFE.has(c.req.method) || c.req.header('authorization')?.startsWith('Bearer ')) return next();
    const expected = c.var.platform.config.appOrigin ?? new URL(c.req.url).origin;
    if (c.req.header('origin') !== expected) {
      throw new AppError('forbidden', 'This request must come from the Tandem app itself (Origin check failed).');
    }
    const type = c.req.header('content-type') ?? '';
    // Body-less requests (logout) have nothing to forge as a form; everything else must be JSON.
    if (c.req.header('content-length') !== '0' && c.req.raw.body !== null && !type.toLowerCase().startsWith('application/json')) {
      throw new AppError('forbidden', 'State-changing requests must be sent as application/json.');
    }
    return next();
  };
}
