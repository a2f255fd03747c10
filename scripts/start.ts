// `npm start`: build the web app once if there is no build yet, then run the Node server.
// (A fresh clone has no web/build; rebuilding on every start would cost seconds for nothing.)
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

const root = join(import.meta.dirname, '..');
if (!existsSync(join(root, 'web', 'build', 'index.html'))) {
  console.log('Building the web app (first start only)…');
  const r = spawnSync(process.execPath, [join(root, 'node_modules', 'vite', 'bin', 'vite.js'), 'build', 'web'], { cwd: root, stdio: 'inherit' });
  if (r.status !== 0) process.exit(r.status ?? 1);
}
await import('../api/node.ts');
