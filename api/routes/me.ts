import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import { asc, eq } from 'drizzle-orm';
import { billingAccounts, memberships, workspaces } from '../../db/control/schema.ts';
import { planAfterGrace } from '../billing/grace.ts';
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
    .select({ id: workspaces.id, slug: workspaces.slug, name: workspaces.name, plan: workspaces.plan, role: memberships.role, pastDueSince: billingAccounts.pastDueSince })
    .from(memberships)
    .innerJoin(workspaces, eq(workspaces.id, memberships.workspaceId))
    .leftJoin(billingAccounts, eq(billingAccounts.workspaceId, workspaces.id))
    .where(eq(memberships.userId, session.user.id))
    .orderBy(asc(workspaces.name), asc(workspaces.id));
  // The same plan a workspace request would run under, so the switcher never shows a lapsed Pro.
  const now = c.var.platform.now().getTime();
  const items = await Promise.all(
    rows.map(async ({ pastDueSince, ...ws }) => ({ ...ws, plan: await planAfterGrace(c.var.control, ws.id, ws.plan, pastDueSince, now) })),
  );
  return c.json({ user: userView(session.user), workspaces: items }, 200);
});
