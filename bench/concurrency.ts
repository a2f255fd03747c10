// Concurrency (issue 6) against api/node.ts: (a) two writers PATCH one company with the same
// If-Match — exactly one may win, the other must get 409; (b) 50 writers (creates and edits)
// on one workspace for BENCH_CONCURRENCY_SECONDS (default 10) — no 5xx (no SQLITE_BUSY) may
// reach a user. tests/api/concurrency.test.ts runs both, shorter.
import autocannon from 'autocannon';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { goPro, round, signUp, startServer, type Row, type Server } from './lib.ts';

const SECONDS = Number(process.env['BENCH_CONCURRENCY_SECONDS'] ?? 10);

export interface Writer {
  base: string;
  slug: string;
  headers: Record<string, string>;
}

export async function writerFor(server: Server, n: string): Promise<Writer> {
  const { cookie, slug } = await signUp(server.base, n);
  await goPro(server.base, cookie, slug);
  return { base: server.base, slug, headers: { cookie, origin: server.base, 'content-type': 'application/json' } };
}

async function createCompany(w: Writer, name: string): Promise<{ id: string; etag: string }> {
  const res = await fetch(`${w.base}/api/v1/w/${w.slug}/companies`, { method: 'POST', headers: w.headers, body: JSON.stringify({ name }) });
  if (res.status !== 201) throw new Error(`create answered ${res.status}: ${await res.text()}`);
  return { id: ((await res.json()) as { id: string }).id, etag: res.headers.get('etag') ?? '' };
}

export interface RaceResult {
  rounds: number;
  /** Rounds with exactly one 200 and one 409. */
  oneWinner: number;
  wins: number;
  conflicts: number;
  /** Every other status seen, by status. */
  other: Record<number, number>;
  /** Rounds whose stored name is not the winner's (a lost or merged write). */
  wrongFinal: number;
}

/** Per round: a fresh company, then two PATCHes sent together with its current ETag. */
export async function raceIfMatch(w: Writer, rounds: number): Promise<RaceResult> {
  const r: RaceResult = { rounds, oneWinner: 0, wins: 0, conflicts: 0, other: {}, wrongFinal: 0 };
  for (let i = 0; i < rounds; i++) {
    const { id, etag } = await createCompany(w, `Závod ${i} s.r.o.`);
    const url = `${w.base}/api/v1/w/${w.slug}/companies/${id}`;
    const names = ['Vítěz A', 'Vítěz B'].map((s) => `${s} ${i}`);
    const answers = await Promise.all(names.map((name) => fetch(url, { method: 'PATCH', headers: { ...w.headers, 'if-match': etag }, body: JSON.stringify({ name }) })));
    const statuses = answers.map((a) => a.status);
    await Promise.all(answers.map((a) => a.arrayBuffer()));
    for (const s of statuses) {
      if (s === 200) r.wins++;
      else if (s === 409) r.conflicts++;
      else r.other[s] = (r.other[s] ?? 0) + 1;
    }
    if ([...statuses].sort().join() === '200,409') {
      r.oneWinner++;
      const stored = (await (await fetch(url, { headers: w.headers })).json()) as { name: string };
      if (stored.name !== names[statuses.indexOf(200)]) r.wrongFinal++;
    }
  }
  return r;
}

export interface WritersResult {
  rps: number;
  requests: number;
  serverErrors: number;
  /** Non-2xx answers of any kind, plus connection errors and timeouts. */
  failures: number;
  p99: number;
}

/** `connections` writers for `seconds`: half create companies, half edit one of 50 (last writer wins). */
export async function parallelWriters(w: Writer, connections: number, seconds: number): Promise<WritersResult> {
  const ids: string[] = [];
  for (let i = 0; i < 50; i++) ids.push((await createCompany(w, `Sdílená ${i} s.r.o.`)).id);
  let n = 0;
  const r = await autocannon({
    url: w.base,
    connections,
    duration: seconds,
    headers: w.headers,
    requests: [
      {
        setupRequest: (req) => {
          const k = n++;
          return k % 2 === 0
            ? { ...req, method: 'POST', path: `/api/v1/w/${w.slug}/companies`, body: JSON.stringify({ name: `Souběh ${k} s.r.o.` }) }
            : { ...req, method: 'PATCH', path: `/api/v1/w/${w.slug}/companies/${ids[k % ids.length]!}`, body: JSON.stringify({ name: `Upraveno ${k}` }) };
        },
      },
    ],
  });
  return { rps: round(r.requests.average, 0), requests: r.requests.total, serverErrors: r['5xx'], failures: r.non2xx + r.errors + r.timeouts, p99: r.latency.p99 };
}

export async function runConcurrencyBench(): Promise<Row[]> {
  const dataDir = mkdtempSync(join(tmpdir(), 'tandem-bench-concurrency-'));
  const server = await startServer(dataDir);
  try {
    const race = await raceIfMatch(await writerFor(server, 'race'), 100);
    const writers = await parallelWriters(await writerFor(server, 'writers'), 50, SECONDS);
    const others = Object.values(race.other).reduce((a, b) => a + b, 0);
    return [
      { metric: '(a) same If-Match ×2: rounds with one 200 + one 409', value: race.oneWinner, unit: `of ${race.rounds}`, target: `${race.rounds}`, pass: race.oneWinner === race.rounds },
      { metric: '(a) wins / conflicts / other answers', value: race.wins, unit: `/ ${race.conflicts} / ${others}` },
      { metric: '(a) stored name not the winner’s', value: race.wrongFinal, unit: '', target: '0', pass: race.wrongFinal === 0 },
      { metric: `(b) 50 writers ${SECONDS} s (creates + edits)`, value: writers.rps, unit: 'req/s' },
      { metric: '(b) p99', value: writers.p99, unit: 'ms' },
      { metric: '(b) 5xx (SQLITE_BUSY) answers', value: writers.serverErrors, unit: `of ${writers.requests}`, target: '0', pass: writers.serverErrors === 0 },
      { metric: '(b) any non-2xx / errors', value: writers.failures, unit: '', target: '0', pass: writers.failures === 0 },
    ];
  } finally {
    server.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}
