import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { access } from '../access/gate.ts';
import { roleAllows } from '../access/permissions.ts';
import { syncSeats } from '../billing/seats.ts';
import type { AppEnv } from '../context.ts';
import { listMembers } from '../domain/members/list-members.ts';
import { removeMember } from '../domain/members/remove-member.ts';
import { transferOwnership } from '../domain/members/transfer-ownership.ts';
import { updateMember } from '../domain/members/update-member.ts';
import { peopleOnlyAccess } from '../middleware/api-key.ts';
import { roleSchema } from '../schemas.ts';
import { errorResponses, validationHook } from '../validation.ts';
import { moneySchema } from './deals.ts';
import { wsParams } from './records.ts';

const memberSchema = z
  .object({
    userId: z.string(),
    name: z.string(),
    email: z.string(),
    role: roleSchema,
    joinedAt: z.string(),
    costRate: moneySchema
      .nullable()
      .optional()
      .openapi({ description: 'What an hour of this member costs the company (project costing). Shown to owners and admins only.' }),
    billRate: moneySchema
      .nullable()
      .optional()
      .openapi({ description: 'What an hour of this member is billed at (default time-entry rate). Shown to owners and admins only.' }),
  })
  .openapi('Member');

const memberParams = wsParams.extend({
  userId: z.string().max(64).openapi({ param: { name: 'userId', in: 'path' } }),
});

const memberIdField = (what: string) =>
  z.string({ error: `Use the user id of ${what}.` }).min(1, `Use the user id of ${what}.`).max(64, 'Use at most 64 characters.');

const patchBody = z
  .object({
    role: z.enum(['admin', 'member'], { error: 'Use admin or member. Ownership moves with POST /w/{ws}/transfer-ownership.' }),
    costRate: moneySchema.nullable(),
    billRate: moneySchema.nullable(),
  })
  .partial()
  .strict()
  .openapi('MemberPatch');

const leaveBody = z
  .object({ reassignTo: memberIdField('the member who takes over your records').optional() })
  .strict()
  .openapi('LeaveWorkspace');

const transferBody = z.object({ userId: memberIdField('the member who becomes the owner') }).strict().openapi('TransferOwnership');

const list = createRoute({
  method: 'get',
  path: '/w/{ws}/members',
  ...access('members:read'),
  tags: ['Members'],
  summary: 'The people of the workspace (members page, owner and assignee pickers)',
  description: '`costRate` and `billRate` are included for owners and admins only.',
  request: { params: wsParams },
  responses: {
    200: { description: 'Members by name', content: { 'application/json': { schema: z.object({ items: z.array(memberSchema), nextCursor: z.null() }) } } },
    ...errorResponses(401, 404),
  },
});

const patch = createRoute({
  method: 'patch',
  path: '/w/{ws}/members/{userId}',
  ...access('members:manage'),
  tags: ['Members'],
  summary: 'Change a member’s role or hourly rates',
  description:
    'Owners and admins. Nobody becomes owner here (see transfer-ownership); admins cannot change the owner (403). Rates are money in the workspace currency, or null to clear.',
  request: { params: memberParams, body: { required: true, content: { 'application/json': { schema: patchBody } } } },
  responses: { 200: { description: 'The member', content: { 'application/json': { schema: memberSchema } } }, ...errorResponses(400, 401, 403, 404) },
});

const remove = createRoute({
  method: 'delete',
  path: '/w/{ws}/members/{userId}',
  ...access('members:manage'),
  tags: ['Members'],
  summary: 'Remove a member (their records stay; optionally hand them to another member)',
  description:
    'With `reassignTo`, every company, contact and deal the member owns and every task assigned to them moves to that member (one tenant transaction, with history). The owner cannot be removed (403).',
  request: {
    params: memberParams,
    query: z.object({ reassignTo: memberIdField('the member who takes over the records').optional() }).strict(),
  },
  responses: { 204: { description: 'Removed; their sessions lose the workspace at once' }, ...errorResponses(400, 401, 403, 404) },
});

const leave = createRoute({
  method: 'post',
  path: '/w/{ws}/leave',
  // A key acts as its creator, but must not make them leave.
  ...peopleOnlyAccess('members:read'),
  tags: ['Members'],
  summary: 'Leave the workspace (any member but the owner)',
  description: 'The owner transfers ownership first (403 otherwise). `reassignTo` hands your records to another member, as on remove.',
  request: { params: wsParams, body: { required: false, content: { 'application/json': { schema: leaveBody } } } },
  responses: { 204: { description: 'Left' }, ...errorResponses(400, 401, 403, 404) },
});

const transfer = createRoute({
  method: 'post',
  path: '/w/{ws}/transfer-ownership',
  ...peopleOnlyAccess('workspace:own'),
  tags: ['Members'],
  summary: 'Make another member the owner (the previous owner becomes an admin)',
  request: { params: wsParams, body: { required: true, content: { 'application/json': { schema: transferBody } } } },
  responses: { 204: { description: 'Ownership transferred' }, ...errorResponses(400, 401, 403, 404) },
});

/**
 * Seats follow membership. The change itself is committed by now, so a billing hiccup is
 * logged for a later sync rather than reported as if the change had failed.
 */
export async function afterMembershipChange(c: Context<AppEnv>, workspaceId: string): Promise<void> {
  const { platform, control } = c.var;
  try {
    await syncSeats(platform, control, workspaceId, platform.now().getTime());
  } catch (e) {
    platform.logger.error('seat sync failed', { workspaceId, error: e instanceof Error ? e.message : String(e) });
  }
}

export const memberRoutes = new OpenAPIHono<AppEnv>({ defaultHook: validationHook })
  .openapi(list, async (c) => {
    const ws = c.var.workspace;
    const items = await listMembers(c.var.control, ws.id, roleAllows(ws.role, 'members:manage'));
    return c.json({ items, nextCursor: null }, 200);
  })
  .openapi(patch, async (c) => {
    const ws = c.var.workspace;
    const member = await updateMember(c.var.control, ws.id, { userId: ws.userId, role: ws.role }, c.req.valid('param').userId, c.req.valid('json'));
    return c.json(member, 200);
  })
  .openapi(remove, async (c) => {
    const { control, platform, workspace: ws } = c.var;
    const { reassignTo } = c.req.valid('query');
    const input = { control, tenant: ws.db, workspaceId: ws.id, actorId: ws.userId, now: platform.now().getTime() };
    await removeMember(input, c.req.valid('param').userId, { reassignTo });
    await afterMembershipChange(c, ws.id);
    return c.body(null, 204);
  })
  .openapi(leave, async (c) => {
    const { control, platform, workspace: ws } = c.var;
    // The body is optional: an empty request simply leaves.
    const body = (c.req.valid('json') as z.infer<typeof leaveBody> | undefined) ?? {};
    const input = { control, tenant: ws.db, workspaceId: ws.id, actorId: ws.userId, now: platform.now().getTime() };
    await removeMember(input, ws.userId, { reassignTo: body.reassignTo });
    await afterMembershipChange(c, ws.id);
    return c.body(null, 204);
  })
  .openapi(transfer, async (c) => {
    const ws = c.var.workspace;
    await transferOwnership(c.var.control, ws.id, ws.userId, c.req.valid('json').userId);
    await afterMembershipChange(c, ws.id);
    return c.body(null, 204);
  });
