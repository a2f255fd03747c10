import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import { asc, eq } from 'drizzle-orm';
import { memberships, users } from '../../db/control/schema.ts';
import { access } from '../access/gate.ts';
import type { AppEnv } from '../context.ts';
import { roleSchema } from '../schemas.ts';
import { errorResponses, validationHook } from '../validation.ts';
import { wsParams } from './records.ts';

const memberSchema = z
  .object({ userId: z.string(), name: z.string(), email: z.string(), role: roleSchema, joinedAt: z.string() })
  .openapi('Member');

const list = createRoute({
  method: 'get',
  path: '/w/{ws}/members',
  ...access('members:read'),
  tags: ['Members'],
  summary: 'The people of the workspace (for owner and assignee pickers)',
  request: { params: wsParams },
  responses: {
    200: { description: 'Members by name', content: { 'application/json': { schema: z.object({ items: z.array(memberSchema), nextCursor: z.null() }) } } },
    ...errorResponses(401, 404),
  },
});

// A workspace has a handful of members (two on free), so one unpaged query is the whole list.
export const memberRoutes = new OpenAPIHono<AppEnv>({ defaultHook: validationHook }).openapi(list, async (c) => {
  const rows = await c.var.control
    .select({ userId: users.id, name: users.name, email: users.email, role: memberships.role, joinedAt: memberships.createdAt })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(eq(memberships.workspaceId, c.var.workspace.id))
    .orderBy(asc(users.name), asc(users.id));
  return c.json({ items: rows.map((r) => ({ ...r, joinedAt: new Date(r.joinedAt).toISOString() })), nextCursor: null }, 200);
});
