import { OpenAPIHono } from '@hono/zod-openapi';
import type { ErrorHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { HTTPException } from 'hono/http-exception';
import { requestId } from 'hono/request-id';
import { secureHeaders } from 'hono/secure-headers';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { controlDb, migrateControl } from '../db/control/client.ts';
import type { AppEnv } from './context.ts';
import { AppError, errorStatus, type ErrorCode } from './errors.ts';
import { apiKeyAuth } from './middleware/api-key.ts';
import { documentAccess } from './access/openapi.ts';
import { SESSION_COOKIE } from './auth/cookie.ts';
import { csrfGuard } from './middleware/csrf.ts';
import { loadSession } from './middleware/session.ts';
import { resolveWorkspace } from './middleware/workspace.ts';
import type { Platform } from './platform.ts';
import { isBillingWebhook } from './routes/billing.ts';
import { docsPage } from './routes/docs.ts';
import { isImportUpload } from './routes/imports.ts';
import { routeModules } from './routes/index.ts';
import { validationHook } from './validation.ts';

export const MAX_BODY_BYTES = 1024 * 1024;

/** How callers authenticate, for the OpenAPI document. */
function withSecurity<D extends { components?: { securitySchemes?: object } | undefined; security?: object[] | undefined }>(doc: D): D {
  doc.components = {
    ...doc.components,
    securitySchemes: {
      session: { type: 'apiKey', in: 'cookie', name: SESSION_COOKIE, description: 'The web app’s session cookie (state-changing requests also need a same-origin Origin and JSON).' },
      apiKey: { type: 'http', scheme: 'bearer', description: 'A workspace API key (`tdm_…`) created by its admins; works on that workspace’s /w/{ws} routes only.' },
    },
  };
  doc.security = [{ session: [] }, { apiKey: [] }];
  return doc;
}

function errorBody(code: ErrorCode, message: string, requestId: string | undefined, fields?: Record<string, string>) {
  return { error: { code, message, ...(fields ? { fields } : {}), ...(requestId ? { requestId } : {}) } };
}

/**
 * The whole HTTP API. Node, Workers and every test build it through this factory, passing
 * in what differs between them (databases, clock, config) as the platform.
 */
export function createApp(platform: Platform) {
  // The control schema is brought up to date once per process (per isolate on Workers),
  // before the first request touches it.
  let controlReady: Promise<unknown> | undefined;

  const api = new OpenAPIHono<AppEnv>({ defaultHook: validationHook });
  const csrf = csrfGuard({ rawUpload: (c) => isImportUpload(c.req.method, c.req.path) });
  const jsonBodyLimit = bodyLimit({
    maxSize: MAX_BODY_BYTES,
    onError: () => {
      throw new AppError('payload_too_large', 'The request body is larger than 1 MB.');
    },
  });
  api
    .use('*', (c, next) =>
      // CSV uploads have their own, larger limit (api/routes/imports.ts).
      isImportUpload(c.req.method, c.req.path) ? next() : jsonBodyLimit(c, next),
    )
    .use('*', async (c, next) => {
      const client = platform.control();
      controlReady ??= migrateControl(client).catch((e: unknown) => {
        controlReady = undefined;
        throw e;
      });
      await controlReady;
      c.set('platform', platform);
      c.set('control', controlDb(client));
      await next();
    })
    // Stripe's webhook carries no Origin or cookie: its signature is what authenticates it.
    .use('*', (c, next) => (isBillingWebhook(c.req.method, c.req.path) ? next() : csrf(c, next)))
    .use('*', apiKeyAuth())
    .use('*', loadSession())
    .use('/w/:ws', resolveWorkspace())
    .use('/w/:ws/*', resolveWorkspace());
  for (const routes of routeModules) api.route('/', routes);

  // Built once per app: the routes don't change after start.
  let openApi: ReturnType<typeof api.getOpenAPI31Document> | undefined;
  api.get('/openapi.json', (c) => {
    openApi ??= withSecurity(
      documentAccess(
      api.getOpenAPI31Document({
        openapi: '3.1.0',
        info: { title: 'Tandem API', version: '1', description: 'Client and project management. See API.md for conventions.' },
        servers: [{ url: '/api/v1' }],
      }),
      ),
    );
    return c.json(openApi);
  });
  api.get('/docs', (c) => c.html(docsPage('/api/v1/openapi.json')));

  const onError: ErrorHandler<AppEnv> = (err, c) => {
    const rid = c.get('requestId');
    if (err instanceof AppError) {
      if (err.retryAfter !== undefined) c.header('Retry-After', String(err.retryAfter));
      return c.json(errorBody(err.code, err.message, rid, err.fields), errorStatus[err.code] as ContentfulStatusCode);
    }
    if (err instanceof HTTPException && err.status < 500) {
      // Hono's own 4xx: malformed JSON bodies, mostly.
      const code: ErrorCode = err.status === 413 ? 'payload_too_large' : 'bad_request';
      const message = err.status === 400 ? 'The request body is not valid JSON.' : err.message || 'Bad request.';
      return c.json(errorBody(code, message, rid), err.status as ContentfulStatusCode);
    }
    platform.logger.error('unhandled error', { requestId: rid, error: err instanceof Error ? (err.stack ?? err.message) : String(err) });
    // Never echo internals (stack, SQL) to the caller.
    return c.json(errorBody('internal_error', 'Something went wrong on our side. Try again; if it persists, quote the request id.', rid), 500);
  };
  api.onError(onError);

  const app = new OpenAPIHono<AppEnv>();
  app.use('*', requestId()).use('*', secureHeaders());
  app.route('/api/v1', api);
  app.notFound((c) => c.json(errorBody('not_found', 'No such endpoint.', c.get('requestId')), 404));
  app.onError(onError);
  return app;
}

export type TandemApp = ReturnType<typeof createApp>;
