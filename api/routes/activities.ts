import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import { access } from '../access/gate.ts';
import type { AppEnv } from '../context.ts';
import { ACTIVITY_TYPES } from '../domain/activities/activity.ts';
import { ACTIVITY_SORTS, getActivity, listActivities } from '../domain/activities/list-activities.ts';
import { createActivity, restoreActivity, trashActivity, updateActivity } from '../domain/activities/write-activity.ts';
import { errorResponses, validationHook } from '../validation.ts';
import { actorOf, boolParam, cursorParam, etag, idParams, ifMatch, isoDateTimeParam, limitParam, listOf, optionalText, wsParams } from './records.ts';

const linkId = z.string({ error: 'Use a record id.' }).max(64, 'Use at most 64 characters.').nullable();

const fields = {
  type: z.enum(ACTIVITY_TYPES, { error: 'Use call, meeting, email or note.' }),
  subject: z.string({ error: 'Enter a subject.' }).trim().min(1, 'Enter a subject.').max(200, 'Use at most 200 characters.'),
  body: optionalText(100_000),
  occurredAt: z.iso
    .datetime({ offset: true, error: 'Use an ISO 8601 timestamp such as 2026-11-27T09:30:00Z.' })
    .transform((v) => Date.parse(v))
    .openapi({ type: 'string', format: 'date-time' }),
  companyId: linkId,
  contactId: linkId,
  dealId: linkId,
  projectId: linkId,
};

const createBody = z
  .object({
    ...fields,
    body: fields.body.optional(),
    occurredAt: fields.occurredAt.optional(),
    companyId: linkId.optional(),
    contactId: linkId.optional(),
    dealId: linkId.optional(),
    projectId: linkId.optional(),
  })
  .strict()
  .openapi('ActivityCreate');

const patchBody = z.object(fields).partial().strict().openapi('ActivityPatch');

export const activitySchema = z
  .object({
    id: z.string(),
    type: z.enum(ACTIVITY_TYPES),
    subject: z.string(),
    body: z.string().nullable(),
    occurredAt: z.string(),
    companyId: z.string().nullable(),
    contactId: z.string().nullable(),
    dealId: z.string().nullable(),
    projectId: z.string().nullable(),
    authorId: z.string().nullable(),
    createdAt: z.string(),
    updatedAt: z.string(),
    deletedAt: z.string().nullable(),
    version: z.number().int(),
  })
  .openapi('Activity');

const listQuery = z
  .object({
    limit: limitParam,
    cursor: cursorParam,
    sort: z.enum(ACTIVITY_SORTS).default('-occurredAt'),
    companyId: z.string().max(64).optional(),
    contactId: z.string().max(64).optional(),
    dealId: z.string().max(64).optional(),
    projectId: z.string().max(64).optional(),
    updatedSince: isoDateTimeParam.optional(),
    deleted: boolParam.optional(),
  })
  .strict();

const one = { content: { 'application/json': { schema: activitySchema } } };

const list = createRoute({
  method: 'get',
  path: '/w/{ws}/activities',
  ...access('records:read'),
  tags: ['Activities'],
  summary: 'The journal: calls, meetings, emails and notes, newest first (keyset pages; filter by linked record). `deleted=true` lists the trash.',
  request: { params: wsParams, query: listQuery },
  responses: { 200: { description: 'A page', content: { 'application/json': { schema: listOf(activitySchema, 'ActivityList') } } }, ...errorResponses(400, 401, 404) },
});

const get = createRoute({
  method: 'get',
  path: '/w/{ws}/activities/{id}',
  ...access('records:read'),
  tags: ['Activities'],
  summary: 'One activity',
  request: { params: idParams },
  responses: { 200: { description: 'The activity; ETag carries its version', ...one }, ...errorResponses(401, 404) },
});

const create = createRoute({
  method: 'post',
  path: '/w/{ws}/activities',
  ...access('records:write', { adds: true }),
  tags: ['Activities'],
  summary: 'Log an activity (the caller is its author; occurredAt defaults to now)',
  request: { params: wsParams, body: { required: true, content: { 'application/json': { schema: createBody } } } },
  responses: { 201: { description: 'Created', ...one }, ...errorResponses(400, 401, 403, 404, 413) },
});

const patch = createRoute({
  method: 'patch',
  path: '/w/{ws}/activities/{id}',
  ...access('records:write'),
  tags: ['Activities'],
  summary: 'Change some fields (If-Match for optimistic concurrency)',
  request: { params: idParams, body: { required: true, content: { 'application/json': { schema: patchBody } } } },
  responses: { 200: { description: 'Updated', ...one }, ...errorResponses(400, 401, 403, 404, 409) },
});

const remove = createRoute({
  method: 'delete',
  path: '/w/{ws}/activities/{id}',
  ...access('records:write'),
  tags: ['Activities'],
  summary: 'Move to the trash (restorable for 30 days)',
  request: { params: idParams },
  responses: { 204: { description: 'In the trash' }, ...errorResponses(401, 403, 404, 409) },
});

const restore = createRoute({
  method: 'post',
  path: '/w/{ws}/activities/{id}/restore',
  ...access('records:write', { adds: true }),
  tags: ['Activities'],
  summary: 'Bring an activity back from the trash',
  request: { params: idParams },
  responses: { 200: { description: 'Restored', ...one }, ...errorResponses(401, 403, 404) },
});

export const activityRoutes = new OpenAPIHono<AppEnv>({ defaultHook: validationHook })
  .openapi(list, async (c) => c.json(await listActivities(c.var.workspace.db, c.req.valid('query')), 200))
  .openapi(get, async (c) => {
    const activity = await getActivity(c.var.workspace.db, c.req.valid('param').id);
    c.header('ETag', etag(activity.version));
    return c.json(activity, 200);
  })
  .openapi(create, async (c) => {
    const body = c.req.valid('json');
    const actor = actorOf(c);
    const activity = await createActivity(
      c.var.workspace.db,
      {
        type: body.type,
        subject: body.subject,
        body: body.body ?? null,
        occurredAt: body.occurredAt ?? actor.now,
        companyId: body.companyId ?? null,
        contactId: body.contactId ?? null,
        dealId: body.dealId ?? null,
        projectId: body.projectId ?? null,
      },
      actor,
    );
    c.header('ETag', etag(activity.version));
    return c.json(activity, 201);
  })
  .openapi(patch, async (c) => {
    const activity = await updateActivity(c.var.workspace.db, c.req.valid('param').id, c.req.valid('json'), actorOf(c), ifMatch(c));
    c.header('ETag', etag(activity.version));
    return c.json(activity, 200);
  })
  .openapi(remove, async (c) => {
    await trashActivity(c.var.workspace.db, c.req.valid('param').id, actorOf(c), ifMatch(c));
    return c.body(null, 204);
  })
  .openapi(restore, async (c) => {
    const activity = await restoreActivity(c.var.workspace.db, c.req.valid('param').id, actorOf(c));
    c.header('ETag', etag(activity.version));
    return c.json(activity, 200);
  });
