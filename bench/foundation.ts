// Foundation figures (issue 2): scrypt cost, cold start, sign-up latency, bundle sizes.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { hashPassword } from '../api/auth/password.ts';
import { buildServer, serverBundle } from '../scripts/build-server.ts';
import { quantile, root, round, startServer, type Row } from './lib.ts';

export async function runFoundationBench(): Promise<Row[]> {
  const rows: Row[] = [];

  const times: number[] = [];
  for (let i = 0; i < 10; i++) {
    const t = performance.now();
    await hashPassword(`bench-password-${i}`);
    times.push(performance.now() - t);
  }
  rows.push({ metric: 'scrypt hash (N=2^14,r=8,p=5), Node p50', value: round(quantile(times, 0.5)), unit: 'ms' });

  const dataDir = mkdtempSync(join(tmpdir(), 'tandem-bench-'));
  // `npm start` runs the bundle (scripts/build-server.ts) and keeps compiled code in Node's
  // compile cache: the first start of a deploy fills it, every restart reads it.
  await buildServer();
  const compileCache = mkdtempSync(join(tmpdir(), 'tandem-bench-compile-cache-'));
  const startAndStop = async (entry: string) => {
    const s = await startServer(dataDir, { NODE_COMPILE_CACHE: compileCache }, entry);
    s.stop();
    await new Promise((r) => s.process.once('exit', r));
    return s.startMs;
  };
  const bundleFirst = await startAndStop(serverBundle);
  await startAndStop('api/node.ts'); // fills the cache for the sources
  const fromSources = await startAndStop('api/node.ts');
  const server = await startServer(dataDir, { NODE_COMPILE_CACHE: compileCache }, serverBundle);
  rmSync(compileCache, { recursive: true, force: true });
  rows.push(
    { metric: 'first start to first 200 (dist/node.mjs, empty compile cache)', value: round(bundleFirst, 0), unit: 'ms' },
    { metric: 'cold start to first 200 (dist/node.mjs, restart)', value: round(server.startMs, 0), unit: 'ms', target: '≤ 1000', pass: server.startMs <= 1000 },
    { metric: 'start from the sources (node api/node.ts, restart)', value: round(fromSources, 0), unit: 'ms' },
  );
  const lat: number[] = [];
  for (let i = 0; i < 40; i++) {
    const t = performance.now();
    const res = await fetch(`${server.base}/api/v1/auth/signup`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: server.base },
      body: JSON.stringify({ name: `Bench ${i}`, email: `bench${i}@example.cz`, password: 'bench-pass-1234', workspaceName: `Bench firma ${i}` }),
    });
    await res.arrayBuffer();
    if (res.status !== 201) throw new Error(`sign-up answered ${res.status}`);
    lat.push(performance.now() - t);
  }
  server.stop();
  rmSync(dataDir, { recursive: true, force: true });
  rows.push({ metric: 'sign-up latency p50 (account + tenant DB + migrations)', value: round(quantile(lat, 0.5)), unit: 'ms', target: '≤ 1000', pass: quantile(lat, 0.5) <= 1000 });
  rows.push({ metric: 'sign-up latency p99', value: round(quantile(lat, 0.99)), unit: 'ms' });

  const build = join(root, 'web', 'build');
  try {
    const html = readFileSync(join(build, 'index.html'), 'utf8');
    const refs = new Set([...html.matchAll(/["'](\/_app\/[^"']+\.js)["']/g)].map((m) => m[1]!));
    let gz = 0;
    for (const ref of refs) gz += gzipSync(readFileSync(join(build, ref))).length;
    rows.push({ metric: `app-shell JS gzip (${refs.size} files from index.html)`, value: round(gz / 1024), unit: 'KB', target: '≤ 100', pass: gz / 1024 <= 100 });
    const dir = join(build, '_app', 'immutable');
    const all = (readdirSync(dir, { recursive: true }) as string[]).filter((f) => f.endsWith('.js'));
    rows.push({ metric: 'all web JS gzip', value: round(all.reduce((n, f) => n + gzipSync(readFileSync(join(dir, f))).length, 0) / 1024), unit: 'KB' });
  } catch {
    console.warn('web/build missing: run `npm run build` for the bundle figures');
  }

  const out = mkdtempSync(join(tmpdir(), 'tandem-worker-'));
  const r = spawnSync(process.execPath, [join(root, 'node_modules/wrangler/bin/wrangler.js'), 'deploy', '--dry-run', '--outdir', out], {
    cwd: root,
    env: { ...process.env, WRANGLER_SEND_METRICS: 'false', CLOUDFLARE_CF_FETCH_ENABLED: 'false' },
    encoding: 'utf8',
  });
  const file = r.status === 0 ? readdirSync(out).find((f) => f.endsWith('.js')) : undefined;
  if (file) {
    const kb = gzipSync(readFileSync(join(out, file))).length / 1024;
    rows.push({ metric: 'Worker bundle gzip', value: round(kb), unit: 'KB', target: '≤ 3072 (free plan)', pass: kb <= 3072 });
    rows.push({ metric: 'Worker bundle raw', value: round(statSync(join(out, file)).size / 1024), unit: 'KB' });
  } else {
    console.warn('wrangler dry run failed:', r.stderr.slice(-500));
  }
  rmSync(out, { recursive: true, force: true });
  return rows;
}
