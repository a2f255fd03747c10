import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import { access } from '../access/gate.ts';
import type { AppEnv } from '../context.ts';
import { searchRecords } from '../domain/search/search-records.ts';
import { errorResponses, validationHook } from '../validation.ts';
import { wsParams } from './records.ts';

const hitSchema = z
  .object({
    type: z.enum(['company', 'contact', 'deal', 'project']),
    id: z.string(),
    title: z.string(),
    subtitle: z.string().nullable(),
    rank: z.number(),
  })
  .openapi('SearchHit');

const search = createRoute({
  method: 'get',
  path: '/w/{ws}/search',
  ...access('records:read'),
  tags: ['Search'],
  summary: 'One ranked list across companies, contacts, deals and projects (prefix match, diacritics ignored)',
  request: {
    params: wsParams,
    query: z.object({
      q: z.string().max(200, 'Use at most 200 characters.'),
      limit: z.coerce.number().int().min(1).max(50).default(20),
    }),
  },
  responses: {
    200: { description: 'Hits, best first', content: { 'application/json': { schema: z.object({ items: z.array(hitSchema) }) } } },
    ...errorResponses(400, 401, 404),
  },
});

export const searchRoutes = new OpenAPIHono<AppEnv>({ defaultHook: validationHook }).openapi(search, async (c) => {
  const { q, limit } = c.req.valid('query');
  return c.json({ items: await searchRecords(c.var.workspace.db, q, limit) }, 200);
});
