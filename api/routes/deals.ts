import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import { access } from '../access/gate.ts';
import type { AppEnv } from '../context.ts';
import { isCurrency } from '../domain/deals/deal.ts';
import { dealBoard } from '../domain/deals/deal-board.ts';
import { DEAL_SORTS, getDeal, listDeals } from '../domain/deals/list-deals.ts';
import { moveDeal } from '../domain/deals/move-deal.ts';
import { createDeal, restoreDeal, trashDeal, updateDeal } from '../domain/deals/write-deal.ts';
import { assertMember } from '../domain/workspaces/assert-member.ts';
import { errorResponses, validationHook } from '../validation.ts';
import { stageSchema } from './stages.ts';
import { actorOf, boolParam, cursorParam, etag, idParams, ifMatch, isoDateTimeParam, limitParam, listOf, qParam, tagsField, wsParams } from './records.ts';

/** Largest amount in minor units: 100 billion in a two-decimal currency. */
const MAX_AMOUNT = 10_000_000_000_000;

export const moneySchema = z
  .object({
    amount: z
      .number({ error: 'Use a whole number of minor units (haléře, cents).' })
      .int('Use a whole number of minor units (haléře, cents).')
      .min(0, 'Use 0 or more.')
      .max(MAX_AMOUNT, 'Use at most 10,000,000,000,000 minor units.'),
    currency: z
      .string({ error: 'Use a three-letter ISO 4217 code such as CZK.' })
      .trim()
      .toUpperCase()
      .refine(isCurrency, 'Use a three-letter ISO 4217 code such as CZK.'),
  })
  .strict()
  .openapi('Money', { example: { amount: 1250000, currency: 'CZK' } });

const idRef = (what: string) => z.string({ error: `Use the id of a ${what}, or null.` }).max(64, 'Use at most 64 characters.').nullable();

const fields = {
  title: z.string({ error: 'Enter a title.' }).trim().min(1, 'Enter a title.').max(200, 'Use at most 200 characters.'),
  companyId: idRef('company'),
  contactId: idRef('contact'),
  value: moneySchema.nullable(),
  stage: z.string({ error: 'Use the id of a stage.' }).max(64, 'Use at most 64 characters.'),
  probability: z
    .number({ error: 'Use a whole number from 0 to 100, or null.' })
    .int('Use a whole number from 0 to 100.')
    .min(0, 'Use a whole number from 0 to 100.')
    .max(100, 'Use a whole number from 0 to 100.')
    .nullable(),
  expectedCloseOn: z.iso.date({ error: 'Use a date such as 2026-11-27, or null.' }).nullable(),
  ownerId: idRef('member of this workspace'),
  tags: tagsField,
};

const createBody = z.object(fields).partial().extend({ title: fields.title }).strict().openapi('DealCreate');
const patchBody = z.object(fields).partial().strict().openapi('DealPatch');

const moveBody = z
  .object({
    stage: fields.stage,
    afterId: z.string({ error: 'Use the id of a card.' }).max(64).optional().openapi({ description: 'The card that ends up directly above this one.' }),
    beforeId: z.string({ error: 'Use the id of a card.' }).max(64).optional().openapi({ description: 'The card that ends up directly below (used when afterId is absent).' }),
  })
  .strict()
  .openapi('DealMove');

export const dealSchema = z
  .object({
    id: z.string(),
    title: z.string(),
    companyId: z.string().nullable(),
    contactId: z.string().nullable(),
    value: moneySchema.nullable(),
    stage: z.string(),
    position: z.string().openapi({ description: 'Order within the stage column; compare as byte strings.' }),
    probability: z.number().int().nullable(),
    expectedCloseOn: z.string().nullable(),
    ownerId: z.string().nullable(),
    tags: z.array(z.string()),
    companyName: z.string().nullable().openapi({ description: 'The linked company’s name (read-only).' }),
    contactName: z.string().nullable().openapi({ description: 'The linked contact’s name (read-only).' }),
    createdAt: z.string(),
    updatedAt: z.string(),
    deletedAt: z.string().nullable(),
    version: z.number().int(),
  })
  .openapi('Deal');

const filterParams = {
  q: qParam,
  companyId: z.string().max(64).optional(),
  contactId: z.string().max(64).optional(),
  ownerId: z.string().max(64).optional(),
  tag: z.string().max(50).optional(),
};

const listQuery = z
  .object({
    limit: limitParam,
    cursor: cursorParam,
    sort: z
      .enum(DEAL_SORTS)
      .default('-updatedAt')
      .openapi({ description: 'expectedCloseOn: deals without a date last (first with -). position (board order) needs `stage`.' }),
    stage: z.string().max(64).optional(),
    ...filterParams,
    updatedSince: isoDateTimeParam.optional(),
    deleted: boolParam.optional(),
  })
  .strict();

const boardSchema = z
  .object({
    columns: z.array(
      z.object({
        stage: stageSchema,
        count: z.number().int(),
        totals: z.array(moneySchema),
        items: z.array(dealSchema),
        nextCursor: z.string().nullable().openapi({ description: 'More cards: GET /deals?stage=…&sort=position&cursor=…' }),
      }),
    ),
  })
  .openapi('DealBoard');

const one = { content: { 'application/json': { schema: dealSchema } } };

const list = createRoute({
  method: 'get',
  path: '/w/{ws}/deals',
  ...access('records:read'),
  tags: ['Deals'],
  summary: 'List deals (keyset pages; search, filter, sort). `deleted=true` lists the trash.',
  request: { params: wsParams, query: listQuery },
  responses: { 200: { description: 'A page', content: { 'application/json': { schema: listOf(dealSchema, 'DealList') } } }, ...errorResponses(400, 401, 404) },
});

const board = createRoute({
  method: 'get',
  path: '/w/{ws}/deals/board',
  ...access('records:read'),
  tags: ['Deals'],
  summary: 'The pipeline board: every stage in order with its count, value totals per currency and first 50 cards',
  request: { params: wsParams, query: z.object(filterParams).strict() },
  responses: { 200: { description: 'The board', content: { 'application/json': { schema: boardSchema } } }, ...errorResponses(400, 401, 404) },
});

const get = createRoute({
  method: 'get',
  path: '/w/{ws}/deals/{id}',
  ...access('records:read'),
  tags: ['Deals'],
  summary: 'One deal',
  request: { params: idParams },
  responses: { 200: { description: 'The deal; ETag carries its version', ...one }, ...errorResponses(401, 404) },
});

const create = createRoute({
  method: 'post',
  path: '/w/{ws}/deals',
  ...access('records:write', { adds: true }),
  tags: ['Deals'],
  summary: 'Create a deal (default: first open stage, its probability, owned by the caller), on top of its column',
  request: { params: wsParams, body: { required: true, content: { 'application/json': { schema: createBody } } } },
  responses: { 201: { description: 'Created', ...one }, ...errorResponses(400, 401, 403, 404, 413) },
});

const patch = createRoute({
  method: 'patch',
  path: '/w/{ws}/deals/{id}',
  ...access('records:write'),
  tags: ['Deals'],
  summary: 'Change some fields (If-Match for optimistic concurrency); a new stage puts the card on top of its column',
  request: { params: idParams, body: { required: true, content: { 'application/json': { schema: patchBody } } } },
  responses: { 200: { description: 'Updated', ...one }, ...errorResponses(400, 401, 403, 404, 409) },
});

const move = createRoute({
  method: 'post',
  path: '/w/{ws}/deals/{id}/move',
  ...access('records:write'),
  tags: ['Deals'],
  summary: 'Drop the card into a stage between neighbours (after `afterId`, else before `beforeId`, else on top); If-Match supported',
  request: { params: idParams, body: { required: true, content: { 'application/json': { schema: moveBody } } } },
  responses: { 200: { description: 'Moved', ...one }, ...errorResponses(400, 401, 403, 404, 409) },
});

const remove = createRoute({
  method: 'delete',
  path: '/w/{ws}/deals/{id}',
  ...access('records:write'),
  tags: ['Deals'],
  summary: 'Move to the trash (restorable for 30 days)',
  request: { params: idParams },
  responses: { 204: { description: 'In the trash' }, ...errorResponses(401, 403, 404, 409) },
});

const restore = createRoute({
  method: 'post',
  path: '/w/{ws}/deals/{id}/restore',
  ...access('records:write', { adds: true }),
  tags: ['Deals'],
  summary: 'Bring a deal back from the trash (to the first open stage if its stage is gone)',
  request: { params: idParams },
  responses: { 200: { description: 'Restored', ...one }, ...errorResponses(401, 403, 404) },
});

// `/deals/board` goes before `/deals/{id}`, which would otherwise take it for an id.
export const dealRoutes = new OpenAPIHono<AppEnv>({ defaultHook: validationHook })
  .openapi(board, async (c) => c.json(await dealBoard(c.var.workspace.db, c.req.valid('query')), 200))
  .openapi(list, async (c) => c.json(await listDeals(c.var.workspace.db, c.req.valid('query')), 200))
  .openapi(get, async (c) => {
    const deal = await getDeal(c.var.workspace.db, c.req.valid('param').id);
    c.header('ETag', etag(deal.version));
    return c.json(deal, 200);
  })
  .openapi(create, async (c) => {
    const body = c.req.valid('json');
    const ws = c.var.workspace;
    const ownerId = body.ownerId === undefined ? c.var.workspace.userId : body.ownerId;
    await assertMember(c.var.control, ws.id, ownerId, 'ownerId');
    const deal = await createDeal(
      ws.db,
      {
        title: body.title,
        companyId: body.companyId ?? null,
        contactId: body.contactId ?? null,
        value: body.value ?? null,
        stage: body.stage,
        probability: body.probability,
        expectedCloseOn: body.expectedCloseOn ?? null,
        ownerId,
        tags: body.tags ?? [],
      },
      actorOf(c),
    );
    c.header('ETag', etag(deal.version));
    return c.json(deal, 201);
  })
  .openapi(patch, async (c) => {
    const body = c.req.valid('json');
    const ws = c.var.workspace;
    await assertMember(c.var.control, ws.id, body.ownerId, 'ownerId');
    const deal = await updateDeal(ws.db, c.req.valid('param').id, body, actorOf(c), ifMatch(c));
    c.header('ETag', etag(deal.version));
    return c.json(deal, 200);
  })
  .openapi(move, async (c) => {
    const deal = await moveDeal(c.var.workspace.db, c.req.valid('param').id, c.req.valid('json'), actorOf(c), ifMatch(c));
    c.header('ETag', etag(deal.version));
    return c.json(deal, 200);
  })
  .openapi(remove, async (c) => {
    await trashDeal(c.var.workspace.db, c.req.valid('param').id, actorOf(c), ifMatch(c));
    return c.body(null, 204);
  })
  .openapi(restore, async (c) => {
    const deal = await restoreDeal(c.var.workspace.db, c.req.valid('param').id, actorOf(c));
    c.header('ETag', etag(deal.version));
    return c.json(deal, 200);
  });
