// What `npm start` runs is dist/node.mjs, the server bundled by scripts/build-server.ts: it
// must be the same server as the sources, native libSQL, migrations and all.
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, signUp, type Server } from '../../bench/lib.ts';
import { buildServer, serverBundle, serverBundleStale } from '../../scripts/build-server.ts';
import { call, createHarness } from './support.ts';

const dataDir = mkdtempSync(join(tmpdir(), 'tandem-bundle-test-'));
let server: Server;

beforeAll(async () => {
  // `npm test` has just built it; a lone `vitest` run may find it missing or old.
  if (serverBundleStale()) await buildServer();
  server = await startServer(dataDir, {}, serverBundle);
}, 60_000);

afterAll(() => {
  if (server && server.process.exitCode === null && server.process.signalCode === null) server.process.kill('SIGKILL');
  rmSync(dataDir, { recursive: true, force: true });
});

describe('the bundled server (dist/node.mjs)', () => {
  it('is not older than the sources it was built from', () => {
    expect(serverBundleStale()).toBe(false);
  });

  it('signs up into a migrated workspace database and serves its records', async () => {
    const { cookie, slug } = await signUp(server.base, 'bundle');
    const headers = { cookie, origin: server.base, 'content-type': 'application/json' };
    const created = await fetch(`${server.base}/api/v1/w/${slug}/companies`, { method: 'POST', headers, body: JSON.stringify({ name: 'Bundlík s.r.o.' }) });
    expect(created.status).toBe(201);
    const list = (await (await fetch(`${server.base}/api/v1/w/${slug}/companies?q=Bundl`, { headers })).json()) as { items: { name: string }[] };
    expect(list.items.map((c) => c.name)).toEqual(['Bundlík s.r.o.']);
  });

  it('documents the same routes as the server run from the sources', async () => {
    const bundled = (await (await fetch(`${server.base}/api/v1/openapi.json`)).json()) as { paths: Record<string, unknown> };
    const h = createHarness();
    try {
      const sources = (await (await call(h.app, 'GET', '/openapi.json')).json()) as { paths: Record<string, unknown> };
      expect(Object.keys(bundled.paths).sort()).toEqual(Object.keys(sources.paths).sort());
      expect(Object.keys(bundled.paths).length).toBeGreaterThan(80);
    } finally {
      h.close();
    }
  });

  it.runIf(existsSync(join(import.meta.dirname, '..', '..', 'web', 'build', 'index.html')))('serves the web app shell for app pages', async () => {
    const res = await fetch(`${server.base}/w/any/companies`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/html');
    expect(await res.text()).toContain('<html');
  });
});
