import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import { access } from '../access/gate.ts';
import type { AppEnv } from '../context.ts';
import { createMilestone, listMilestones, restoreMilestone, trashMilestone, updateMilestone } from '../domain/projects/milestone.ts';
import { errorResponses, nameField, validationHook } from '../validation.ts';
import { actorOf, idParams } from './records.ts';

export const milestoneSchema = z
  .object({
    id: z.string(),
    projectId: z.string(),
    name: z.string(),
    dueOn: z.string().nullable(),
    done: z.boolean(),
    version: z.number().int(),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .openapi('Milestone');

const fields = {
  name: nameField,
  dueOn: z.iso.date({ error: 'Use a date such as 2026-11-27, or null.' }).nullable(),
  done: z.boolean({ error: 'Use true or false.' }),
};
const createBody = z.object(fields).partial().extend({ name: fields.name }).strict().openapi('MilestoneCreate');
const patchBody = z.object(fields).partial().strict().openapi('MilestonePatch');

const milestoneParams = idParams.extend({
  milestoneId: z.string().max(64).openapi({ param: { name: 'milestoneId', in: 'path' } }),
});

const one = { content: { 'application/json': { schema: milestoneSchema } } };
const many = { content: { 'application/json': { schema: z.object({ items: z.array(milestoneSchema), nextCursor: z.null() }).openapi('MilestoneList') } } };

const list = createRoute({
  method: 'get',
  path: '/w/{ws}/projects/{id}/milestones',
  ...access('records:read'),
  tags: ['Milestones'],
  summary: 'A project’s milestones by due date, undated last (never paged)',
  request: { params: idParams },
  responses: { 200: { description: 'The milestones', ...many }, ...errorResponses(401, 404) },
});

const create = createRoute({
  method: 'post',
  path: '/w/{ws}/projects/{id}/milestones',
  ...access('projects:write', { adds: true }),
  tags: ['Milestones'],
  summary: 'Add a milestone to a project (Pro)',
  request: { params: idParams, body: { required: true, content: { 'application/json': { schema: createBody } } } },
  responses: { 201: { description: 'Created', ...one }, ...errorResponses(400, 401, 403, 404, 409, 413) },
});

const patch = createRoute({
  method: 'patch',
  path: '/w/{ws}/projects/{id}/milestones/{milestoneId}',
  ...access('projects:write'),
  tags: ['Milestones'],
  summary: 'Rename, re-date or check off a milestone (Pro)',
  request: { params: milestoneParams, body: { required: true, content: { 'application/json': { schema: patchBody } } } },
  responses: { 200: { description: 'Updated', ...one }, ...errorResponses(400, 401, 403, 404) },
});

const remove = createRoute({
  method: 'delete',
  path: '/w/{ws}/projects/{id}/milestones/{milestoneId}',
  ...access('projects:write'),
  tags: ['Milestones'],
  summary: 'Move a milestone to the trash (Pro; restorable)',
  request: { params: milestoneParams },
  responses: { 204: { description: 'In the trash' }, ...errorResponses(401, 403, 404) },
});

const restore = createRoute({
  method: 'post',
  path: '/w/{ws}/projects/{id}/milestones/{milestoneId}/restore',
  ...access('projects:write', { adds: true }),
  tags: ['Milestones'],
  summary: 'Bring a milestone back from the trash (Pro; the undo of a delete)',
  request: { params: milestoneParams },
  responses: { 200: { description: 'Restored', ...one }, ...errorResponses(401, 403, 404) },
});

export const milestoneRoutes = new OpenAPIHono<AppEnv>({ defaultHook: validationHook })
  .openapi(list, async (c) => c.json({ items: await listMilestones(c.var.workspace.db, c.req.valid('param').id), nextCursor: null }, 200))
  .openapi(create, async (c) => c.json(await createMilestone(c.var.workspace.db, c.req.valid('param').id, c.req.valid('json'), actorOf(c)), 201))
  .openapi(patch, async (c) => {
    const { id, milestoneId } = c.req.valid('param');
    return c.json(await updateMilestone(c.var.workspace.db, id, milestoneId, c.req.valid('json'), actorOf(c)), 200);
  })
  .openapi(remove, async (c) => {
    const { id, milestoneId } = c.req.valid('param');
    await trashMilestone(c.var.workspace.db, id, milestoneId, actorOf(c));
    return c.body(null, 204);
  })
  .openapi(restore, async (c) => {
    const { id, milestoneId } = c.req.valid('param');
    return c.json(await restoreMilestone(c.var.workspace.db, id, milestoneId, actorOf(c)), 200);
  });
