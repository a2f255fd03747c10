// The Node server as one ESM file, dist/node.mjs: `npm run build` makes it and `npm start`
// remakes it when a source is newer. Why bundle at all: Node resolves each of drizzle-orm's
// ESM modules by reading its 180 KB package.json again, about 0.4 s of a 0.9 s start; the
// bundle starts in about a third of that (`npm run bench -- foundation`).
import { build } from 'esbuild';
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

const root = join(import.meta.dirname, '..');
export const serverBundle = join(root, 'dist', 'node.mjs');

export async function buildServer(): Promise<void> {
  await build({
    entryPoints: [join(root, 'api', 'node.ts')],
    outfile: serverBundle,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node22',
    // libsql loads a native addon for the platform; stripe is loaded on first use, only when
    // configured (api/billing): both stay in node_modules.
    external: ['libsql', 'stripe'],
    // CommonJS dependencies inside an ES module need a `require`.
    banner: { js: "import { createRequire as __tandemRequire } from 'node:module'; const require = __tandemRequire(import.meta.url);" },
    sourcemap: 'linked',
    logLevel: 'warning',
  });
}

function newestIn(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestIn(path) : statSync(path).mtimeMs);
  }
  return newest;
}

/** Whether dist/node.mjs is missing or older than the server's sources or the installed packages. */
export function serverBundleStale(): boolean {
  let built: number;
  try {
    built = statSync(serverBundle).mtimeMs;
  } catch {
    return true;
  }
  const sources = Math.max(newestIn(join(root, 'api')), newestIn(join(root, 'db')), statSync(join(root, 'package-lock.json')).mtimeMs);
  return sources > built;
}

if (import.meta.main) await buildServer();
