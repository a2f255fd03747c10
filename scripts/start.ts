// `npm start`: build the web app once if there is no build yet, bundle the server if its
// sources changed since the last bundle, then run it. (A fresh clone has neither; rebuilding
// the web app on every start would cost seconds for nothing.)
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { enableCompileCache } from 'node:module';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { buildServer, serverBundle, serverBundleStale } from './build-server.ts';

const root = join(import.meta.dirname, '..');
if (!existsSync(join(root, 'web', 'build', 'index.html'))) {
  console.log('Building the web app (first start only)…');
  const r = spawnSync(process.execPath, [join(root, 'node_modules', 'vite', 'bin', 'vite.js'), 'build', 'web'], { cwd: root, stdio: 'inherit' });
  if (r.status !== 0) process.exit(r.status ?? 1);
}
if (serverBundleStale()) await buildServer();
// Before the import: the bundle itself is then read from Node's compile cache on restarts.
enableCompileCache();
// Stack traces in the log point at the TypeScript sources.
process.setSourceMapsEnabled(true);
await import(pathToFileURL(serverBundle).href);
