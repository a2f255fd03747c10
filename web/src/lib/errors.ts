import { ApiError } from './api.ts';
import { fmt, plural, type Messages } from './i18n/index.svelte.ts';
import { describePlanRequired } from './plan-messages.ts';

/** Turns any failure into one sentence in the user's language for a form's error summary. */
export function describeError(error: unknown, t: Messages, byCode: Partial<Record<string, string>> = {}): string {
  if (!(error instanceof ApiError)) return t.errors.server;
  const specific = byCode[error.code];
  if (specific) return specific;
  switch (error.code) {
    case 'network':
      return t.errors.network;
    case 'rate_limited':
      if (error.retryAfter) {
        const minutes = Math.max(1, Math.ceil(error.retryAfter / 60));
        return fmt(t.errors.rateLimitedIn, { minutes: plural(t.plural.minute, minutes) });
      }
      return t.errors.rateLimited;
    case 'forbidden':
      return t.errors.forbidden;
    case 'plan_required':
      return describePlanRequired(error.message, t);
    case 'validation_failed':
      if (error.hasFields) return t.errors.fieldsTitle;
  }
  if (error.status >= 500) return t.errors.server;
  return error.message || t.errors.server;
}
