import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import type { AppEnv } from '../context.ts';
import { getWorkspace, updateWorkspace } from '../domain/workspaces/update-workspace.ts';
import { workspaceSchema } from '../schemas.ts';
import { errorResponses, nameField, validationHook } from '../validation.ts';

const params = z.object({ ws: z.string().openapi({ param: { name: 'ws', in: 'path' }, example: 'acme' }) });

const get = createRoute({
  method: 'get',
  path: '/w/{ws}',
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
    return c.json(await getWorkspace(c.var.control, ws.id, ws.role), 200);
  })
  .openapi(patch, async (c) => {
    const ws = c.var.workspace;
    const view = await updateWorkspace(c.var.control, { id: ws.id, role: ws.role }, c.req.valid('json'), c.var.platform.now().getTime());
    return c.json(view, 200);
  });
