import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import { access } from '../access/gate.ts';
import type { AppEnv } from '../context.ts';
import { TAGGED_ENTITIES, tagCounts } from '../domain/tags/tag-counts.ts';
import { errorResponses, validationHook } from '../validation.ts';
import { wsParams } from './records.ts';

const tagCountSchema = z.object({ tag: z.string(), count: z.number().int() }).openapi('TagCount');

const list = createRoute({
  method: 'get',
  path: '/w/{ws}/tags',
  ...access('records:read'),
  tags: ['Tags'],
  summary: 'The tags in use on live records of one type with how many carry each, most used first (for filter chips)',
  request: {
    params: wsParams,
    query: z.object({ entity: z.enum(TAGGED_ENTITIES, { error: 'Use company, contact or deal.' }) }).strict(),
  },
  responses: {
    200: {
      description: 'Tags (lower-cased, as the `tag` filters match them), at most 1,000',
      content: { 'application/json': { schema: z.object({ items: z.array(tagCountSchema), nextCursor: z.null() }).openapi('TagCountList') } },
    },
    ...errorResponses(400, 401, 404),
  },
});

export const tagRoutes = new OpenAPIHono<AppEnv>({ defaultHook: validationHook }).openapi(list, async (c) =>
  c.json({ items: await tagCounts(c.var.workspace.db, c.req.valid('query').entity), nextCursor: null }, 200),
);
