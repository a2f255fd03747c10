import type { Context, MiddlewareHandler } from 'hono';
import type { AppEnv } from '../context.ts';
import { AppError } from '../errors.ts';
import { bearerToken } from './api-key.ts';

const SAFE = new Set(['GET', 'HEAD', 'OPTIONS']);

// Neither type is one a cross-site <form> can send (those are urlencoded, multipart and
// text/plain) nor CORS-safelisted, so a cross-site fetch with it needs a preflight we never grant.
const RAW_UPLOAD_TYPE = /^(text\/csv|application\/octet-stream)\s*(;|$)/;

export interface CsrfOptions {
  /** Routes that take a raw file body (CSV import): CSV or octet-stream allowed besides JSON. */
  rawUpload?: (c: Context<AppEnv>) => boolean;
}

/**
 * Browser requests that change state must be JSON and come from the app's own origin.
 * Hono's csrf() only covers form content types, and a cross-site form can't send JSON,
 * so requiring both closes the gap. Bearer-key requests carry no ambient credential.
 */
export function csrfGuard(options: CsrfOptions = {}): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    if (SAFE.has(c.req.method) || bearerToken(c.req.header('authorization')) !== null) return next();
    const expected = c.var.platform.config.appOrigin ?? new URL(c.req.url).origin;
    if (c.req.header('origin') !== expected) {
      throw new AppError('forbidden', 'This request must come from the Tandem app itself (Origin check failed).');
    }
    const type = (c.req.header('content-type') ?? '').toLowerCase();
    const allowed = type.startsWith('application/json') || (RAW_UPLOAD_TYPE.test(type) && options.rawUpload?.(c) === true);
    // Body-less requests (logout) have nothing to forge as a form; everything else must be JSON.
    if (c.req.header('content-length') !== '0' && c.req.raw.body !== null && !allowed) {
      throw new AppError('forbidden', 'State-changing requests must be sent as application/json.');
    }
    return next();
  };
}
