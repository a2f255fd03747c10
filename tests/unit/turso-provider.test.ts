import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createTursoProvider, tursoDatabaseName, TursoApiError, type TursoProviderOptions } from '../../db/tenants/turso-provider.ts';
import { startTursoPlatformFake, type TursoPlatformFake } from '../support/turso-platform-fake.ts';
import { startHranaServer, type HranaServer } from '../support/hrana-server.ts';

const API_TOKEN = 'platform-secret-token';
const GROUP_TOKEN = 'group-secret-token';
const WS_ULID = '01JD3V7ZQ8X9K2M4N6P8R0T2W4';
const WS_UUID = '0193a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b';

let fake: TursoPlatformFake;
let hrana: HranaServer;
let dir: string;

function options(extra: Partial<TursoProviderOptions> = {}): TursoProviderOptions {
  return { apiUrl: fake.url, org: 'acme', group: 'tenants', apiToken: API_TOKEN, groupToken: GROUP_TOKEN, ...extra };
}

async function rejection(p: Promise<unknown>): Promise<TursoApiError> {
  try {
    await p;
  } catch (e) {
    if (e instanceof TursoApiError) return e;
    throw e;
  }
  throw new Error('expected a TursoApiError');
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'turso-provider-'));
  hrana = await startHranaServer({ dir, authTokens: [GROUP_TOKEN] });
  fake = await startTursoPlatformFake({
    org: 'acme',
    groups: ['tenants', 'other'],
    apiToken: API_TOKEN,
    onCreate: (name) => void hrana.createDatabase(name),
    onDelete: (name) => hrana.deleteDatabase(name),
  });
});

afterEach(() => {
  fake.requests.length = 0;
  fake.databases.clear();
});

afterAll(async () => {
  await fake.close();
  await hrana.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('tursoDatabaseName', () => {
  it('lowercases ids and drops separators within Turso name rules', () => {
    expect(tursoDatabaseName(WS_ULID)).toBe('ws-01jd3v7zq8x9k2m4n6p8r0t2w4');
    expect(tursoDatabaseName(WS_UUID)).toBe('ws-0193a1b2c3d47e5f8a9b0c1d2e3f4a5b');
    expect(tursoDatabaseName(WS_UUID)).toMatch(/^[a-z0-9-]{1,64}$/);
  });

  it('refuses ids that cannot map one-to-one', () => {
    expect(() => tursoDatabaseName('a.b')).toThrow();
    expect(() => tursoDatabaseName('')).toThrow();
    expect(() => tursoDatabaseName('x'.repeat(70))).toThrow();
  });
});

describe('Turso tenant provider', () => {
  it('creates a database in the group with the platform token and returns its libsql URL', async () => {
    const provider = createTursoProvider(options());
    expect(provider.kind).toBe('turso');
    const location = await provider.create(WS_ULID);
    expect(location).toBe('libsql://ws-01jd3v7zq8x9k2m4n6p8r0t2w4-acme.turso.io');
    expect(fake.requests).toHaveLength(1);
    const [req] = fake.requests;
    expect(req).toMatchObject({
      method: 'POST',
      path: '/v1/organizations/acme/databases',
      authorization: `Bearer ${API_TOKEN}`,
      contentType: 'application/json',
      body: { name: 'ws-01jd3v7zq8x9k2m4n6p8r0t2w4', group: 'tenants' },
    });
  });

  it('treats "already exists" as success and reads the existing database', async () => {
    const provider = createTursoProvider(options());
    const first = await provider.create(WS_UUID);
    const second = await provider.create(WS_UUID);
    expect(second).toBe(first);
    expect(fake.requests.map((r) => `${r.method} ${r.path}`)).toEqual([
      'POST /v1/organizations/acme/databases',
      'POST /v1/organizations/acme/databases',
      'GET /v1/organizations/acme/databases/ws-0193a1b2c3d47e5f8a9b0c1d2e3f4a5b',
    ]);
    expect(fake.requests.every((r) => r.authorization === `Bearer ${API_TOKEN}`)).toBe(true);
  });

  it('does not adopt a same-named database from another group', async () => {
    await createTursoProvider(options({ group: 'other' })).create(WS_ULID);
    const err = await rejection(createTursoProvider(options()).create(WS_ULID));
    expect(err.status).toBe(409);
    expect(err.message).toContain('group other');
  });

  it('deletes the database, and deleting a missing one is not an error', async () => {
    const provider = createTursoProvider(options());
    const location = await provider.create(WS_ULID);
    await provider.destroy(WS_ULID, location);
    expect(fake.databases.size).toBe(0);
    await provider.destroy(WS_ULID, location);
    const deletes = fake.requests.filter((r) => r.method === 'DELETE');
    expect(deletes.map((r) => r.path)).toEqual([
      '/v1/organizations/acme/databases/ws-01jd3v7zq8x9k2m4n6p8r0t2w4',
      '/v1/organizations/acme/databases/ws-01jd3v7zq8x9k2m4n6p8r0t2w4',
    ]);
  });

  it("maps other answers to errors with Turso's reason and without the token", async () => {
    const provider = createTursoProvider(options());
    fake.failNext(500, { error: 'internal failure in region fra' });
    const e1 = await rejection(provider.create(WS_ULID));
    expect(e1.status).toBe(500);
    expect(e1.message).toContain('internal failure in region fra');
    expect(e1.message).toContain('POST /v1/organizations/acme/databases');

    const wrongToken = createTursoProvider(options({ apiToken: 'nope' }));
    const e2 = await rejection(wrongToken.create(WS_ULID));
    expect(e2.status).toBe(401);
    expect(e2.message).toContain('invalid or expired auth token');

    fake.failNext(502, 'Bad Gateway');
    const e3 = await rejection(provider.destroy(WS_ULID, 'libsql://x'));
    expect(e3.status).toBe(502);
    expect(e3.message).toContain('Bad Gateway');

    const e4 = await rejection(createTursoProvider(options({ group: 'missing' })).create(WS_ULID));
    expect(e4.status).toBe(404);

    for (const e of [e1, e2, e3, e4]) {
      expect(e.message).not.toContain(API_TOKEN);
      expect(e.message).not.toContain(GROUP_TOKEN);
    }
  });

  it('opens a fresh libSQL client per call with the group token', async () => {
    const provider = createTursoProvider(options({ databaseUrl: (_hostname, name) => hrana.databaseUrl(name) }));
    const location = await provider.create(WS_ULID);
    expect(location).toBe(hrana.databaseUrl('ws-01jd3v7zq8x9k2m4n6p8r0t2w4'));
    const a = provider.open(WS_ULID, location);
    const b = provider.open(WS_ULID, location);
    expect(a).not.toBe(b);
    await a.execute('CREATE TABLE notes (body TEXT)');
    await a.execute({ sql: 'INSERT INTO notes VALUES (?)', args: ['hello'] });
    const rs = await b.execute('SELECT body FROM notes');
    expect(rs.rows[0]!['body']).toBe('hello');
    a.close();
    b.close();
    await provider.destroy(WS_ULID, location);
    expect(hrana.hasDatabase('ws-01jd3v7zq8x9k2m4n6p8r0t2w4')).toBe(false);
  });

  it('uses an injected fetch for Platform API calls', async () => {
    const seen: string[] = [];
    const provider = createTursoProvider(
      options({
        fetch: (input, init) => {
          seen.push(String(input));
          return fetch(input, init);
        },
      }),
    );
    await provider.create(WS_ULID);
    expect(seen).toEqual([`${fake.url}/v1/organizations/acme/databases`]);
  });
});
