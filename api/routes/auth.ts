import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import { clearSessionCookie, setSessionCookie } from '../auth/cookie.ts';
import { invalidateSession } from '../auth/session.ts';
import type { AppEnv } from '../context.ts';
import { logIn } from '../domain/accounts/log-in.ts';
import { signUp } from '../domain/accounts/sign-up.ts';
import { requireSession } from '../middleware/session.ts';
import { userSchema, workspaceSchema } from '../schemas.ts';
import { emailField, errorResponses, nameField, passwordField, validationHook } from '../validation.ts';
import { sendVerificationAfterSignUp } from './account.ts';

const signupBody = z
  .object({
    name: nameField,
    email: emailField,
    password: passwordField,
    workspaceName: nameField,
    locale: z.enum(['cs', 'en']).optional(),
  })
  .strict()
  .openapi('SignUp');

const signup = createRoute({
  method: 'post',
  path: '/auth/signup',
  tags: ['Auth'],
  summary: 'Create an account with its first workspace and sign in',
  request: { body: { required: true, content: { 'application/json': { schema: signupBody } } } },
  responses: {
    201: {
      description: 'Account and workspace created; session cookie set',
      content: { 'application/json': { schema: z.object({ user: userSchema, workspace: workspaceSchema }) } },
    },
    ...errorResponses(400, 403, 409, 413),
  },
});

const login = createRoute({
  method: 'post',
  path: '/auth/login',
  tags: ['Auth'],
  summary: 'Sign in with email and password',
  request: {
    body: {
      required: true,
      content: { 'application/json': { schema: z.object({ email: emailField, password: passwordField }).strict().openapi('LogIn') } },
    },
  },
  responses: {
    200: { description: 'Signed in; session cookie set', content: { 'application/json': { schema: z.object({ user: userSchema }) } } },
    ...errorResponses(400, 401, 403, 429),
  },
});

const logout = createRoute({
  method: 'post',
  path: '/auth/logout',
  tags: ['Auth'],
  summary: 'End the current session',
  middleware: [requireSession()] as const,
  responses: { 204: { description: 'Signed out' }, ...errorResponses(401, 403) },
});

export const authRoutes = new OpenAPIHono<AppEnv>({ defaultHook: validationHook })
  .openapi(signup, async (c) => {
    const body = c.req.valid('json');
    const { platform, control } = c.var;
    const now = platform.now().getTime();
    const result = await signUp(control, platform.tenants, body, now);
    setSessionCookie(c, result.sessionToken);
    await sendVerificationAfterSignUp(c, result.user, now);
    return c.json({ user: result.user, workspace: result.workspace }, 201);
  })
  .openapi(login, async (c) => {
    const { platform, control } = c.var;
    const result = await logIn(
      control,
      c.req.valid('json'),
      { ip: platform.clientIp(c), throttle: platform.config.rateLimits },
      platform.now().getTime(),
    );
    setSessionCookie(c, result.sessionToken);
    return c.json({ user: result.user }, 200);
  })
  .openapi(logout, async (c) => {
    const session = c.var.session!;
    await invalidateSession(c.var.control, session.id, session.user.id);
    clearSessionCookie(c);
    return c.body(null, 204);
  });
