import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { access } from '../access/gate.ts';
import { setSessionCookie } from '../auth/cookie.ts';
import type { AppEnv } from '../context.ts';
import { acceptInvitation, type Acceptor } from '../domain/invitations/accept-invitation.ts';
import { createInvitation } from '../domain/invitations/create-invitation.ts';
import { loadInviter, type InviteContext } from '../domain/invitations/invite-context.ts';
import { listInvitations } from '../domain/invitations/list-invitations.ts';
import { previewInvitation } from '../domain/invitations/preview-invitation.ts';
import { resendInvitation } from '../domain/invitations/resend-invitation.ts';
import { revokeInvitation } from '../domain/invitations/revoke-invitation.ts';
import { AppError } from '../errors.ts';
import { peopleOnlyAccess } from '../middleware/api-key.ts';
import { roleSchema, userSchema } from '../schemas.ts';
import { emailField, errorResponses, errorSchema, nameField, passwordField, validationHook } from '../validation.ts';
import { linkOrigin } from './account.ts';
import { afterMembershipChange } from './members.ts';
import { idParams, wsParams } from './records.ts';

const planRequired = {
  402: { description: 'The plan has no free seat (Free: 2 members)', content: { 'application/json': { schema: errorSchema } } },
};

const invitationSchema = z
  .object({
    id: z.string(),
    email: z.string(),
    role: z.enum(['admin', 'member']),
    status: z.enum(['pending', 'expired', 'accepted', 'revoked']),
    invitedBy: z.object({ userId: z.string(), name: z.string() }).nullable(),
    createdAt: z.string(),
    expiresAt: z.string(),
  })
  .openapi('Invitation');

const createBody = z
  .object({
    email: emailField,
    role: z.enum(['admin', 'member'], { error: 'Use admin or member.' }),
  })
  .strict()
  .openapi('InvitationCreate');

const tokenParams = z.object({
  token: z.string().max(200).openapi({ param: { name: 'token', in: 'path' }, description: 'The `<id>.<secret>` from the emailed link' }),
});

const previewSchema = z
  .object({
    email: z.string(),
    role: z.enum(['admin', 'member']),
    workspace: z.object({ name: z.string() }),
    invitedBy: z.object({ name: z.string() }).nullable(),
    accountExists: z.boolean(),
    expiresAt: z.string(),
  })
  .openapi('InvitationPreview');

const acceptBody = z
  .object({ name: nameField, password: passwordField, locale: z.enum(['cs', 'en']) })
  .partial()
  .strict()
  .openapi('InvitationAccept', { description: 'Without a session: `name` and `password` create the account for the invited email. With a session: empty.' });

const acceptedSchema = z
  .object({
    user: userSchema,
    workspace: z.object({ id: z.string(), slug: z.string(), name: z.string(), plan: z.enum(['free', 'pro']), role: roleSchema }),
  })
  .openapi('InvitationAccepted');

const one = { content: { 'application/json': { schema: invitationSchema } } };

const list = createRoute({
  method: 'get',
  path: '/w/{ws}/invitations',
  ...access('members:manage'),
  tags: ['Members'],
  summary: 'Open invitations (pending and expired), newest first',
  request: { params: wsParams },
  responses: {
    200: { description: 'Invitations', content: { 'application/json': { schema: z.object({ items: z.array(invitationSchema), nextCursor: z.null() }) } } },
    ...errorResponses(401, 403, 404),
  },
});

const create = createRoute({
  method: 'post',
  path: '/w/{ws}/invitations',
  // Mail in a person's name, and a way in that outlives the key: people only.
  ...peopleOnlyAccess('members:manage'),
  tags: ['Members'],
  summary: 'Invite someone by email (the link is valid for 7 days)',
  description:
    'The inviter must have a verified email (403). 409 when the address is already a member or already has a pending invitation (resend that one instead). 402 when a free workspace has no free seat.',
  request: { params: wsParams, body: { required: true, content: { 'application/json': { schema: createBody } } } },
  responses: { 201: { description: 'Invited; the email is in the outbox', ...one }, ...errorResponses(400, 401, 403, 404, 409), ...planRequired },
});

const revoke = createRoute({
  method: 'delete',
  path: '/w/{ws}/invitations/{id}',
  ...access('members:manage'),
  tags: ['Members'],
  summary: 'Revoke an open invitation (its link stops working)',
  request: { params: idParams },
  responses: { 204: { description: 'Revoked' }, ...errorResponses(401, 403, 404) },
});

const resend = createRoute({
  method: 'post',
  path: '/w/{ws}/invitations/{id}/resend',
  ...peopleOnlyAccess('members:manage'),
  tags: ['Members'],
  summary: 'Send an open invitation again, with a new link valid for 7 days (the old link stops working)',
  request: { params: idParams },
  responses: { 200: { description: 'Sent again', ...one }, ...errorResponses(401, 403, 404), ...planRequired },
});

const preview = createRoute({
  method: 'get',
  path: '/invitations/{token}',
  tags: ['Members'],
  summary: 'What an invitation link offers (no sign-in needed)',
  description: '404 when the link is unknown, expired, revoked or already used.',
  request: { params: tokenParams },
  responses: { 200: { description: 'The invitation', content: { 'application/json': { schema: previewSchema } } }, ...errorResponses(404) },
});

const accept = createRoute({
  method: 'post',
  path: '/invitations/{token}/accept',
  tags: ['Members'],
  summary: 'Join the workspace: as the signed-in account (same email), or by creating the account',
  description:
    'Signed in: the account’s email must be the invited one (403 otherwise). Not signed in: `name` and `password` create the account, verified by the link, and sign it in (session cookie); 409 if an account with that email exists (log in first). 402 when a free workspace has no free seat; nothing is written then.',
  request: { params: tokenParams, body: { required: false, content: { 'application/json': { schema: acceptBody } } } },
  responses: {
    200: { description: 'Joined', content: { 'application/json': { schema: acceptedSchema } } },
    ...errorResponses(400, 403, 404, 409),
    ...planRequired,
  },
});

async function inviteContext(c: Context<AppEnv>): Promise<InviteContext> {
  const { platform, control, workspace } = c.var;
  return {
    control,
    mailer: platform.mailer,
    appOrigin: linkOrigin(c),
    workspace: { id: workspace.id, name: workspace.name, plan: workspace.plan },
    inviter: await loadInviter(control, workspace.userId),
    now: platform.now().getTime(),
  };
}

function acceptorOf(c: Context<AppEnv>, body: z.infer<typeof acceptBody>): Acceptor {
  const session = c.var.session;
  if (session) return { kind: 'signed-in', user: session.user };
  const fields: Record<string, string> = {};
  if (body.name === undefined) fields['name'] = 'Enter your name.';
  if (body.password === undefined) fields['password'] = 'Enter a password.';
  if (body.name === undefined || body.password === undefined) {
    throw new AppError('validation_failed', 'Create your account to accept, or log in first.', { fields });
  }
  return { kind: 'new-account', name: body.name, password: body.password, locale: body.locale };
}

export const invitationRoutes = new OpenAPIHono<AppEnv>({ defaultHook: validationHook })
  .openapi(list, async (c) => {
    const items = await listInvitations(c.var.control, c.var.workspace.id, c.var.platform.now().getTime());
    return c.json({ items, nextCursor: null }, 200);
  })
  .openapi(create, async (c) => {
    const invitation = await createInvitation(await inviteContext(c), c.req.valid('json'));
    return c.json(invitation, 201);
  })
  .openapi(revoke, async (c) => {
    await revokeInvitation(c.var.control, c.var.workspace.id, c.req.valid('param').id, c.var.platform.now().getTime());
    return c.body(null, 204);
  })
  .openapi(resend, async (c) => {
    const invitation = await resendInvitation(await inviteContext(c), c.req.valid('param').id);
    return c.json(invitation, 200);
  })
  .openapi(preview, async (c) => {
    return c.json(await previewInvitation(c.var.control, c.req.valid('param').token, c.var.platform.now().getTime()), 200);
  })
  .openapi(accept, async (c) => {
    const body = (c.req.valid('json') as z.infer<typeof acceptBody> | undefined) ?? {};
    const result = await acceptInvitation(c.var.control, c.req.valid('param').token, acceptorOf(c, body), c.var.platform.now().getTime());
    if (result.sessionToken) setSessionCookie(c, result.sessionToken);
    await afterMembershipChange(c, result.workspace.id);
    return c.json({ user: result.user, workspace: result.workspace }, 200);
  });
