import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import type { AppEnv } from '../context.ts';
import { listApiKeys } from '../domain/api-keys/list-api-keys.ts';
import { createApiKey, revokeApiKey } from '../domain/api-keys/write-api-key.ts';
import { peopleOnlyAccess } from '../middleware/api-key.ts';
import { errorResponses, nameField, validationHook } from '../validation.ts';
import { idParams, wsParams } from './records.ts';

// Keys are managed by owners and admins signed in to the app, never by another key: a leaked
// key must not be able to mint replacements that survive its own revocation.
const guard = peopleOnlyAccess('apiKeys:manage');

export const apiKeySchema = z
  .object({
    id: z.string(),
    name: z.string(),
    role: z.enum(['admin', 'member']),
    createdBy: z.object({ id: z.string(), name: z.string() }),
    createdAt: z.string(),
    lastUsedAt: z.string().nullable().openapi({ description: 'Updated at most once a minute.' }),
    expiresAt: z.string().nullable(),
    revokedAt: z.string().nullable(),
    status: z.enum(['active', 'expired', 'revoked']),
  })
  .openapi('ApiKey');

const createdSchema = apiKeySchema
  .extend({
    secret: z.string().openapi({
      description: 'The key itself, `tdm_<id>_<secret>`, for `Authorization: Bearer …`. Shown only in this answer; only its hash is kept.',
    }),
  })
  .openapi('ApiKeyCreated');

const createBody = z
  .object({
    name: nameField,
    role: z.enum(['admin', 'member'], { error: 'Use admin or member.' }),
    expiresAt: z.iso
      .datetime({ error: 'Use an ISO 8601 timestamp such as 2027-01-31T00:00:00Z.' })
      .transform((v) => Date.parse(v))
      .nullable()
      .optional()
      .openapi({ description: 'When the key stops working; null or absent: never.' }),
    expiresInDays: z
      .number({ error: 'Use a whole number of days from 1 to 3650.' })
      .int('Use a whole number of days from 1 to 3650.')
      .min(1, 'Use a whole number of days from 1 to 3650.')
      .max(3650, 'Use a whole number of days from 1 to 3650.')
      .nullable()
      .optional()
      .openapi({ description: 'Instead of expiresAt: the key expires this many days from now.' }),
  })
  .strict()
  .openapi('ApiKeyCreate');

const list = createRoute({
  method: 'get',
  path: '/w/{ws}/api-keys',
  ...guard,
  tags: ['API keys'],
  summary: "The workspace's API keys, newest first, revoked and expired ones included (never the secrets)",
  request: { params: wsParams },
  responses: {
    200: { description: 'All keys', content: { 'application/json': { schema: z.object({ items: z.array(apiKeySchema), nextCursor: z.null() }) } } },
    ...errorResponses(401, 403, 404),
  },
});

const create = createRoute({
  method: 'post',
  path: '/w/{ws}/api-keys',
  ...guard,
  tags: ['API keys'],
  summary: 'Create a key (admin or member role, never above your own); the secret is in this answer only',
  request: { params: wsParams, body: { required: true, content: { 'application/json': { schema: createBody } } } },
  responses: {
    201: { description: 'The new key with its secret', content: { 'application/json': { schema: createdSchema } } },
    ...errorResponses(400, 401, 403, 404, 409),
  },
});

const revoke = createRoute({
  method: 'delete',
  path: '/w/{ws}/api-keys/{id}',
  ...guard,
  tags: ['API keys'],
  summary: 'Revoke a key: the next request with it is refused (revoking twice is fine)',
  request: { params: idParams },
  responses: { 204: { description: 'Revoked' }, ...errorResponses(401, 403, 404) },
});

export const apiKeyRoutes = new OpenAPIHono<AppEnv>({ defaultHook: validationHook })
  .openapi(list, async (c) => {
    const items = await listApiKeys(c.var.control, c.var.workspace.id, c.var.platform.now().getTime());
    return c.json({ items, nextCursor: null }, 200);
  })
  .openapi(create, async (c) => {
    const ws = c.var.workspace;
    const key = await createApiKey(c.var.control, ws.id, c.req.valid('json'), { userId: ws.userId, role: ws.role }, c.var.platform.now().getTime());
    // The answer holds a credential: keep it out of every cache.
    c.header('Cache-Control', 'no-store');
    return c.json(key, 201);
  })
  .openapi(revoke, async (c) => {
    await revokeApiKey(c.var.control, c.var.workspace.id, c.req.valid('param').id, c.var.platform.now().getTime());
    return c.body(null, 204);
  });
