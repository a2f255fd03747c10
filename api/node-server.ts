// The self-hosted server: one Node process serving the API and the built web app (entry: node.ts).
import { serve } from '@hono/node-server';
import { serveStatic } from '@hono/node-server/serve-static';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createApp } from './app.ts';
import { startOutboxRetryLoop } from './mail/outbox-retry-runner.ts';
import { createNodePlatform, settingsFromEnv } from './node-platform.ts';

const settings = settingsFromEnv();
const platform = createNodePlatform(settings);
const app = createApp(platform);

const webRoot = join(import.meta.dirname, '..', 'web', 'build');
const indexPath = join(webRoot, 'index.html');
const indexHtml = existsSync(indexPath) ? readFileSync(indexPath, 'utf8') : null;

// Hashed build assets never change, so browsers may keep them for a year.
app.use('/_app/immutable/*', async (c, next) => {
  await next();
  if (c.res.ok) c.header('Cache-Control', 'public, max-age=31536000, immutable');
});
app.use('*', serveStatic({ root: webRoot }));
// SPA fallback: any other page is the app shell; the client router takes it from there.
app.get('*', (c) => {
  if (c.req.path.startsWith('/api/')) return c.notFound();
  if (!indexHtml) return c.text('The web app is not built yet: run `npm run build`.', 503);
  return c.html(indexHtml);
});

const server = serve({ fetch: app.fetch, port: settings.port, hostname: process.env['HOST'] ?? '0.0.0.0' }, (info) => {
  console.log(`Tandem is running at http://localhost:${info.port} (data in ${settings.dataDir})`);
});

// Mail whose delivery failed is sent again with backoff (api/mail/retry-outbox.ts).
const outboxRetries = startOutboxRetryLoop(platform);

function shutdown() {
  outboxRetries.stop();
  server.close();
  platform.close();
  process.exit(0);
}
process.on('SIGINT', shutdown);
process.on('SIGTERM', shutdown);
