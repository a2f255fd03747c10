import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import type { AppEnv } from '../context.ts';

const health = createRoute({
  method: 'get',
  path: '/health',
  tags: ['Service'],
  summary: 'Liveness check for load balancers and start-up scripts',
  responses: {
    200: { description: 'Up', content: { 'application/json': { schema: z.object({ status: z.literal('ok') }) } } },
  },
});

export const healthRoutes = new OpenAPIHono<AppEnv>().openapi(health, (c) => c.json({ status: 'ok' as const }, 200));
