// Shared pieces of the benchmarks: a server on a free loopback port, a signed-up user,
// autocannon runs and the results table.
import autocannon from 'autocannon';
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { join } from 'node:path';

export const root = join(import.meta.dirname, '..');

export interface Row {
  metric: string;
  value: number;
  unit: string;
  target?: string;
  pass?: boolean;
}

export const round = (x: number, d = 1) => Math.round(x * 10 ** d) / 10 ** d;

export function quantile(xs: number[], q: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(q * s.length))] ?? Number.NaN;
}

export function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });
}

export interface Server {
  base: string;
  process: ChildProcess;
  /** Milliseconds from spawn to the first 200 of /api/v1/health. */
  startMs: number;
  stop(): void;
}

/** Starts the server (`api/node.ts` unless `entry` names another, e.g. the bundle) on a free port. */
export async function startServer(dataDir: string, env: Record<string, string> = {}, entry = 'api/node.ts'): Promise<Server> {
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const started = performance.now();
  const child = spawn(process.execPath, [entry], {
    cwd: root,
    env: { ...process.env, PORT: String(port), DATA_DIR: dataDir, RATE_LIMITS: 'off', HOST: '127.0.0.1', ...env },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  for (;;) {
    if (performance.now() - started > 30_000) throw new Error('server did not start within 30 s');
    if (await fetch(`${base}/api/v1/health`).then((r) => r.ok, () => false)) break;
    await new Promise((r) => setTimeout(r, 10));
  }
  return { base, process: child, startMs: performance.now() - started, stop: () => child.kill('SIGTERM') };
}

export async function signUp(base: string, n: number | string): Promise<{ cookie: string; slug: string; workspaceId: string }> {
  const res = await fetch(`${base}/api/v1/auth/signup`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: base },
    body: JSON.stringify({ name: `Bench ${n}`, email: `bench-${n}@example.cz`, password: 'bench-pass-1234', workspaceName: `Bench ${n}` }),
  });
  if (res.status !== 201) throw new Error(`sign-up answered ${res.status}: ${await res.text()}`);
  const body = (await res.json()) as { workspace: { slug: string; id: string } };
  const cookie = (res.headers.get('set-cookie') ?? '').split(';')[0]!;
  return { cookie, slug: body.workspace.slug, workspaceId: body.workspace.id };
}

/**
 * Puts the workspace on Pro through the billing API (the local provider, as `npm start` runs):
 * the benches hold far more than the free plan's 2,500 records.
 */
export async function goPro(base: string, cookie: string, slug: string): Promise<void> {
  const res = await fetch(`${base}/api/v1/w/${slug}/billing/plan`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: base, cookie },
    body: JSON.stringify({ plan: 'pro' }),
  });
  if (res.status !== 200) throw new Error(`upgrade answered ${res.status}: ${await res.text()}`);
}

export interface LoadResult {
  rps: number;
  p50: number;
  p99: number;
  errors: number;
  non2xx: number;
}

export async function load(opts: autocannon.Options): Promise<LoadResult> {
  const r = await autocannon({ duration: 8, ...opts });
  return {
    rps: round(r.requests.average, 0),
    p50: r.latency.p50,
    p99: r.latency.p99,
    errors: r.errors + r.timeouts,
    non2xx: r.non2xx,
  };
}

export function printTable(title: string, rows: Row[]): void {
  const w = Math.max(...rows.map((r) => r.metric.length), 10);
  console.log(`\n${title}\n${'metric'.padEnd(w)}  ${'value'.padStart(12)}  ${'target'.padEnd(22)}  result`);
  for (const r of rows) {
    const result = r.pass === undefined ? '' : r.pass ? 'pass' : 'MISS';
    console.log(`${r.metric.padEnd(w)}  ${`${r.value} ${r.unit}`.padStart(12)}  ${(r.target ?? '').padEnd(22)}  ${result}`);
  }
}
