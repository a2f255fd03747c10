import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { access } from '../access/gate.ts';
import type { AppEnv } from '../context.ts';
import { listStages } from '../domain/stages/list-stages.ts';
import { STAGE_KINDS } from '../domain/stages/stage.ts';
import { createStage, deleteStage, MAX_STAGES, reorderStages, updateStage } from '../domain/stages/write-stage.ts';
import { errorResponses, nameField, validationHook } from '../validation.ts';
import { actorOf, wsParams } from './records.ts';

export const stageSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    position: z.number().int().openapi({ description: '1-based place on the board, left to right' }),
    kind: z.enum(STAGE_KINDS),
    probability: z.number().int().nullable().openapi({ description: 'Default win probability of deals entering the stage' }),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .openapi('DealStage');

const fields = {
  name: nameField,
  kind: z.enum(STAGE_KINDS, { error: 'Use open, won or lost.' }),
  probability: z
    .number({ error: 'Use a whole number from 0 to 100, or null.' })
    .int('Use a whole number from 0 to 100.')
    .min(0, 'Use a whole number from 0 to 100.')
    .max(100, 'Use a whole number from 0 to 100.')
    .nullable(),
};

const createBody = z
  .object({ name: fields.name, kind: fields.kind.default('open'), probability: fields.probability.optional() })
  .strict()
  .openapi('DealStageCreate');
const patchBody = z.object(fields).partial().strict().openapi('DealStagePatch');
const orderBody = z
  .object({
    ids: z
      .array(z.string({ error: 'Use stage ids.' }).max(64), { error: 'List the stage ids in their new order.' })
      .min(1, 'List the stage ids in their new order.')
      .max(MAX_STAGES, `A pipeline holds at most ${MAX_STAGES} stages.`),
  })
  .strict()
  .openapi('DealStageOrder');

const stageParams = z.object({
  ws: z.string().openapi({ param: { name: 'ws', in: 'path' }, example: 'acme' }),
  id: z.string().max(64).openapi({ param: { name: 'id', in: 'path' }, example: 'proposal' }),
});

// Ids are UUIDv7s or the default stages' slugs: anything else cannot name a stage.
const deleteQuery = z.object({
  moveTo: z
    .string()
    .regex(/^[A-Za-z0-9_-]{1,64}$/, 'Use the id of another stage of this pipeline.')
    .optional()
    .openapi({
      param: { name: 'moveTo', in: 'query' },
      description: 'Move every deal of the deleted stage (live and in the trash) to this other stage of the same workspace, in the same transaction; without it a stage in use is refused (409).',
      example: 'won',
    }),
});

const stageList = z.object({ items: z.array(stageSchema), nextCursor: z.null() }).openapi('DealStageList');
const one = { content: { 'application/json': { schema: stageSchema } } };
const many = { content: { 'application/json': { schema: stageList } } };

// The pipeline is workspace configuration: owners and admins shape it (settings:manage), members use it.
const list = createRoute({
  method: 'get',
  path: '/w/{ws}/deal-stages',
  ...access('records:read'),
  tags: ['Deal stages'],
  summary: 'The pipeline: every stage, left to right (never paged)',
  request: { params: wsParams },
  responses: { 200: { description: 'The stages', ...many }, ...errorResponses(401, 404) },
});

const create = createRoute({
  method: 'post',
  path: '/w/{ws}/deal-stages',
  ...access('settings:manage'),
  tags: ['Deal stages'],
  summary: 'Add a stage (owner/admin): an open one after the last open stage, won/lost at the end',
  request: { params: wsParams, body: { required: true, content: { 'application/json': { schema: createBody } } } },
  responses: { 201: { description: 'Created', ...one }, ...errorResponses(400, 401, 403, 404, 409) },
});

const reorder = createRoute({
  method: 'put',
  path: '/w/{ws}/deal-stages/order',
  ...access('settings:manage'),
  tags: ['Deal stages'],
  summary: 'Reorder the pipeline (owner/admin): every stage id exactly once, left to right',
  request: { params: wsParams, body: { required: true, content: { 'application/json': { schema: orderBody } } } },
  responses: { 200: { description: 'The stages in their new order', ...many }, ...errorResponses(400, 401, 403, 404) },
});

const patch = createRoute({
  method: 'patch',
  path: '/w/{ws}/deal-stages/{id}',
  ...access('settings:manage'),
  tags: ['Deal stages'],
  summary: 'Rename a stage or change its kind or default probability (owner/admin); one open stage always remains',
  request: { params: stageParams, body: { required: true, content: { 'application/json': { schema: patchBody } } } },
  responses: { 200: { description: 'Updated', ...one }, ...errorResponses(400, 401, 403, 404, 409) },
});

const remove = createRoute({
  method: 'delete',
  path: '/w/{ws}/deal-stages/{id}',
  ...access('settings:manage'),
  tags: ['Deal stages'],
  summary: 'Delete a stage (owner/admin); with `moveTo` its deals move to another stage first, else 409 while deals are in it; 409 when it is the last open stage',
  request: { params: stageParams, query: deleteQuery },
  responses: { 204: { description: 'Deleted' }, ...errorResponses(400, 401, 403, 404, 409) },
});

const now = (c: Context<AppEnv>) => c.var.platform.now().getTime();

export const stageRoutes = new OpenAPIHono<AppEnv>({ defaultHook: validationHook })
  .openapi(list, async (c) => c.json({ items: await listStages(c.var.workspace.db), nextCursor: null }, 200))
  .openapi(create, async (c) => {
    return c.json(await createStage(c.var.workspace.db, c.req.valid('json'), now(c)), 201);
  })
  .openapi(reorder, async (c) => {
    return c.json({ items: await reorderStages(c.var.workspace.db, c.req.valid('json').ids, now(c)), nextCursor: null }, 200);
  })
  .openapi(patch, async (c) => {
    return c.json(await updateStage(c.var.workspace.db, c.req.valid('param').id, c.req.valid('json'), now(c)), 200);
  })
  .openapi(remove, async (c) => {
    const { moveTo } = c.req.valid('query');
    await deleteStage(c.var.workspace.db, c.req.valid('param').id, moveTo === undefined ? undefined : { to: moveTo, actor: actorOf(c) });
    return c.body(null, 204);
  });
