import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import { access } from '../access/gate.ts';
import type { AppEnv } from '../context.ts';
import { EXPENSE_SORTS, listExpenses } from '../domain/expenses/list-expenses.ts';
import { createExpense, expenseById, restoreExpense, trashExpense, updateExpense } from '../domain/expenses/write-expense.ts';
import { errorResponses, validationHook } from '../validation.ts';
import { moneySchema } from './deals.ts';
import { actorOf, cursorParam, etag, idParams, ifMatch, limitParam, listOf, optionalText, wsParams } from './records.ts';
import { dateField, idField, moneyOut } from './time-entries.ts';

const positiveMoney = moneySchema.refine((m) => m.amount > 0, { message: 'Use an amount above zero.', path: ['amount'] });

const fields = {
  projectId: idField('project'),
  date: dateField,
  amount: positiveMoney.openapi({ description: 'In the project’s currency' }),
  category: optionalText(100),
  note: optionalText(2000),
};

const createBody = z.object({ ...fields, category: fields.category.optional(), note: fields.note.optional() }).strict().openapi('ExpenseCreate');
const patchBody = z.object(fields).partial().strict().openapi('ExpensePatch');

export const expenseSchema = z
  .object({
    id: z.string(),
    projectId: z.string(),
    projectName: z.string(),
    date: z.string(),
    week: z.string(),
    amount: moneyOut,
    category: z.string().nullable(),
    note: z.string().nullable(),
    createdAt: z.string(),
    updatedAt: z.string(),
    deletedAt: z.string().nullable(),
    version: z.number().int(),
  })
  .openapi('Expense');

const listQuery = z
  .object({
    limit: limitParam,
    cursor: cursorParam,
    sort: z.enum(EXPENSE_SORTS).default('-date'),
    projectId: z.string().max(64).optional(),
    category: z.string().max(100).optional(),
    dateFrom: dateField.optional(),
    dateTo: dateField.optional(),
  })
  .strict();

const one = { content: { 'application/json': { schema: expenseSchema } } };
const TAGS = ['Expenses'];

const list = createRoute({
  method: 'get',
  path: '/w/{ws}/expenses',
  ...access('records:read'),
  tags: TAGS,
  summary: 'List expenses, newest first (filters projectId, category, dateFrom/dateTo)',
  request: { params: wsParams, query: listQuery },
  responses: { 200: { description: 'A page', content: { 'application/json': { schema: listOf(expenseSchema, 'ExpenseList') } } }, ...errorResponses(400, 401, 404) },
});

const get = createRoute({
  method: 'get',
  path: '/w/{ws}/expenses/{id}',
  ...access('records:read'),
  tags: TAGS,
  summary: 'One expense',
  request: { params: idParams },
  responses: { 200: { description: 'The expense; ETag carries its version', ...one }, ...errorResponses(401, 404) },
});

const create = createRoute({
  method: 'post',
  path: '/w/{ws}/expenses',
  ...access('projects:write', { adds: true }),
  tags: TAGS,
  summary: 'Record an expense on a project (in the project’s currency)',
  request: { params: wsParams, body: { required: true, content: { 'application/json': { schema: createBody } } } },
  responses: { 201: { description: 'Created', ...one }, ...errorResponses(400, 401, 403, 404, 413) },
});

const patch = createRoute({
  method: 'patch',
  path: '/w/{ws}/expenses/{id}',
  ...access('projects:write'),
  tags: TAGS,
  summary: 'Change an expense (If-Match for optimistic concurrency)',
  request: { params: idParams, body: { required: true, content: { 'application/json': { schema: patchBody } } } },
  responses: { 200: { description: 'Updated', ...one }, ...errorResponses(400, 401, 403, 404, 409) },
});

const remove = createRoute({
  method: 'delete',
  path: '/w/{ws}/expenses/{id}',
  ...access('projects:write'),
  tags: TAGS,
  summary: 'Move an expense to the trash (restorable for 30 days)',
  request: { params: idParams },
  responses: { 204: { description: 'In the trash' }, ...errorResponses(401, 403, 404, 409) },
});

const restore = createRoute({
  method: 'post',
  path: '/w/{ws}/expenses/{id}/restore',
  ...access('projects:write', { adds: true }),
  tags: TAGS,
  summary: 'Bring an expense back from the trash (undo of a delete)',
  request: { params: idParams },
  responses: { 200: { description: 'Restored', ...one }, ...errorResponses(401, 403, 404) },
});

export const expenseRoutes = new OpenAPIHono<AppEnv>({ defaultHook: validationHook })
  .openapi(list, async (c) => c.json(await listExpenses(c.var.workspace.db, c.req.valid('query')), 200))
  .openapi(get, async (c) => {
    const e = await expenseById(c.var.workspace.db, c.req.valid('param').id);
    c.header('ETag', etag(e.version));
    return c.json(e, 200);
  })
  .openapi(create, async (c) => {
    const body = c.req.valid('json');
    const e = await createExpense(c.var.workspace.db, { ...body, category: body.category ?? null, note: body.note ?? null }, actorOf(c));
    c.header('ETag', etag(e.version));
    return c.json(e, 201);
  })
  .openapi(patch, async (c) => {
    const e = await updateExpense(c.var.workspace.db, c.req.valid('param').id, c.req.valid('json'), actorOf(c), ifMatch(c));
    c.header('ETag', etag(e.version));
    return c.json(e, 200);
  })
  .openapi(remove, async (c) => {
    await trashExpense(c.var.workspace.db, c.req.valid('param').id, actorOf(c), ifMatch(c));
    return c.body(null, 204);
  })
  .openapi(restore, async (c) => {
    const e = await restoreExpense(c.var.workspace.db, c.req.valid('param').id, actorOf(c));
    c.header('ETag', etag(e.version));
    return c.json(e, 200);
  });
