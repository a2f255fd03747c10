import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import { access } from '../access/gate.ts';
import type { AppEnv } from '../context.ts';
import { HISTORY_COLLECTIONS, listHistory, type HistoryCollection } from '../domain/history/list-history.ts';
import { errorResponses, validationHook } from '../validation.ts';
import { cursorParam, idParams, limitParam } from './records.ts';

export const historyEntrySchema = z
  .object({
    id: z.string(),
    action: z.enum(['create', 'update', 'delete', 'restore']),
    changes: z
      .record(z.string(), z.tuple([z.unknown(), z.unknown()]))
      .openapi({
        description:
          '`{ field: [from, to] }`; empty for delete and restore. A project also records its milestones’ writes as updates: `milestoneId` [id, id], `milestone` [name, name] (null where not live: create [null, n], trash [n, null], restore [null, n]), `milestoneDue` and `milestoneDone` when they changed (create: [null, value] when set), `milestoneTrashed` [false, true] on trash, [true, false] on restore.',
      }),
    actorId: z.string().nullable(),
    at: z.string(),
  })
  .openapi('HistoryEntry');

const historyPage = z.object({ items: z.array(historyEntrySchema), nextCursor: z.string().nullable() }).openapi('HistoryPage');

const TAGS: Record<HistoryCollection, string> = {
  companies: 'Companies',
  contacts: 'Contacts',
  activities: 'Activities',
  deals: 'Deals',
  tasks: 'Tasks',
  projects: 'Projects',
};

function historyRoute(collection: HistoryCollection) {
  return createRoute({
    method: 'get',
    path: `/w/{ws}/${collection}/{id}/history`,
    ...access('records:read'),
    tags: [TAGS[collection]],
    summary: `Field-level history of one ${HISTORY_COLLECTIONS[collection].entity}, newest first (also for records in the trash)`,
    request: { params: idParams, query: z.object({ limit: limitParam, cursor: cursorParam }).strict() },
    responses: { 200: { description: 'A page of changes', content: { 'application/json': { schema: historyPage } } }, ...errorResponses(400, 401, 404) },
  });
}

// One route per collection rather than a `{collection}` parameter, so that an unknown
// collection is a plain 404 and each appears under its own tag in the OpenAPI document.
export const historyRoutes = new OpenAPIHono<AppEnv>({ defaultHook: validationHook });
for (const collection of Object.keys(HISTORY_COLLECTIONS) as HistoryCollection[]) {
  historyRoutes.openapi(historyRoute(collection), async (c) => {
    const { id } = c.req.valid('param');
    return c.json(await listHistory(c.var.workspace.db, collection, id, c.req.valid('query')), 200);
  });
}
