/** Every error code of the public API (API.md, Errors) and the status it maps to. */
export const errorStatus = {
  validation_failed: 400,
  bad_request: 400,
  unauthenticated: 401,
  plan_required: 402,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  payload_too_large: 413,
  rate_limited: 429,
  internal_error: 500,
  unavailable: 503,
} as const;

export type ErrorCode = keyof typeof errorStatus;

/**
 * A failure the caller can act on. Domain code throws these without knowing about HTTP;
 * the app's error handler turns them into the single error shape of API.md.
 */
export class AppError extends Error {
  readonly code: ErrorCode;
  readonly fields: Record<string, string> | undefined;
  /** Seconds, for `Retry-After` on 429. */
  readonly retryAfter: number | undefined;

  constructor(code: ErrorCode, message: string, extra?: { fields?: Record<string, string>; retryAfter?: number }) {
    super(message);
    this.name = 'AppError';
    this.code = code;
    this.fields = extra?.fields;
    this.retryAfter = extra?.retryAfter;
  }
}

export const notFound = (what = 'Record') => new AppError('not_found', `${what} not found.`);
