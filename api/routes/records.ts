// Pieces every record route shares: list parameters, ETag/If-Match, the actor of a write.
import { z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import type { AppEnv } from '../context.ts';
import type { Actor } from '../domain/records/actor.ts';

export const idParams = z.object({
  ws: z.string().openapi({ param: { name: 'ws', in: 'path' }, example: 'acme' }),
  id: z.string().max(64).openapi({ param: { name: 'id', in: 'path' } }),
});

export const wsParams = z.object({ ws: z.string().openapi({ param: { name: 'ws', in: 'path' }, example: 'acme' }) });

export const limitParam = z.coerce.number({ error: 'Use a whole number from 1 to 200.' }).int('Use a whole number from 1 to 200.').min(1, 'Use a whole number from 1 to 200.').max(200, 'Use a whole number from 1 to 200.').default(50);
export const cursorParam = z.string().max(500).optional();
export const qParam = z.string().max(200).optional();
export const boolParam = z.enum(['true', 'false']).transform((v) => v === 'true');
export const isoDateTimeParam = z.iso.datetime({ error: 'Use an ISO 8601 timestamp such as 2026-11-27T09:30:00Z.' }).transform((v) => Date.parse(v));

export const tagsField = z
  .array(z.string().trim().min(1, 'Tags cannot be empty.').max(50, 'Use at most 50 characters per tag.'), { error: 'Use a list of tags.' })
  .max(50, 'Use at most 50 tags.');

/** `null` clears an optional text field; the empty string means the same. */
export const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max, `Use at most ${max} characters.`)
    .nullable()
    .transform((v) => (v === '' ? null : v));

export const etag = (version: number) => `"${version}"`;

/** The version an `If-Match` header names, or undefined when absent (last writer wins). */
export function ifMatch(c: Context<AppEnv>): number | undefined {
  const raw = c.req.header('if-match');
  if (!raw) return undefined;
  const v = Number(raw.replace(/^W\//, '').replaceAll('"', '').trim());
  // A tag that is no version of ours can never match: report it as stale.
  return Number.isInteger(v) ? v : -1;
}

/** The acting user of a `/w/{ws}` request: the signed-in person, or an API key's creator. */
export function actorOf(c: Context<AppEnv>): Actor {
  return { userId: c.var.workspace.userId, now: c.var.platform.now().getTime() };
}

export const listOf = <T extends z.ZodType>(item: T, name: string) =>
  z.object({ items: z.array(item), nextCursor: z.string().nullable() }).openapi(name);
