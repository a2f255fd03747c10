import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import { access } from '../access/gate.ts';
import type { AppEnv } from '../context.ts';
import { isCurrency } from '../domain/deals/deal.ts';
import { getProject, listProjects, PROJECT_SORTS } from '../domain/projects/project-list.ts';
import { assertWorkspaceMembers, workspaceCurrency } from '../domain/projects/project-people.ts';
import { createProject, restoreProject, trashProject, updateProject } from '../domain/projects/project-write.ts';
import { PROJECT_STATUS_KINDS, type ProjectStatusKind } from '../domain/projects/status.ts';
import { assertMember } from '../domain/workspaces/assert-member.ts';
import { errorResponses, nameField, validationHook } from '../validation.ts';
import { moneySchema } from './deals.ts';
import { actorOf, boolParam, cursorParam, etag, idParams, ifMatch, isoDateTimeParam, limitParam, listOf, optionalText, qParam, tagsField, wsParams } from './records.ts';

const sameStatus = {
  check: (b: { status?: string | undefined; statusId?: string | undefined }) => b.status === undefined || b.statusId === undefined || b.status === b.statusId,
  params: { message: 'Send statusId or status, not two different ones.', path: ['status'] },
};

const idRef = (what: string) => z.string({ error: `Use the id of a ${what}, or null.` }).max(64, 'Use at most 64 characters.').nullable();
const date = z.iso.date({ error: 'Use a date such as 2026-11-27, or null.' }).nullable();

const budgetSchema = z
  .object({
    hours: z
      .number({ error: 'Use a number of hours, or null.' })
      .min(0, 'Use 0 or more hours.')
      .max(1_000_000, 'Use at most 1,000,000 hours.')
      .nullable()
      .optional()
      .openapi({ description: 'Planned hours (kept to the minute).' }),
    cost: moneySchema.nullable().optional(),
    revenue: moneySchema.nullable().optional(),
  })
  .strict()
  .openapi('ProjectBudgetInput');

const fields = {
  name: nameField,
  description: optionalText(100_000),
  companyId: idRef('company'),
  contactId: idRef('contact'),
  statusId: z.string({ error: 'Use the id of a project status.' }).max(64, 'Use at most 64 characters.'),
  managerId: idRef('member of this workspace'),
  memberIds: z
    .array(z.string({ error: 'Use member ids.' }).max(64, 'Use at most 64 characters.'), { error: 'Use a list of member ids.' })
    .max(200, 'Use at most 200 members.'),
  startOn: date,
  dueOn: date,
  currency: z
    .string({ error: 'Use a three-letter ISO 4217 code such as CZK.' })
    .trim()
    .toUpperCase()
    .refine(isCurrency, 'Use a three-letter ISO 4217 code such as CZK.'),
  budget: budgetSchema,
  hourlyRate: moneySchema.nullable().openapi({ description: 'Billing rate per hour for this project’s time (else each member’s billRate).' }),
  fixedPrice: moneySchema.nullable().openapi({ description: 'A fixed-price project earns this, whatever the hours.' }),
  tags: tagsField,
};

const createBody = z
  .object({
    ...fields,
    fromDealId: z
      .string({ error: 'Use the id of a won deal.' })
      .max(64, 'Use at most 64 characters.')
      .openapi({ description: 'Start from this won deal: its company, contact, title and value (as planned revenue) unless given.' }),
    status: fields.statusId.openapi({ description: 'Same as statusId (API.md spelling).' }),
  })
  .partial()
  .strict()
  .refine(sameStatus.check, sameStatus.params)
  .openapi('ProjectCreate');
const patchBody = z
  .object({ ...fields, status: fields.statusId.openapi({ description: 'Same as statusId (API.md spelling).' }) })
  .partial()
  .strict()
  .refine(sameStatus.check, sameStatus.params)
  .openapi('ProjectPatch');

const figuresSchema = z
  .object({
    actual: z.object({ minutes: z.number().int(), cost: moneySchema, revenue: moneySchema, expenses: moneySchema.optional() }),
    percentUsed: z.object({ hours: z.number().nullable(), cost: z.number().nullable() }),
    margin: z.object({ amount: z.number().int(), currency: z.string() }),
  })
  .openapi('ProjectFigures');

export const projectSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    description: z.string().nullable(),
    companyId: z.string().nullable(),
    companyName: z.string().nullable().openapi({ description: 'The linked company’s name (read-only).' }),
    contactId: z.string().nullable(),
    dealId: z.string().nullable().openapi({ description: 'The won deal the project started from (read-only).' }),
    statusId: z.string(),
    status: z.object({ id: z.string(), name: z.string(), kind: z.enum(PROJECT_STATUS_KINDS) }),
    managerId: z.string().nullable(),
    memberIds: z.array(z.string()),
    startOn: z.string().nullable(),
    dueOn: z.string().nullable(),
    currency: z.string(),
    budget: z.object({ hours: z.number().nullable(), cost: moneySchema.nullable(), revenue: moneySchema.nullable() }),
    hourlyRate: moneySchema.nullable(),
    fixedPrice: moneySchema.nullable(),
    tags: z.array(z.string()),
    figures: figuresSchema,
    createdAt: z.string(),
    updatedAt: z.string(),
    deletedAt: z.string().nullable(),
    version: z.number().int(),
  })
  .openapi('Project');

const kindList = z
  .string()
  .max(200)
  .transform((v, ctx) => {
    const kinds = v.split(',').map((k) => k.trim()).filter(Boolean);
    const bad = kinds.find((k) => !(PROJECT_STATUS_KINDS as readonly string[]).includes(k));
    if (bad !== undefined) {
      ctx.addIssue({ code: 'custom', message: `Use status kinds separated by commas: ${PROJECT_STATUS_KINDS.join(', ')}.` });
      return z.NEVER;
    }
    return kinds as ProjectStatusKind[];
  });

const listQuery = z
  .object({
    limit: limitParam,
    cursor: cursorParam,
    sort: z.enum(PROJECT_SORTS).default('-updatedAt').openapi({ description: 'dueOn: projects without a due date last (first with -).' }),
    q: qParam,
    status: z.string().max(64).optional().openapi({ description: 'A project status id.' }),
    kind: kindList.optional().openapi({ type: 'string', description: 'Status kinds, comma-separated (e.g. planned,active,on_hold for the open projects).' }),
    companyId: z.string().max(64).optional(),
    contactId: z.string().max(64).optional(),
    dealId: z.string().max(64).optional(),
    managerId: z.string().max(64).optional(),
    memberId: z.string().max(64).optional(),
    tag: z.string().max(50).optional(),
    updatedSince: isoDateTimeParam.optional(),
    deleted: boolParam.optional(),
  })
  .strict();

const one = { content: { 'application/json': { schema: projectSchema } } };

const list = createRoute({
  method: 'get',
  path: '/w/{ws}/projects',
  ...access('records:read'),
  tags: ['Projects'],
  summary: 'The portfolio: projects with status, members and budget figures (keyset pages; search, filter, sort). `deleted=true` lists the trash.',
  request: { params: wsParams, query: listQuery },
  responses: { 200: { description: 'A page', content: { 'application/json': { schema: listOf(projectSchema, 'ProjectList') } } }, ...errorResponses(400, 401, 404) },
});

const get = createRoute({
  method: 'get',
  path: '/w/{ws}/projects/{id}',
  ...access('records:read'),
  tags: ['Projects'],
  summary: 'One project',
  request: { params: idParams },
  responses: { 200: { description: 'The project; ETag carries its version', ...one }, ...errorResponses(401, 404) },
});

const create = createRoute({
  method: 'post',
  path: '/w/{ws}/projects',
  ...access('projects:write', { adds: true }),
  tags: ['Projects'],
  summary: 'Create a project (Pro): managed by the caller unless said otherwise, in the first status, in the workspace’s currency; `fromDealId` starts it from a won deal',
  request: { params: wsParams, body: { required: true, content: { 'application/json': { schema: createBody } } } },
  responses: { 201: { description: 'Created', ...one }, ...errorResponses(400, 401, 403, 404, 413) },
});

const patch = createRoute({
  method: 'patch',
  path: '/w/{ws}/projects/{id}',
  ...access('projects:write'),
  tags: ['Projects'],
  summary: 'Change some fields (Pro; If-Match for optimistic concurrency); `memberIds` replaces the member list, `budget` merges',
  request: { params: idParams, body: { required: true, content: { 'application/json': { schema: patchBody } } } },
  responses: { 200: { description: 'Updated', ...one }, ...errorResponses(400, 401, 403, 404, 409) },
});

const remove = createRoute({
  method: 'delete',
  path: '/w/{ws}/projects/{id}',
  ...access('projects:write'),
  tags: ['Projects'],
  summary: 'Move to the trash (Pro; restorable for 30 days)',
  request: { params: idParams },
  responses: { 204: { description: 'In the trash' }, ...errorResponses(401, 403, 404, 409) },
});

const restore = createRoute({
  method: 'post',
  path: '/w/{ws}/projects/{id}/restore',
  ...access('projects:write', { adds: true }),
  tags: ['Projects'],
  summary: 'Bring a project back from the trash (Pro; into the first status if its status is gone)',
  request: { params: idParams },
  responses: { 200: { description: 'Restored', ...one }, ...errorResponses(401, 403, 404) },
});

/** `status` is API.md's spelling of `statusId`. */
const statusOf = (body: { status?: string | undefined; statusId?: string | undefined }) => body.statusId ?? body.status;

export const projectRoutes = new OpenAPIHono<AppEnv>({ defaultHook: validationHook })
  .openapi(list, async (c) => c.json(await listProjects(c.var.workspace.db, c.req.valid('query')), 200))
  .openapi(get, async (c) => {
    const project = await getProject(c.var.workspace.db, c.req.valid('param').id);
    c.header('ETag', etag(project.version));
    return c.json(project, 200);
  })
  .openapi(create, async (c) => {
    const body = c.req.valid('json');
    const ws = c.var.workspace;
    const managerId = body.managerId === undefined ? ws.userId : body.managerId;
    await assertMember(c.var.control, ws.id, managerId, 'managerId');
    await assertWorkspaceMembers(c.var.control, ws.id, body.memberIds);
    const project = await createProject(
      ws.db,
      { ...body, statusId: statusOf(body), managerId },
      actorOf(c),
      await workspaceCurrency(c.var.control, ws.id),
    );
    c.header('ETag', etag(project.version));
    return c.json(project, 201);
  })
  .openapi(patch, async (c) => {
    const body = c.req.valid('json');
    const ws = c.var.workspace;
    await assertMember(c.var.control, ws.id, body.managerId, 'managerId');
    await assertWorkspaceMembers(c.var.control, ws.id, body.memberIds);
    const project = await updateProject(ws.db, c.req.valid('param').id, { ...body, statusId: statusOf(body) }, actorOf(c), ifMatch(c));
    c.header('ETag', etag(project.version));
    return c.json(project, 200);
  })
  .openapi(remove, async (c) => {
    await trashProject(c.var.workspace.db, c.req.valid('param').id, actorOf(c), ifMatch(c));
    return c.body(null, 204);
  })
  .openapi(restore, async (c) => {
    const project = await restoreProject(c.var.workspace.db, c.req.valid('param').id, actorOf(c));
    c.header('ETag', etag(project.version));
    return c.json(project, 200);
  });
