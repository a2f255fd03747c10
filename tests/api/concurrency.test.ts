// Concurrency, short: the real server (api/node.ts in a child process). Two PATCHes with the
// same If-Match: exactly one wins, the other gets 409 and changes nothing; 50 parallel writers
// on one workspace: no 5xx (SQLITE_BUSY) reaches a user. `node bench/run.ts concurrency` runs
// the same with 100 rounds and 10 s.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parallelWriters, raceIfMatch, writerFor } from '../../bench/concurrency.ts';
import { startServer, type Server } from '../../bench/lib.ts';

const dataDir = mkdtempSync(join(tmpdir(), 'tandem-concurrency-test-'));
let server: Server;

beforeAll(async () => {
  server = await startServer(dataDir);
}, 30_000);

afterAll(() => {
  if (server && server.process.exitCode === null && server.process.signalCode === null) server.process.kill('SIGKILL');
  rmSync(dataDir, { recursive: true, force: true });
});

describe('concurrent writers on the real server', () => {
  it('lets exactly one of two PATCHes with the same If-Match win; the other gets 409', async () => {
    const r = await raceIfMatch(await writerFor(server, 'race'), 20);
    expect(r.other).toEqual({});
    expect(r.oneWinner).toBe(20);
    expect(r.wins).toBe(20);
    expect(r.conflicts).toBe(20);
    // The loser's name never lands: the stored record is the winner's.
    expect(r.wrongFinal).toBe(0);
  });

  it('answers 50 parallel writers on one workspace without a single 5xx', { timeout: 20_000 }, async () => {
    const r = await parallelWriters(await writerFor(server, 'writers'), 50, 3);
    expect(r.requests).toBeGreaterThan(100);
    expect(r.serverErrors).toBe(0);
    expect(r.failures).toBe(0);
  });
});
