import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import { asc, eq } from 'drizzle-orm';
import { memberships, workspaces } from '../../db/control/schema.ts';
import type { AppEnv } from '../context.ts';
import { userView } from '../domain/accounts/user-view.ts';
import { requireSession } from '../middleware/session.ts';
import { userSchema, workspaceSummarySchema } from '../schemas.ts';
import { errorResponses } from '../validation.ts';

const me = createRoute({
  method: 'get',
  path: '/me',
  tags: ['Auth'],
  summary: 'The signed-in user and the workspaces they belong to',
  middleware: [requireSession()] as const,
  responses: {
    200: {
      description: 'Current user',
      content: { 'application/json': { schema: z.object({ user: userSchema, workspaces: z.array(workspaceSummarySchema) }) } },
    },
    ...errorResponses(401),
  },
});

export const meRoutes = new OpenAPIHono<AppEnv>().openapi(me, async (c) => {
  const session = c.var.session!;
  const rows = await c.var.control
    .select({ id: workspaces.id, slug: workspaces.slug, name: workspaces.name, plan: workspaces.plan, role: memberships.role })
    .from(memberships)
    .innerJoin(workspaces, eq(workspaces.id, memberships.workspaceId))
    .where(eq(memberships.userId, session.user.id))
    .orderBy(asc(workspaces.name), asc(workspaces.id));
  return c.json({ user: userView(session.user), workspaces: rows }, 200);
});
