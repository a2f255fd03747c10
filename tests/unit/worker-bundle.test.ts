import { describe, expect, it } from 'vitest';
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { gzipSync } from 'node:zlib';

const root = join(import.meta.dirname, '..', '..');
const wrangler = join(root, 'node_modules', 'wrangler', 'bin', 'wrangler.js');
// Workers' limit for the compressed Worker on the Free plan; paid plans allow 10 MB.
const FREE_PLAN_LIMIT = 3 * 1024 * 1024;

describe('the Worker bundle', () => {
  it('bundles offline with wrangler and reports its gzipped size', { timeout: 120_000 }, async () => {
    const out = mkdtempSync(join(tmpdir(), 'tandem-bundle-'));
    const args = [wrangler, 'deploy', '--dry-run', '--outdir', out];
    // Assets are only listed by a dry run; before `npm run build` an empty folder stands in.
    const emptyAssets = existsSync(join(root, 'web', 'build')) ? undefined : mkdtempSync(join(tmpdir(), 'tandem-assets-'));
    if (emptyAssets) args.push('--assets', emptyAssets);
    try {
      const { stdout } = await promisify(execFile)(process.execPath, args, {
        cwd: root,
        env: { ...process.env, WRANGLER_SEND_METRICS: 'false', CLOUDFLARE_CF_FETCH_ENABLED: 'false', CI: '1' },
        maxBuffer: 16 * 1024 * 1024,
      });
      expect(stdout).toContain('--dry-run: exiting now.');
      const modules = readdirSync(out).filter((f) => f.endsWith('.js') || f.endsWith('.mjs') || f.endsWith('.wasm'));
      expect(modules).toContain('worker.js');
      const raw = modules.reduce((sum, f) => sum + statSync(join(out, f)).size, 0);
      const gzipped = modules.reduce((sum, f) => sum + gzipSync(readFileSync(join(out, f)), { level: 9 }).length, 0);
      const kib = (n: number) => `${(n / 1024).toFixed(1)} KiB`;
      console.log(`Worker bundle: ${kib(raw)} raw, ${kib(gzipped)} gzipped (${modules.join(', ')})`);
      expect(gzipped).toBeLessThan(FREE_PLAN_LIMIT);
    } finally {
      rmSync(out, { recursive: true, force: true });
      if (emptyAssets) rmSync(emptyAssets, { recursive: true, force: true });
    }
  });
});
