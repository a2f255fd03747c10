import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { access } from '../access/gate.ts';
import type { AppEnv } from '../context.ts';
import { listProjectStatuses, PROJECT_STATUS_KINDS } from '../domain/projects/status.ts';
import { createProjectStatus, deleteProjectStatus, MAX_PROJECT_STATUSES, reorderProjectStatuses, updateProjectStatus } from '../domain/projects/status-write.ts';
import { errorResponses, nameField, validationHook } from '../validation.ts';
import { actorOf, wsParams } from './records.ts';

export const projectStatusSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    position: z.number().int().openapi({ description: '1-based place in the workflow' }),
    kind: z.enum(PROJECT_STATUS_KINDS).openapi({ description: 'What the status means for the portfolio' }),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .openapi('ProjectStatus');

const kind = z.enum(PROJECT_STATUS_KINDS, { error: `Use one of: ${PROJECT_STATUS_KINDS.join(', ')}.` });
const createBody = z.object({ name: nameField, kind: kind.default('active') }).strict().openapi('ProjectStatusCreate');
const patchBody = z.object({ name: nameField, kind }).partial().strict().openapi('ProjectStatusPatch');
const orderBody = z
  .object({
    ids: z
      .array(z.string({ error: 'Use status ids.' }).max(64), { error: 'List the status ids in their new order.' })
      .min(1, 'List the status ids in their new order.')
      .max(MAX_PROJECT_STATUSES, `A workflow holds at most ${MAX_PROJECT_STATUSES} statuses.`),
  })
  .strict()
  .openapi('ProjectStatusOrder');

const statusParams = z.object({
  ws: z.string().openapi({ param: { name: 'ws', in: 'path' }, example: 'acme' }),
  id: z.string().max(64).openapi({ param: { name: 'id', in: 'path' }, example: 'in_progress' }),
});

// Ids are UUIDv7s or the default statuses' slugs: anything else cannot name a status.
const deleteQuery = z.object({
  moveTo: z
    .string()
    .regex(/^[A-Za-z0-9_-]{1,64}$/, 'Use the id of another status of this workflow.')
    .optional()
    .openapi({
      param: { name: 'moveTo', in: 'query' },
      description: 'Move every project of the deleted status (live and in the trash) to this other status of the same workspace, in the same transaction; without it a status in use is refused (409).',
      example: 'done',
    }),
});

const statusList = z.object({ items: z.array(projectStatusSchema), nextCursor: z.null() }).openapi('ProjectStatusList');
const one = { content: { 'application/json': { schema: projectStatusSchema } } };
const many = { content: { 'application/json': { schema: statusList } } };

// The workflow is workspace configuration, like the pipeline: owners and admins shape it
// (projects:manage = settings:manage's roles, on Pro like every project write), everyone reads it.
const list = createRoute({
  method: 'get',
  path: '/w/{ws}/project-statuses',
  ...access('records:read'),
  tags: ['Project statuses'],
  summary: 'The project workflow: every status in order (never paged)',
  request: { params: wsParams },
  responses: { 200: { description: 'The statuses', ...many }, ...errorResponses(401, 404) },
});

const create = createRoute({
  method: 'post',
  path: '/w/{ws}/project-statuses',
  ...access('projects:manage'),
  tags: ['Project statuses'],
  summary: 'Add a status at the end of the workflow (owner/admin)',
  request: { params: wsParams, body: { required: true, content: { 'application/json': { schema: createBody } } } },
  responses: { 201: { description: 'Created', ...one }, ...errorResponses(400, 401, 403, 404, 409) },
});

const reorder = createRoute({
  method: 'put',
  path: '/w/{ws}/project-statuses/order',
  ...access('projects:manage'),
  tags: ['Project statuses'],
  summary: 'Reorder the workflow (owner/admin): every status id exactly once',
  request: { params: wsParams, body: { required: true, content: { 'application/json': { schema: orderBody } } } },
  responses: { 200: { description: 'The statuses in their new order', ...many }, ...errorResponses(400, 401, 403, 404) },
});

const patch = createRoute({
  method: 'patch',
  path: '/w/{ws}/project-statuses/{id}',
  ...access('projects:manage'),
  tags: ['Project statuses'],
  summary: 'Rename a status or change its kind (owner/admin)',
  request: { params: statusParams, body: { required: true, content: { 'application/json': { schema: patchBody } } } },
  responses: { 200: { description: 'Updated', ...one }, ...errorResponses(400, 401, 403, 404, 409) },
});

const remove = createRoute({
  method: 'delete',
  path: '/w/{ws}/project-statuses/{id}',
  ...access('projects:manage'),
  tags: ['Project statuses'],
  summary: 'Delete a status (owner/admin); with `moveTo` its projects move to another status first, else 409 while projects are in it; 409 when it is the last one',
  request: { params: statusParams, query: deleteQuery },
  responses: { 204: { description: 'Deleted' }, ...errorResponses(400, 401, 403, 404, 409) },
});

const now = (c: Context<AppEnv>) => c.var.platform.now().getTime();

export const projectStatusRoutes = new OpenAPIHono<AppEnv>({ defaultHook: validationHook })
  .openapi(list, async (c) => c.json({ items: await listProjectStatuses(c.var.workspace.db), nextCursor: null }, 200))
  .openapi(create, async (c) => c.json(await createProjectStatus(c.var.workspace.db, c.req.valid('json'), now(c)), 201))
  .openapi(reorder, async (c) => c.json({ items: await reorderProjectStatuses(c.var.workspace.db, c.req.valid('json').ids, now(c)), nextCursor: null }, 200))
  .openapi(patch, async (c) => c.json(await updateProjectStatus(c.var.workspace.db, c.req.valid('param').id, c.req.valid('json'), now(c)), 200))
  .openapi(remove, async (c) => {
    const { moveTo } = c.req.valid('query');
    await deleteProjectStatus(c.var.workspace.db, c.req.valid('param').id, moveTo === undefined ? undefined : { to: moveTo, actor: actorOf(c) });
    return c.body(null, 204);
  });
