import { OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from '../context.ts';
import { validationHook } from '../validation.ts';

// Placeholder: routes land here with their issue.
export const stageRoutes = new OpenAPIHono<AppEnv>({ defaultHook: validationHook });
