// `npm run bench`: reproducible figures for the foundation, printed as a table and written
// to bench/results/latest.json. Figures, not assertions: a miss is reported, not failed.
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { hashPassword } from '../api/auth/password.ts';

interface Row {
  metric: string;
  value: number;
  unit: string;
  target?: string;
  pass?: boolean;
}
const rows: Row[] = [];
const root = join(import.meta.dirname, '..');

const quantile = (xs: number[], q: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(q * s.length))] ?? NaN;
};
const round = (x: number, d = 1) => Math.round(x * 10 ** d) / 10 ** d;

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });
}

// 1. scrypt cost per hash in Node (the workerd figure comes from `npm test`'s worker suite).
{
  const times: number[] = [];
  for (let i = 0; i < 10; i++) {
    const t = performance.now();
    await hashPassword(`bench-password-${i}`);
    times.push(performance.now() - t);
  }
  rows.push({ metric: 'scrypt hash (N=2^14,r=8,p=5), Node p50', value: round(quantile(times, 0.5)), unit: 'ms' });
}

// 2. Cold start to first 200, then sign-up latency over real HTTP.
{
  const dataDir = mkdtempSync(join(tmpdir(), 'tandem-bench-'));
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const started = performance.now();
  const server = spawn(process.execPath, ['api/node.ts'], {
    cwd: root,
    env: { ...process.env, PORT: String(port), DATA_DIR: dataDir, RATE_LIMITS: 'off', HOST: '127.0.0.1' },
    stdio: 'ignore',
  });
  let up = false;
  while (!up && performance.now() - started < 30_000) {
    up = await fetch(`${base}/api/v1/health`).then((r) => r.ok, () => false);
    if (!up) await new Promise((r) => setTimeout(r, 10));
  }
  rows.push({ metric: 'cold start to first 200 (node api/node.ts)', value: round(performance.now() - started, 0), unit: 'ms', target: '≤ 1000', pass: performance.now() - started <= 1000 });

  const lat: number[] = [];
  for (let i = 0; i < 40; i++) {
    const t = performance.now();
    const res = await fetch(`${base}/api/v1/auth/signup`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: base },
      body: JSON.stringify({ name: `Bench ${i}`, email: `bench${i}@example.cz`, password: 'bench-pass-1234', workspaceName: `Bench firma ${i}` }),
    });
    await res.arrayBuffer();
    if (res.status !== 201) throw new Error(`sign-up answered ${res.status}`);
    lat.push(performance.now() - t);
  }
  const p50 = quantile(lat, 0.5);
  rows.push({ metric: 'sign-up latency p50 (account + tenant DB + migrations)', value: round(p50), unit: 'ms', target: '≤ 1000', pass: p50 <= 1000 });
  rows.push({ metric: 'sign-up latency p99', value: round(quantile(lat, 0.99)), unit: 'ms' });
  server.kill('SIGTERM');
  rmSync(dataDir, { recursive: true, force: true });
}

// 3. App-shell JS: what index.html loads before the first route renders.
{
  const build = join(root, 'web', 'build');
  try {
    const html = readFileSync(join(build, 'index.html'), 'utf8');
    const refs = new Set([...html.matchAll(/["'](\/_app\/[^"']+\.js)["']/g)].map((m) => m[1]!));
    let gz = 0;
    for (const ref of refs) gz += gzipSync(readFileSync(join(build, ref))).length;
    const kb = gz / 1024;
    rows.push({ metric: `app-shell JS gzip (${refs.size} files from index.html)`, value: round(kb), unit: 'KB', target: '≤ 100', pass: kb <= 100 });
    const all = readdirSync(join(build, '_app', 'immutable'), { recursive: true }) as string[];
    const total = all.filter((f) => f.endsWith('.js')).reduce((n, f) => n + gzipSync(readFileSync(join(build, '_app', 'immutable', f))).length, 0);
    rows.push({ metric: 'all web JS gzip', value: round(total / 1024), unit: 'KB' });
  } catch {
    console.warn('web/build missing: run `npm run build` for the bundle figures');
  }
}

// 4. Worker bundle: wrangler's offline dry run.
{
  const out = mkdtempSync(join(tmpdir(), 'tandem-worker-'));
  const r = spawnSync(process.execPath, [join(root, 'node_modules/wrangler/bin/wrangler.js'), 'deploy', '--dry-run', '--outdir', out], {
    cwd: root,
    env: { ...process.env, WRANGLER_SEND_METRICS: 'false', CLOUDFLARE_CF_FETCH_ENABLED: 'false' },
    encoding: 'utf8',
  });
  const file = r.status === 0 ? readdirSync(out).find((f) => f.endsWith('.js')) : undefined;
  if (file) {
    const bytes = readFileSync(join(out, file));
    const kb = gzipSync(bytes).length / 1024;
    rows.push({ metric: 'Worker bundle gzip', value: round(kb), unit: 'KB', target: '≤ 3072 (free plan limit)', pass: kb <= 3072 });
    rows.push({ metric: 'Worker bundle raw', value: round(statSync(join(out, file)).size / 1024), unit: 'KB' });
  } else {
    console.warn('wrangler dry run failed:', r.stderr.slice(-500));
  }
  rmSync(out, { recursive: true, force: true });
}

const w = Math.max(...rows.map((r) => r.metric.length));
console.log(`\n${'metric'.padEnd(w)}  ${'value'.padStart(10)}  target            result`);
for (const r of rows) {
  const result = r.pass === undefined ? '' : r.pass ? 'pass' : 'MISS';
  console.log(`${r.metric.padEnd(w)}  ${`${r.value} ${r.unit}`.padStart(10)}  ${(r.target ?? '').padEnd(16)}  ${result}`);
}
writeFileSync(join(root, 'bench', 'results', 'latest.json'), JSON.stringify({ at: new Date().toISOString(), node: process.version, rows }, null, 2));
