import { z } from '@hono/zod-openapi';
import type { Hook } from '@hono/zod-openapi';
import type { AppEnv } from './context.ts';
import { AppError } from './errors.ts';

/** zod issues → `{ "field.path": "message" }`, first message per field. */
export function fieldErrors(issues: readonly z.core.$ZodIssue[]): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const issue of issues) {
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys) fields[[...issue.path, key].join('.')] ??= 'Unknown field.';
      continue;
    }
    const key = issue.path.length ? issue.path.map(String).join('.') : '_';
    fields[key] ??= issue.message;
  }
  return fields;
}

/** Every route's validation failure becomes a 400 in the one error shape, with field messages. */
export const validationHook: Hook<unknown, AppEnv, string, unknown> = (result) => {
  if (!result.success) {
    throw new AppError('validation_failed', 'Some fields are missing or invalid.', {
      fields: fieldErrors(result.error.issues),
    });
  }
};

// Shared field schemas, so the same rule reads the same everywhere.
export const emailField = z
  .string({ error: 'Enter an email address.' })
  .trim()
  .max(254, 'Use at most 254 characters.')
  .pipe(z.email({ error: 'Enter a valid email address.' }))
  .openapi({ example: 'jana@example.cz' });

export const nameField = z
  .string({ error: 'Enter a name.' })
  .trim()
  .min(1, 'Enter a name.')
  .max(200, 'Use at most 200 characters.');

export const passwordField = z
  .string({ error: 'Enter a password.' })
  .min(1, 'Enter a password.')
  .max(256, 'Use at most 256 characters.');

export const errorSchema = z
  .object({
    error: z.object({
      code: z.string().openapi({ example: 'validation_failed' }),
      message: z.string(),
      fields: z.record(z.string(), z.string()).optional(),
      requestId: z.string().optional(),
    }),
  })
  .openapi('Error');

/** OpenAPI response entries for the usual errors of a route. */
export function errorResponses(...statuses: (400 | 401 | 403 | 404 | 409 | 413 | 429)[]) {
  const descriptions = {
    400: 'Invalid input',
    401: 'Not signed in',
    403: 'Forbidden (role or CSRF)',
    404: 'Not found in this workspace',
    409: 'Conflict',
    413: 'Body too large',
    429: 'Too many requests',
  } as const;
  return Object.fromEntries(
    statuses.map((s) => [s, { description: descriptions[s], content: { 'application/json': { schema: errorSchema } } }]),
  ) as Record<(typeof statuses)[number], { description: string; content: { 'application/json': { schema: typeof errorSchema } } }>;
}
