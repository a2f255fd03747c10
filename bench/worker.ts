// Worker path (issue 6): the same smoke mix against the Worker build running in workerd
// (`wrangler dev`, offline) whose databases are reached over HTTP (Hrana) — the production
// shape — and against the Node server on embedded files, side by side. The Hrana server and
// the Turso Platform API fake are the ones the Worker tests use (tests/support/).
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startHranaServer } from '../tests/support/hrana-server.ts';
import { startTursoPlatformFake } from '../tests/support/turso-platform-fake.ts';
import { freePort, goPro, load, root, signUp, startServer, type LoadResult, type Row } from './lib.ts';

const SECONDS = Number(process.env['BENCH_WORKER_SECONDS'] ?? 10);
const CONNECTIONS = 8;
const COMPANIES = 300;
const TOKEN = 'bench-token';

interface Target {
  base: string;
  cookie: string;
  slug: string;
  companyIds: string[];
}

async function prepare(base: string, label: string): Promise<Target> {
  const { cookie, slug } = await signUp(base, `${label}-${Date.now()}`);
  await goPro(base, cookie, slug);
  const headers = { 'content-type': 'application/json', origin: base, cookie };
  const ids: string[] = [];
  const names = ['Dvořák a syn', 'Zelená louka', 'Novák stavby', 'Praha servis', 'Svoboda IT'];
  for (let i = 0; i < COMPANIES; i++) {
    const res = await fetch(`${base}/api/v1/w/${slug}/companies`, {
      method: 'POST',
      headers,
      body: JSON.stringify({ name: `${names[i % names.length]} ${i}`, address: { city: i % 2 ? 'Praha' : 'Brno' } }),
    });
    if (res.status !== 201) throw new Error(`seed answered ${res.status}: ${await res.text()}`);
    ids.push(((await res.json()) as { id: string }).id);
  }
  return { base, cookie, slug, companyIds: ids };
}

/** 70 % lists and search, 20 % detail, 10 % creates, in a fixed rotation so both runtimes get the same mix. */
function mix(t: Target): { method: 'GET' | 'POST'; path: string; headers: Record<string, string>; body?: string }[] {
  const headers = { cookie: t.cookie, origin: t.base, 'content-type': 'application/json' };
  const ws = `/api/v1/w/${t.slug}`;
  const out: { method: 'GET' | 'POST'; path: string; headers: Record<string, string>; body?: string }[] = [];
  for (let i = 0; i < 10; i++) {
    if (i < 4) out.push({ method: 'GET', path: `${ws}/companies?limit=50&sort=name`, headers });
    else if (i < 7) out.push({ method: 'GET', path: `${ws}/search?q=${['dvorak', 'praha', 'novak'][i - 4]}`, headers });
    else if (i < 9) out.push({ method: 'GET', path: `${ws}/companies/${t.companyIds[i * 13]}`, headers });
    else out.push({ method: 'POST', path: `${ws}/companies`, headers, body: JSON.stringify({ name: 'Bench create' }) });
  }
  return out;
}

function run(t: Target): Promise<LoadResult> {
  return load({ url: t.base, connections: CONNECTIONS, duration: SECONDS, requests: mix(t) });
}

async function startWorker(dir: string): Promise<{ base: string; stop: () => void }> {
  const hrana = await startHranaServer({ dir, authTokens: [TOKEN] });
  const turso = await startTursoPlatformFake({
    org: 'bench',
    groups: ['tenants'],
    apiToken: TOKEN,
    onCreate: (name) => void hrana.createDatabase(name),
    onDelete: (name) => hrana.deleteDatabase(name),
  });
  const port = await freePort();
  const vars: Record<string, string> = {
    CONTROL_DB_URL: hrana.createDatabase('control'),
    CONTROL_DB_TOKEN: TOKEN,
    TURSO_API_URL: turso.url,
    TURSO_ORG: 'bench',
    TURSO_GROUP: 'tenants',
    TURSO_API_TOKEN: TOKEN,
    TURSO_GROUP_TOKEN: TOKEN,
    TENANT_DB_URL_TEMPLATE: `${hrana.origin}/{name}/`,
    RATE_LIMITS: 'off',
  };
  const args = [join(root, 'node_modules', 'wrangler', 'bin', 'wrangler.js'), 'dev', '--port', String(port), '--ip', '127.0.0.1', '--log-level', 'error', ...Object.entries(vars).flatMap(([k, v]) => ['--var', `${k}:${v}`])];
  const child = spawn(process.execPath, args, {
    cwd: root,
    env: { ...process.env, WRANGLER_SEND_METRICS: 'false', CLOUDFLARE_CF_FETCH_ENABLED: 'false', CI: 'true' },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const base = `http://127.0.0.1:${port}`;
  const started = performance.now();
  for (;;) {
    if (performance.now() - started > 120_000) throw new Error('wrangler dev did not answer within 120 s');
    if (await fetch(`${base}/api/v1/health`).then((r) => r.ok, () => false)) break;
    await new Promise((r) => setTimeout(r, 250));
  }
  return {
    base,
    stop: () => {
      child.kill('SIGTERM');
      void turso.close();
      void hrana.close();
    },
  };
}

export async function runWorkerBench(): Promise<Row[]> {
  if (!existsSync(join(root, 'web', 'build', 'index.html'))) throw new Error('build the web app first (npm run build): wrangler dev serves web/build as assets');
  const dir = mkdtempSync(join(tmpdir(), 'tandem-bench-worker-'));
  const rows: Row[] = [];
  const node = await startServer(join(dir, 'node-data'));
  let worker: { base: string; stop: () => void } | undefined;
  try {
    const nodeResult = await run(await prepare(node.base, 'node'));
    node.stop();
    worker = await startWorker(join(dir, 'hrana'));
    const workerResult = await run(await prepare(worker.base, 'worker'));
    for (const [name, r] of [
      ['node (embedded libSQL files)', nodeResult],
      ['workerd + libSQL over HTTP', workerResult],
    ] as const) {
      rows.push({ metric: `${name}: req/s`, value: r.rps, unit: 'req/s' });
      rows.push({ metric: `${name}: p50`, value: r.p50, unit: 'ms' });
      rows.push({ metric: `${name}: p99`, value: r.p99, unit: 'ms' });
      rows.push({ metric: `${name}: errors/timeouts`, value: r.errors, unit: '', target: '0', pass: r.errors === 0 });
      rows.push({ metric: `${name}: non-2xx`, value: r.non2xx, unit: '', target: '0', pass: r.non2xx === 0 });
    }
  } finally {
    node.stop();
    worker?.stop();
    rmSync(dir, { recursive: true, force: true });
  }
  return rows;
}
