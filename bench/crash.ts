// Crash safety (issue 6): many concurrent creates, `kill -9` of the server part-way, a restart
// on the same data directory, then the checks: every acknowledged create is there and intact,
// both database files pass integrity_check, and the full-text index agrees with the table.
// The test in tests/api/crash-safety.test.ts runs the same scenario, smaller.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Client } from '@libsql/client';
import { createEmbeddedClient } from '../db/embedded-client.ts';
import { round, signUp, startServer, type Row, type Server } from './lib.ts';

export interface CrashOptions {
  /** Concurrent creates fired at once. */
  creates: number;
  /** The server is killed as soon as this many responses have arrived. */
  killAfter: number;
  /** Up to this many ms of random delay before the kill, so it lands at varying points of a write. */
  killJitterMs?: number;
  /** Searches through the API for acknowledged names (each a unique token). */
  searchSample: number;
  /** Every server spawned, so a caller can kill leftovers if the scenario itself dies. */
  onServer?: (server: Server) => void;
}

export interface CrashResult {
  /** Whole responses that arrived (any status), a few possibly just after the kill was sent. */
  responses: number;
  acknowledged: number;
  /** Non-201 answers that arrived before the kill: creates must not fail for other reasons. */
  failedAnswers: number;
  presentAfterRestart: number;
  /** Acknowledged, yet missing or changed after the restart. */
  lost: string[];
  /** Rows in the table (acknowledged or not: a commit may land after its answer was cut off). */
  tableRows: number;
  integrity: { tenant: string; control: string; fts: string };
  /** Table rowids missing from the FTS index plus index rowids without a row. */
  ftsMismatches: number;
  /** Sampled names that the search API did not find. */
  searchMisses: string[];
  /** Spawn of the restarted server until its health check answers. */
  restartMs: number;
  /** Spawn until the first read of the tenant database (opening it replays the WAL). */
  firstReadMs: number;
}

const WORD = 'crashprobe';

function waitForExit(server: Server): Promise<void> {
  const child = server.process;
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => child.once('exit', () => resolve()));
}

async function stopAndWait(server: Server): Promise<void> {
  const exited = waitForExit(server);
  server.stop();
  await exited;
}

async function pragma(db: Client, sql: string): Promise<string> {
  const rs = await db.execute(sql);
  return rs.rows.map((r) => String(r[0])).join('; ');
}

/** Runs the scenario in `dataDir` (a fresh, empty directory the caller owns and removes). */
export async function runCrashScenario(dataDir: string, options: CrashOptions): Promise<CrashResult> {
  const spawned: Server[] = [];
  const start = async () => {
    const server = await startServer(dataDir);
    spawned.push(server);
    options.onServer?.(server);
    return server;
  };
  try {
    const first = await start();
    const { cookie, slug, workspaceId } = await signUp(first.base, 'crash');
    const tag = Math.random().toString(36).slice(2, 6).replace(/\d/g, 'q');
    // Fixed-width tokens: a prefix search for one can't match another.
    const names = Array.from({ length: options.creates }, (_, i) => `Crashprobe ${tag}${String(i).padStart(5, '0')} s.r.o.`);

    const acked = new Map<string, string>(); // id → name
    let responses = 0;
    let failedAnswers = 0;
    let killed = false;
    const killedAt = new Promise<void>((resolve) => {
      first.process.once('exit', () => resolve());
    });
    const kill = () => {
      if (killed) return;
      killed = true;
      const jitter = options.killJitterMs ?? 0;
      if (jitter > 0) setTimeout(() => first.process.kill('SIGKILL'), Math.random() * jitter);
      else first.process.kill('SIGKILL');
    };
    const api = `${first.base}/api/v1/w/${slug}`;
    const headers = { cookie, origin: first.base, 'content-type': 'application/json' };
    await Promise.all(
      names.map(async (name) => {
        try {
          const res = await fetch(`${api}/companies`, { method: 'POST', headers, body: JSON.stringify({ name }) });
          // A body cut off by the kill is no acknowledgement: only a whole 201 counts.
          const body = (await res.json()) as { id?: string };
          // A whole answer sent before the kill took effect is an acknowledgement too.
          responses++;
          if (res.status === 201 && body.id) acked.set(body.id, name);
          else failedAnswers++;
        } catch {
          return; // the connection died with the server
        } finally {
          if (responses >= options.killAfter) kill();
        }
      }),
    );
    kill();
    await killedAt;

    // Restart on the same directory; the cookie's session lives in control.db.
    const second = await start();
    const restartMs = second.startMs;
    const spawnedAt = performance.now() - second.startMs;
    const base2 = `${second.base}/api/v1/w/${slug}`;
    const headers2 = { cookie, origin: second.base };
    await fetch(`${base2}/companies?limit=1`, { headers: headers2 }).then((r) => {
      if (!r.ok) throw new Error(`the first list after the restart answered ${r.status}`);
    });
    const firstReadMs = performance.now() - spawnedAt;

    const lost: string[] = [];
    let present = 0;
    const ids = [...acked.keys()];
    for (let i = 0; i < ids.length; i += 50) {
      await Promise.all(
        ids.slice(i, i + 50).map(async (id) => {
          const res = await fetch(`${base2}/companies/${id}`, { headers: headers2 });
          const body = res.ok ? ((await res.json()) as { id: string; name: string }) : null;
          if (body && body.id === id && body.name === acked.get(id)) present++;
          else lost.push(id);
        }),
      );
    }

    const searchMisses: string[] = [];
    const sample = ids.filter((_, i) => i % Math.max(1, Math.floor(ids.length / options.searchSample)) === 0).slice(0, options.searchSample);
    for (const id of sample) {
      const token = acked.get(id)!.split(' ')[1]!;
      const res = await fetch(`${base2}/search?q=${encodeURIComponent(token)}`, { headers: headers2 });
      const body = res.ok ? ((await res.json()) as { items: { type: string; id: string }[] }) : { items: [] };
      if (!body.items.some((h) => h.type === 'company' && h.id === id)) searchMisses.push(id);
    }
    await stopAndWait(second);

    // The server is gone: open the files directly, as the server does.
    const tenant = createEmbeddedClient(join(dataDir, 'tenants', `${workspaceId}.db`));
    const control = createEmbeddedClient(join(dataDir, 'control.db'));
    try {
      const integrity = {
        tenant: await pragma(tenant, 'PRAGMA integrity_check'),
        control: await pragma(control, 'PRAGMA integrity_check'),
        fts: 'ok',
      };
      try {
        // FTS5's own check of its index structure (it raises SQLITE_CORRUPT_VTAB if broken).
        await tenant.execute("INSERT INTO companies_fts(companies_fts) VALUES ('integrity-check')");
      } catch (e) {
        integrity.fts = e instanceof Error ? e.message : String(e);
      }
      const tableRowids = new Set((await tenant.execute('SELECT rowid FROM companies')).rows.map((r) => Number(r[0])));
      const ftsRowids = new Set(
        (await tenant.execute({ sql: 'SELECT rowid FROM companies_fts WHERE companies_fts MATCH ?', args: [WORD] })).rows.map((r) => Number(r[0])),
      );
      let ftsMismatches = 0;
      for (const r of tableRowids) if (!ftsRowids.has(r)) ftsMismatches++;
      for (const r of ftsRowids) if (!tableRowids.has(r)) ftsMismatches++;
      return {
        responses,
        acknowledged: acked.size,
        failedAnswers,
        presentAfterRestart: present,
        lost,
        tableRows: tableRowids.size,
        integrity,
        ftsMismatches,
        searchMisses,
        restartMs,
        firstReadMs,
      };
    } finally {
      tenant.close();
      control.close();
    }
  } finally {
    for (const s of spawned) if (s.process.exitCode === null && s.process.signalCode === null) s.process.kill('SIGKILL');
    await Promise.all(spawned.map(waitForExit));
  }
}

export async function runCrashBench(): Promise<Row[]> {
  const creates = Number(process.env['BENCH_CRASH_CREATES'] ?? 1000);
  const killAfter = Number(process.env['BENCH_CRASH_KILL_AFTER'] ?? 300);
  const dataDir = mkdtempSync(join(tmpdir(), 'tandem-bench-crash-'));
  try {
    const r = await runCrashScenario(dataDir, { creates, killAfter, searchSample: 50, killJitterMs: 20 });
    const integrityOk = r.integrity.tenant === 'ok' && r.integrity.control === 'ok' && r.integrity.fts === 'ok';
    return [
      { metric: `creates fired at once`, value: creates, unit: '' },
      { metric: `responses (kill -9 ≤ 20 ms after ${killAfter})`, value: r.responses, unit: '' },
      { metric: 'acknowledged creates (201)', value: r.acknowledged, unit: '' },
      { metric: 'non-201 answers before the kill', value: r.failedAnswers, unit: '', target: '0', pass: r.failedAnswers === 0 },
      { metric: 'acknowledged, present after restart', value: r.presentAfterRestart, unit: '' },
      { metric: 'acknowledged, lost or changed', value: r.lost.length, unit: '', target: '0', pass: r.lost.length === 0 },
      { metric: 'rows after restart (incl. unanswered commits)', value: r.tableRows, unit: '' },
      { metric: 'integrity_check tenant + control + FTS', value: integrityOk ? 1 : 0, unit: 'ok', target: '1', pass: integrityOk },
      { metric: 'FTS index vs table mismatches', value: r.ftsMismatches, unit: '', target: '0', pass: r.ftsMismatches === 0 },
      { metric: 'search API misses (sample of 50)', value: r.searchMisses.length, unit: '', target: '0', pass: r.searchMisses.length === 0 },
      { metric: 'restart to healthy', value: round(r.restartMs, 0), unit: 'ms' },
      { metric: 'restart to first tenant read', value: round(r.firstReadMs, 0), unit: 'ms' },
    ];
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}
