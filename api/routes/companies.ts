import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import { limitsOf } from '../access/entitlements.ts';
import { access } from '../access/gate.ts';
import type { AppEnv } from '../context.ts';
import { COMPANY_SORTS, getCompany, listCompanies } from '../domain/companies/list-companies.ts';
import { companySummary, companyTimeline } from '../domain/companies/timeline.ts';
import { createCompany, restoreCompany, trashCompany, updateCompany } from '../domain/companies/write-company.ts';
import { assertMember } from '../domain/workspaces/assert-member.ts';
import { errorResponses, emailField, nameField, validationHook } from '../validation.ts';
import { activitySchema } from './activities.ts';
import { historyEntrySchema } from './history.ts';
import {
  actorOf,
  boolParam,
  cursorParam,
  etag,
  idParams,
  ifMatch,
  isoDateTimeParam,
  limitParam,
  listOf,
  optionalText,
  qParam,
  tagsField,
  wsParams,
} from './records.ts';

const address = z
  .object({ street: optionalText(200).optional(), city: optionalText(100).optional(), postalCode: optionalText(20).optional() })
  .strict();

const fields = {
  name: nameField,
  country: z.string().trim().toUpperCase().regex(/^[A-Z]{2}$/, 'Use a two-letter country code such as CZ.'),
  regNo: optionalText(20),
  vatNo: optionalText(20),
  email: emailField.nullable().or(z.literal('').transform(() => null)),
  phone: optionalText(50),
  website: optionalText(200),
  address,
  tags: tagsField,
  ownerId: z.string().max(64).nullable(),
};

const createBody = z
  .object({
    ...fields,
    country: fields.country.optional(),
    regNo: fields.regNo.optional(),
    vatNo: fields.vatNo.optional(),
    email: fields.email.optional(),
    phone: fields.phone.optional(),
    website: fields.website.optional(),
    address: address.optional(),
    tags: tagsField.optional(),
    ownerId: fields.ownerId.optional(),
  })
  .strict()
  .openapi('CompanyCreate');

const patchBody = z.object(fields).partial().strict().openapi('CompanyPatch');

export const companySchema = z
  .object({
    id: z.string(),
    name: z.string(),
    country: z.string(),
    regNo: z.string().nullable(),
    vatNo: z.string().nullable(),
    email: z.string().nullable(),
    phone: z.string().nullable(),
    website: z.string().nullable(),
    address: z.object({ street: z.string().nullable(), city: z.string().nullable(), postalCode: z.string().nullable() }),
    tags: z.array(z.string()),
    ownerId: z.string().nullable(),
    createdAt: z.string(),
    updatedAt: z.string(),
    deletedAt: z.string().nullable(),
    version: z.number().int(),
  })
  .openapi('Company');

const listQuery = z
  .object({
    limit: limitParam,
    cursor: cursorParam,
    sort: z.enum(COMPANY_SORTS).default('name'),
    q: qParam,
    ownerId: z.string().max(64).optional(),
    tag: z.string().max(50).optional(),
    updatedSince: isoDateTimeParam.optional(),
    deleted: boolParam.optional(),
  })
  .strict();

const one = { content: { 'application/json': { schema: companySchema } } };

const list = createRoute({
  method: 'get',
  path: '/w/{ws}/companies',
  ...access('records:read'),
  tags: ['Companies'],
  summary: 'List companies (keyset pages; search, filter, sort). `deleted=true` lists the trash.',
  request: { params: wsParams, query: listQuery },
  responses: { 200: { description: 'A page', content: { 'application/json': { schema: listOf(companySchema, 'CompanyList') } } }, ...errorResponses(400, 401, 404) },
});

const get = createRoute({
  method: 'get',
  path: '/w/{ws}/companies/{id}',
  ...access('records:read'),
  tags: ['Companies'],
  summary: 'One company',
  request: { params: idParams },
  responses: { 200: { description: 'The company; ETag carries its version', ...one }, ...errorResponses(401, 404) },
});

const create = createRoute({
  method: 'post',
  path: '/w/{ws}/companies',
  ...access('records:write', { adds: true }),
  tags: ['Companies'],
  summary: 'Create a company',
  request: { params: wsParams, body: { required: true, content: { 'application/json': { schema: createBody } } } },
  responses: { 201: { description: 'Created', ...one }, ...errorResponses(400, 401, 403, 404, 413) },
});

const patch = createRoute({
  method: 'patch',
  path: '/w/{ws}/companies/{id}',
  ...access('records:write'),
  tags: ['Companies'],
  summary: 'Change some fields (If-Match for optimistic concurrency)',
  request: { params: idParams, body: { required: true, content: { 'application/json': { schema: patchBody } } } },
  responses: { 200: { description: 'Updated', ...one }, ...errorResponses(400, 401, 403, 404, 409) },
});

const remove = createRoute({
  method: 'delete',
  path: '/w/{ws}/companies/{id}',
  ...access('records:write'),
  tags: ['Companies'],
  summary: 'Move to the trash (restorable for 30 days)',
  request: { params: idParams },
  responses: { 204: { description: 'In the trash' }, ...errorResponses(401, 403, 404, 409) },
});

const restore = createRoute({
  method: 'post',
  path: '/w/{ws}/companies/{id}/restore',
  ...access('records:write', { adds: true }),
  tags: ['Companies'],
  summary: 'Bring a company back from the trash',
  request: { params: idParams },
  responses: { 200: { description: 'Restored', ...one }, ...errorResponses(401, 403, 404) },
});

const timelineItemSchema = z
  .discriminatedUnion('kind', [
    activitySchema.extend({ kind: z.literal('activity'), at: z.string() }),
    z.object({
      kind: z.literal('task'),
      at: z.string().openapi({ description: 'When the task was created.' }),
      id: z.string(),
      title: z.string(),
      dueAt: z.string().nullable(),
      done: z.boolean(),
      assigneeId: z.string().nullable(),
      companyId: z.string().nullable(),
      contactId: z.string().nullable(),
      dealId: z.string().nullable(),
      status: z.string().nullable(),
      createdAt: z.string(),
      updatedAt: z.string(),
      version: z.number().int(),
    }),
    z.object({
      kind: z.literal('project'),
      at: z.string().openapi({ description: 'When the project was created.' }),
      id: z.string(),
      name: z.string(),
      statusId: z.string(),
      status: z.object({ id: z.string(), name: z.string(), kind: z.string() }),
      managerId: z.string().nullable(),
      dealId: z.string().nullable(),
      startOn: z.string().nullable(),
      dueOn: z.string().nullable(),
      createdAt: z.string(),
      updatedAt: z.string(),
      version: z.number().int(),
    }),
    historyEntrySchema.omit({ at: true }).extend({ kind: z.literal('change'), at: z.string() }),
  ])
  .openapi('TimelineItem');

const timeline = createRoute({
  method: 'get',
  path: '/w/{ws}/companies/{id}/timeline',
  ...access('records:read'),
  tags: ['Companies'],
  summary: 'The company’s timeline, newest first: its activities and its contacts’, its tasks and projects, and changes to it',
  request: { params: idParams, query: z.object({ limit: limitParam, cursor: cursorParam }).strict() },
  responses: { 200: { description: 'A page', content: { 'application/json': { schema: listOf(timelineItemSchema, 'Timeline') } } }, ...errorResponses(400, 401, 404) },
});

const summarySchema = z
  .object({
    contacts: z.number().int(),
    openDeals: z.number().int(),
    openDealsValue: z.array(z.object({ amount: z.number().int(), currency: z.string() })).openapi({ description: 'Sum of open deals’ value per currency, in minor units.' }),
    openTasks: z.number().int(),
    overdueTasks: z.number().int(),
  })
  .openapi('CompanySummary');

const summary = createRoute({
  method: 'get',
  path: '/w/{ws}/companies/{id}/summary',
  ...access('records:read'),
  tags: ['Companies'],
  summary: 'Counts for the company page header: contacts, open deals (and their value), open and overdue tasks',
  request: { params: idParams },
  responses: { 200: { description: 'The counts', content: { 'application/json': { schema: summarySchema } } }, ...errorResponses(401, 404) },
});

export const companyRoutes = new OpenAPIHono<AppEnv>({ defaultHook: validationHook })
  .openapi(list, async (c) => c.json(await listCompanies(c.var.workspace.db, c.req.valid('query')), 200))
  .openapi(get, async (c) => {
    const company = await getCompany(c.var.workspace.db, c.req.valid('param').id);
    c.header('ETag', etag(company.version));
    return c.json(company, 200);
  })
  .openapi(create, async (c) => {
    const body = c.req.valid('json');
    const ws = c.var.workspace;
    await assertMember(c.var.control, ws.id, body.ownerId, 'ownerId');
    const company = await createCompany(
      ws.db,
      {
        name: body.name,
        country: body.country ?? 'CZ',
        regNo: body.regNo ?? null,
        vatNo: body.vatNo ?? null,
        email: body.email ?? null,
        phone: body.phone ?? null,
        website: body.website ?? null,
        address: { street: body.address?.street ?? null, city: body.address?.city ?? null, postalCode: body.address?.postalCode ?? null },
        tags: body.tags ?? [],
        ownerId: body.ownerId === undefined ? c.var.workspace.userId : body.ownerId,
      },
      actorOf(c),
      { recordLimit: limitsOf(ws.plan).records },
    );
    c.header('ETag', etag(company.version));
    return c.json(company, 201);
  })
  .openapi(patch, async (c) => {
    const body = c.req.valid('json');
    const ws = c.var.workspace;
    await assertMember(c.var.control, ws.id, body.ownerId, 'ownerId');
    const company = await updateCompany(ws.db, c.req.valid('param').id, body, actorOf(c), ifMatch(c));
    c.header('ETag', etag(company.version));
    return c.json(company, 200);
  })
  .openapi(remove, async (c) => {
    await trashCompany(c.var.workspace.db, c.req.valid('param').id, actorOf(c), ifMatch(c));
    return c.body(null, 204);
  })
  .openapi(restore, async (c) => {
    const company = await restoreCompany(c.var.workspace.db, c.req.valid('param').id, actorOf(c), limitsOf(c.var.workspace.plan).records);
    c.header('ETag', etag(company.version));
    return c.json(company, 200);
  })
  .openapi(timeline, async (c) => c.json(await companyTimeline(c.var.workspace.db, c.req.valid('param').id, c.req.valid('query')), 200))
  .openapi(summary, async (c) => c.json(await companySummary(c.var.workspace.db, c.req.valid('param').id, actorOf(c).now), 200));

/** The field rules of a company change, shared with the CSV import so both read input alike. */
export { patchBody as companyPatchSchema };
