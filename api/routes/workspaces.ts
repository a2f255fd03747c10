import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import { access } from '../access/gate.ts';
import type { AppEnv } from '../context.ts';
import { getWorkspace, updateWorkspace } from '../domain/workspaces/update-workspace.ts';
import { workspaceUsage } from '../domain/workspaces/usage.ts';
import { workspaceSchema } from '../schemas.ts';
import { errorResponses, nameField, validationHook } from '../validation.ts';

const params = z.object({ ws: z.string().openapi({ param: { name: 'ws', in: 'path' }, example: 'acme' }) });

const get = createRoute({
  method: 'get',
  path: '/w/{ws}',
  ...access('records:read'),
  tags: ['Workspaces'],
  summary: 'The workspace, with its plan and limits',
  request: { params },
  responses: {
    200: { description: 'Workspace', content: { 'application/json': { schema: workspaceSchema } } },
    ...errorResponses(401, 404),
  },
});

const patchBody = z
  .object({ name: nameField.optional() })
  .strict()
  .openapi('WorkspacePatch');

const patch = createRoute({
  method: 'patch',
  path: '/w/{ws}',
  ...access('settings:manage'),
  tags: ['Workspaces'],
  summary: 'Rename the workspace (owner or admin)',
  request: { params, body: { required: true, content: { 'application/json': { schema: patchBody } } } },
  responses: {
    200: { description: 'Updated workspace', content: { 'application/json': { schema: workspaceSchema } } },
    ...errorResponses(400, 401, 403, 404),
  },
});

export const workspaceRoutes = new OpenAPIHono<AppEnv>({ defaultHook: validationHook })
  .openapi(get, async (c) => {
    const ws = c.var.workspace;
    const [view, usage] = await Promise.all([getWorkspace(c.var.control, ws.id, ws.role), workspaceUsage(c.var.control, ws.id, ws)]);
    return c.json({ ...view, usage }, 200);
  })
  .openapi(patch, async (c) => {
    const ws = c.var.workspace;
    const view = await updateWorkspace(c.var.control, { id: ws.id, role: ws.role }, c.req.valid('json'), c.var.platform.now().getTime());
    return c.json({ ...view, usage: await workspaceUsage(c.var.control, ws.id, ws) }, 200);
  });
