// Load (issue 6): api/node.ts with 20 workspaces, each seeded with 2,000 companies and 2,000
// contacts, under BENCH_LOAD_SECONDS (default 60) of 64 connections sending a realistic mix:
// 70 % lists and search, 20 % company detail, 10 % creates, spread over the workspaces.
import autocannon from 'autocannon';
import { readFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createEmbeddedClient } from '../db/embedded-client.ts';
import { seedCrm } from './crm.ts';
import { goPro, round, signUp, startServer, type Row } from './lib.ts';

export interface LoadOptions {
  /** Length of the run (BENCH_LOAD_SECONDS, default 60). */
  seconds?: number;
  workspaces?: number;
  /** Companies and contacts seeded per workspace, each. */
  perKind?: number;
  connections?: number;
}
const QUERIES = ['dvorak', 'zluty kun', 'praha', 'novak', 'servis', 'info12', 'svoboda', 'moravsky'];

interface Tenant {
  slug: string;
  cookie: string;
  companyIds: string[];
}

/** The server's peak resident set (VmHWM), from /proc; NaN where there is no /proc. */
function peakRssMb(pid: number): number {
  try {
    const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? round(Number(m[1]) / 1024, 0) : Number.NaN;
  } catch {
    return Number.NaN;
  }
}

export async function runLoadBench(options: LoadOptions = {}): Promise<Row[]> {
  const SECONDS = options.seconds ?? Number(process.env['BENCH_LOAD_SECONDS'] ?? 60);
  const WORKSPACES = options.workspaces ?? 20;
  const PER_KIND = options.perKind ?? 2_000;
  const CONNECTIONS = options.connections ?? 64;
  const dataDir = mkdtempSync(join(tmpdir(), 'tandem-bench-load-'));
  const server = await startServer(dataDir);
  try {
    const tenants: Tenant[] = [];
    const seedStart = performance.now();
    for (let i = 0; i < WORKSPACES; i++) {
      const { cookie, slug, workspaceId } = await signUp(server.base, `load-${i}`);
      await goPro(server.base, cookie, slug);
      // A second connection to the file the server has open: fine in WAL mode (busy timeout covers the writes).
      const db = createEmbeddedClient(join(dataDir, 'tenants', `${workspaceId}.db`), { timeout: 10_000 });
      await seedCrm(db, { companies: PER_KIND, contacts: PER_KIND, activities: 0 });
      await db.execute('ANALYZE');
      const ids = await db.execute('SELECT id FROM companies ORDER BY id LIMIT 500');
      db.close();
      tenants.push({ cookie, slug, companyIds: ids.rows.map((r) => String(r['id'])) });
    }
    const seedS = (performance.now() - seedStart) / 1000;

    // Each request draws its workspace and kind: a fixed seed keeps runs comparable.
    let state = 42;
    const rand = () => {
      state = (state * 1_103_515_245 + 12_345) % 2_147_483_648;
      return state / 2_147_483_648;
    };
    const kinds = { list: 0, search: 0, detail: 0, write: 0 };
    let n = 0;
    const result = await autocannon({
      url: server.base,
      connections: CONNECTIONS,
      duration: SECONDS,
      requests: [
        {
          setupRequest: (req) => {
            const t = tenants[Math.floor(rand() * WORKSPACES)]!;
            const headers = { ...req.headers, cookie: t.cookie, origin: server.base };
            const api = `/api/v1/w/${t.slug}`;
            const r = rand();
            if (r < 0.5) {
              kinds.list++;
              const path = rand() < 0.5 ? `${api}/companies?limit=50&sort=name` : `${api}/contacts?limit=50`;
              return { ...req, method: 'GET', path, headers };
            }
            if (r < 0.7) {
              kinds.search++;
              return { ...req, method: 'GET', path: `${api}/search?q=${encodeURIComponent(QUERIES[Math.floor(rand() * QUERIES.length)]!)}`, headers };
            }
            if (r < 0.9) {
              kinds.detail++;
              return { ...req, method: 'GET', path: `${api}/companies/${t.companyIds[Math.floor(rand() * t.companyIds.length)]!}`, headers };
            }
            kinds.write++;
            return {
              ...req,
              method: 'POST',
              path: `${api}/companies`,
              headers: { ...headers, 'content-type': 'application/json' },
              body: JSON.stringify({ name: `Zátěž ${n++} s.r.o.`, address: { city: 'Brno' } }),
            };
          },
        },
      ],
    });
    const peak = peakRssMb(server.process.pid!);
    const failures = result.errors + result.timeouts + result.non2xx;
    const total = kinds.list + kinds.search + kinds.detail + kinds.write;
    const pct = (x: number) => round((100 * x) / Math.max(1, total), 0);
    return [
      { metric: `seed ${WORKSPACES} workspaces × (${PER_KIND} companies + ${PER_KIND} contacts)`, value: round(seedS), unit: 's' },
      { metric: `mix ${SECONDS} s at ${CONNECTIONS} conn: req/s`, value: round(result.requests.average, 0), unit: 'req/s' },
      { metric: 'mix p50', value: result.latency.p50, unit: 'ms' },
      { metric: 'mix p99', value: result.latency.p99, unit: 'ms' },
      { metric: 'mix: list / search / detail / write', value: pct(kinds.list), unit: `/ ${pct(kinds.search)} / ${pct(kinds.detail)} / ${pct(kinds.write)} %` },
      { metric: 'errors + timeouts + non-2xx', value: failures, unit: `(5xx ${result['5xx']})`, target: '0', pass: failures === 0 },
      { metric: 'server max RSS (VmHWM)', value: peak, unit: 'MB' },
    ];
  } finally {
    server.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}
