import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import { access } from '../access/gate.ts';
import { getAccount } from '../billing/accounts.ts';
import { viaProvider } from './billing.ts';
import type { AppEnv } from '../context.ts';
import { purgeDue } from '../domain/trash/purge-trash.ts';
import { deleteWorkspace } from '../domain/workspaces/delete-workspace.ts';
import { errorResponses, validationHook } from '../validation.ts';

const params = z.object({ ws: z.string().openapi({ param: { name: 'ws', in: 'path' }, example: 'acme' }) });

const body = z
  .object({
    confirm: z
      .string({ error: 'Type the workspace name to confirm.' })
      .min(1, 'Type the workspace name to confirm.')
      .max(200, 'Use at most 200 characters.')
      .openapi({ description: "The workspace's name, typed by the owner" }),
  })
  .strict()
  .openapi('WorkspaceDelete');

const remove = createRoute({
  method: 'delete',
  path: '/w/{ws}',
  ...access('workspace:own'),
  tags: ['Workspaces'],
  summary: 'Delete the workspace and all its data, for good (owner only)',
  description:
    'Removes the members, invitations, API keys and billing state, and drops the workspace database. Cannot be undone. `confirm` must repeat the workspace name (400 otherwise).',
  request: { params, body: { required: true, content: { 'application/json': { schema: body } } } },
  responses: { 204: { description: 'Deleted' }, ...errorResponses(400, 401, 403, 404) },
});

export const workspaceDeleteRoutes = new OpenAPIHono<AppEnv>({ defaultHook: validationHook }).openapi(remove, async (c) => {
  const { platform, control, workspace } = c.var;
  // A subscription that cannot be cancelled stops the deletion (503 from the provider's error):
  // better a workspace that still exists than a card charged for one that doesn't.
  await deleteWorkspace(control, platform.tenants, platform.logger, workspace.id, c.req.valid('json').confirm, async () => {
    const account = await getAccount(control, workspace.id);
    await viaProvider(c, 'cancel on delete', () => platform.billing.cancelNow(account));
  });
  // The workspace middleware may schedule the lazy trash purge after this response; taking
  // the slot now keeps it from opening the dropped database.
  purgeDue(workspace.id, platform.now().getTime());
  return c.body(null, 204);
});
