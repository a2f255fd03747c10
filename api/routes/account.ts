import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { clearSessionCookie } from '../auth/cookie.ts';
import type { AppEnv } from '../context.ts';
import { changePassword, requestEmailChange, updateProfile } from '../domain/accounts/account-settings.ts';
import { assertEmailBudget, consumeEmailToken, sendEmailLink } from '../domain/accounts/email-tokens.ts';
import { listSessions, revokeSession } from '../domain/accounts/user-sessions.ts';
import { AppError } from '../errors.ts';
import { requireSession } from '../middleware/session.ts';
import { userSchema } from '../schemas.ts';
import { emailField, errorResponses, nameField, passwordField, validationHook } from '../validation.ts';

/** Where links in mail point: the configured app origin, else the origin the request came to. */
export function linkOrigin(c: Context<AppEnv>): string {
  return c.var.platform.config.appOrigin ?? new URL(c.req.url).origin;
}

/**
 * The verification link of a new account. The account exists whatever happens here: the
 * mailer keeps delivery failures in the outbox, and a control-DB hiccup is only logged
 * (the user can resend from the app).
 */
export async function sendVerificationAfterSignUp(c: Context<AppEnv>, user: { id: string; email: string; name: string; locale: string | null }, now: number): Promise<void> {
  const { platform, control } = c.var;
  try {
    await sendEmailLink(control, platform.mailer, user, 'verify', user.email, linkOrigin(c), now);
  } catch (e) {
    platform.logger.error('verification email not queued', { userId: user.id, error: e instanceof Error ? e.message : String(e) });
  }
}

const reauthContext = (c: Context<AppEnv>) => ({ ip: c.var.platform.clientIp(c), throttle: c.var.platform.config.rateLimits });

const tokenBody = z
  .object({ token: z.string({ error: 'Enter the token from the link.' }).min(1, 'Enter the token from the link.').max(200, 'Use at most 200 characters.') })
  .strict()
  .openapi('VerifyEmail');

const verifyEmail = createRoute({
  method: 'post',
  path: '/auth/verify-email',
  tags: ['Auth'],
  summary: 'Open an email link: verifies the address, or finishes an email change',
  description:
    'Works signed in or not. A link is single-use and valid for 48 hours; an unknown, used, expired or outdated link answers 400 with a `token` field message; 409 when the new address of an email change was taken meanwhile.',
  request: { body: { required: true, content: { 'application/json': { schema: tokenBody } } } },
  responses: {
    200: { description: 'The account, now verified', content: { 'application/json': { schema: z.object({ user: userSchema }) } } },
    ...errorResponses(400, 403, 409),
  },
});

const resendVerification = createRoute({
  method: 'post',
  path: '/me/verification-email',
  tags: ['Account'],
  summary: 'Send the verification link again (5 per hour)',
  middleware: [requireSession()] as const,
  responses: { 204: { description: 'Sent' }, ...errorResponses(401, 403, 409, 429) },
});

const profileBody = z
  .object({
    name: nameField.optional(),
    locale: z.enum(['cs', 'en'], { error: 'Choose cs or en.' }).nullable().optional(),
  })
  .strict()
  .openapi('ProfilePatch');

const patchMe = createRoute({
  method: 'patch',
  path: '/me',
  tags: ['Account'],
  summary: 'Change your name or language',
  middleware: [requireSession()] as const,
  request: { body: { required: true, content: { 'application/json': { schema: profileBody } } } },
  responses: {
    200: { description: 'The updated user', content: { 'application/json': { schema: userSchema } } },
    ...errorResponses(400, 401, 403),
  },
});

const emailBody = z.object({ email: emailField, password: passwordField }).strict().openapi('EmailChange');

const changeEmail = createRoute({
  method: 'post',
  path: '/me/email',
  tags: ['Account'],
  summary: 'Start an email change: a link goes to the new address',
  description: 'Needs the current password (a wrong one is 400 on `password` and counts like a failed login). The login changes when the link is opened.',
  middleware: [requireSession()] as const,
  request: { body: { required: true, content: { 'application/json': { schema: emailBody } } } },
  responses: { 204: { description: 'Link sent to the new address' }, ...errorResponses(400, 401, 403, 409, 429) },
});

const passwordBody = z.object({ currentPassword: passwordField, newPassword: passwordField }).strict().openapi('PasswordChange');

const changePasswordRoute = createRoute({
  method: 'post',
  path: '/me/password',
  tags: ['Account'],
  summary: 'Change your password; every other session ends',
  description: 'A wrong current password is 400 on `currentPassword` and counts like a failed login (429 after 10 in 15 minutes).',
  middleware: [requireSession()] as const,
  request: { body: { required: true, content: { 'application/json': { schema: passwordBody } } } },
  responses: { 204: { description: 'Changed' }, ...errorResponses(400, 401, 403, 429) },
});

const sessionSchema = z
  .object({ id: z.string(), createdAt: z.string(), lastVerifiedAt: z.string(), current: z.boolean() })
  .openapi('Session');

const sessionsList = createRoute({
  method: 'get',
  path: '/me/sessions',
  tags: ['Account'],
  summary: 'Your signed-in devices',
  middleware: [requireSession()] as const,
  responses: {
    200: {
      description: 'Live sessions, most recently used first',
      content: { 'application/json': { schema: z.object({ items: z.array(sessionSchema), nextCursor: z.null() }) } },
    },
    ...errorResponses(401),
  },
});

const sessionParams = z.object({ id: z.string().max(64).openapi({ param: { name: 'id', in: 'path' } }) });

const sessionDelete = createRoute({
  method: 'delete',
  path: '/me/sessions/{id}',
  tags: ['Account'],
  summary: 'Sign one of your devices out',
  middleware: [requireSession()] as const,
  request: { params: sessionParams },
  responses: { 204: { description: 'Signed out' }, ...errorResponses(401, 403, 404) },
});

export const accountRoutes = new OpenAPIHono<AppEnv>({ defaultHook: validationHook })
  .openapi(verifyEmail, async (c) => {
    const { platform, control } = c.var;
    const user = await consumeEmailToken(control, platform.mailer, c.req.valid('json').token, platform.now().getTime());
    return c.json({ user }, 200);
  })
  .openapi(resendVerification, async (c) => {
    const { platform, control } = c.var;
    const user = c.var.session!.user;
    if (user.emailVerifiedAt !== null) throw new AppError('conflict', 'Your email address is already verified.');
    const now = platform.now().getTime();
    if (platform.config.rateLimits) await assertEmailBudget(control, user.id, 'verify', now);
    await sendEmailLink(control, platform.mailer, user, 'verify', user.email, linkOrigin(c), now);
    return c.body(null, 204);
  })
  .openapi(patchMe, async (c) => {
    const user = await updateProfile(c.var.control, c.var.session!.user.id, c.req.valid('json'), c.var.platform.now().getTime());
    return c.json(user, 200);
  })
  .openapi(changeEmail, async (c) => {
    const { platform, control } = c.var;
    await requestEmailChange(control, platform.mailer, c.var.session!.user, c.req.valid('json'), { ...reauthContext(c), origin: linkOrigin(c) }, platform.now().getTime());
    return c.body(null, 204);
  })
  .openapi(changePasswordRoute, async (c) => {
    const { platform, control } = c.var;
    const session = c.var.session!;
    await changePassword(control, platform.mailer, session.user, session.id, c.req.valid('json'), reauthContext(c), platform.now().getTime());
    return c.body(null, 204);
  })
  .openapi(sessionsList, async (c) => {
    const session = c.var.session!;
    const items = await listSessions(c.var.control, session.user.id, session.id, c.var.platform.now().getTime());
    return c.json({ items, nextCursor: null }, 200);
  })
  .openapi(sessionDelete, async (c) => {
    const session = c.var.session!;
    const { id } = c.req.valid('param');
    await revokeSession(c.var.control, session.user.id, id);
    if (id === session.id) clearSessionCookie(c);
    return c.body(null, 204);
  });
