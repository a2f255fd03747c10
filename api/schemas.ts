import { z } from '@hono/zod-openapi';

export const userSchema = z
  .object({
    id: z.string(),
    email: z.string(),
    name: z.string(),
    locale: z.string().nullable(),
    emailVerified: z.boolean(),
    createdAt: z.string(),
  })
  .openapi('User');

export const roleSchema = z.enum(['owner', 'admin', 'member']).openapi('Role');

export const workspaceSchema = z
  .object({
    id: z.string(),
    slug: z.string(),
    name: z.string(),
    plan: z.enum(['free', 'pro']),
    country: z.string(),
    currency: z.string(),
    role: roleSchema,
    limits: z.object({
      members: z.number().int().nullable(),
      records: z.number().int().nullable(),
      storageBytes: z.number().int().nullable(),
    }),
    usage: z
      .object({ members: z.number().int(), records: z.number().int(), storageBytes: z.number().int() })
      .optional()
      .openapi({ description: 'What the workspace uses of each limit (on GET and PATCH /w/{ws}): members, companies + contacts outside the trash, database bytes.' }),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .openapi('Workspace');

export const workspaceSummarySchema = z
  .object({ id: z.string(), slug: z.string(), name: z.string(), plan: z.enum(['free', 'pro']), role: roleSchema })
  .openapi('WorkspaceSummary');
