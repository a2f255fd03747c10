import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createClient, LibsqlError, type Client } from '@libsql/client/web';
import { startHranaServer, type HranaServer } from '../support/hrana-server.ts';

const TOKEN = 'test-token';

let dir: string;
let server: HranaServer;
let client: Client;

function clientFor(name: string, authToken: string = TOKEN): Client {
  return createClient({ url: server.databaseUrl(name), authToken });
}

async function post(name: string, path: string, body: unknown): Promise<Response> {
  return fetch(`${server.databaseUrl(name)}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${TOKEN}` },
    body: JSON.stringify(body),
  });
}

async function codeOf(p: Promise<unknown>): Promise<string> {
  try {
    await p;
  } catch (e) {
    if (e instanceof LibsqlError) return e.code;
    throw e;
  }
  throw new Error('expected the call to fail');
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'hrana-'));
  server = await startHranaServer({ dir, authTokens: [TOKEN], streamIdleMs: 300 });
  server.createDatabase('main');
  client = clientFor('main');
  await client.executeMultiple(`
    CREATE TABLE items (id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE, price REAL, data BLOB, note TEXT);
    CREATE TABLE counters (k TEXT PRIMARY KEY, n INTEGER NOT NULL);
  `);
});

afterAll(async () => {
  client.close();
  await server.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('hrana server, through @libsql/client/web', () => {
  it('executes statements with typed values both ways', async () => {
    const ins = await client.execute({
      sql: 'INSERT INTO items (name, price, data, note) VALUES (?, ?, ?, ?)',
      args: ['Dvořák', 12.5, new Uint8Array([0, 1, 255]), null],
    });
    expect(ins.rowsAffected).toBe(1);
    expect(ins.lastInsertRowid).toBe(1n);

    const rs = await client.execute({ sql: 'SELECT id, name, price, data, note, 1.0 AS one FROM items WHERE name = :name', args: { name: 'Dvořák' } });
    expect(rs.columns).toEqual(['id', 'name', 'price', 'data', 'note', 'one']);
    expect(rs.columnTypes.slice(0, 4)).toEqual(['INTEGER', 'TEXT', 'REAL', 'BLOB']);
    const row = rs.rows[0]!;
    expect(row['id']).toBe(1);
    expect(row['name']).toBe('Dvořák');
    expect(row['price']).toBe(12.5);
    expect(new Uint8Array(row['data'] as ArrayBuffer)).toEqual(new Uint8Array([0, 1, 255]));
    expect(row['note']).toBeNull();
    expect(rs.rowsAffected).toBe(0);

    const big = await createClient({ url: server.databaseUrl('main'), authToken: TOKEN, intMode: 'bigint' }).execute('SELECT 9007199254740993 AS n');
    expect(big.rows[0]!['n']).toBe(9007199254740993n);
  });

  it('reports rows affected by RETURNING statements and not by plain selects', async () => {
    const rs = await client.execute({ sql: "INSERT INTO counters (k, n) VALUES ('a', 1), ('b', 2) RETURNING k", args: [] });
    expect(rs.rows.map((r) => r['k'])).toEqual(['a', 'b']);
    expect(rs.rowsAffected).toBe(2);
    expect((await client.execute('SELECT * FROM counters')).rowsAffected).toBe(0);
    expect((await client.execute("UPDATE counters SET n = n + 1")).rowsAffected).toBe(2);
  });

  it('runs a write batch atomically and rolls it back on error', async () => {
    const ok = await client.batch(
      [
        { sql: 'INSERT INTO items (name) VALUES (?)', args: ['batch-1'] },
        { sql: 'INSERT INTO items (name) VALUES (?)', args: ['batch-2'] },
        "SELECT count(*) AS c FROM items WHERE name LIKE 'batch-%'",
      ],
      'write',
    );
    expect(ok[2]!.rows[0]!['c']).toBe(2);

    const code = await codeOf(
      client.batch(
        [
          { sql: 'INSERT INTO items (name) VALUES (?)', args: ['batch-3'] },
          { sql: 'INSERT INTO items (name) VALUES (?)', args: ['batch-1'] },
        ],
        'write',
      ),
    );
    expect(code).toBe('SQLITE_CONSTRAINT');
    const rs = await client.execute("SELECT count(*) AS c FROM items WHERE name = 'batch-3'");
    expect(rs.rows[0]!['c']).toBe(0);
  });

  it('keeps an interactive transaction on one connection until commit', async () => {
    const tx = await client.transaction('write');
    await tx.execute({ sql: 'INSERT INTO items (name) VALUES (?)', args: ['tx-commit'] });
    const inside = await tx.execute("SELECT count(*) AS c FROM items WHERE name = 'tx-commit'");
    expect(inside.rows[0]!['c']).toBe(1);
    // Another connection does not see the uncommitted row (WAL snapshot).
    const outside = await client.execute("SELECT count(*) AS c FROM items WHERE name = 'tx-commit'");
    expect(outside.rows[0]!['c']).toBe(0);
    await tx.commit();
    const after = await client.execute("SELECT count(*) AS c FROM items WHERE name = 'tx-commit'");
    expect(after.rows[0]!['c']).toBe(1);
  });

  it('rolls an interactive transaction back', async () => {
    const tx = await client.transaction('write');
    await tx.batch([{ sql: 'INSERT INTO items (name) VALUES (?)', args: ['tx-rollback'] }]);
    await tx.rollback();
    const rs = await client.execute("SELECT count(*) AS c FROM items WHERE name = 'tx-rollback'");
    expect(rs.rows[0]!['c']).toBe(0);
    tx.close();
  });

  it('makes a second writer wait for the first instead of failing', async () => {
    const first = await client.transaction('write');
    await first.execute("UPDATE counters SET n = n + 10 WHERE k = 'a'");
    const second = clientFor('main').batch(["UPDATE counters SET n = n * 2 WHERE k = 'a'"], 'write');
    await new Promise((r) => setTimeout(r, 50));
    await first.commit();
    await second;
    const rs = await client.execute("SELECT n FROM counters WHERE k = 'a'");
    expect(rs.rows[0]!['n']).toBe((2 + 10) * 2);
  });

  it('expires an idle stream and releases its lock', async () => {
    const tx = await client.transaction('write');
    await tx.execute("INSERT INTO items (name) VALUES ('abandoned')");
    await new Promise((r) => setTimeout(r, 600));
    expect(await codeOf(tx.commit())).toBe('STREAM_EXPIRED');
    await client.execute("INSERT INTO items (name) VALUES ('after-expiry')");
    const rs = await client.execute("SELECT count(*) AS c FROM items WHERE name = 'abandoned'");
    expect(rs.rows[0]!['c']).toBe(0);
  });

  it('maps errors as sqld does', async () => {
    expect(await codeOf(client.execute('SELEC 1'))).toBe('SQL_PARSE_ERROR');
    expect(await codeOf(client.execute('SELECT * FROM nope'))).toBe('SQLITE_ERROR');
    expect(await codeOf(client.execute("INSERT INTO items (name) VALUES ('batch-1')"))).toBe('SQLITE_CONSTRAINT');
    expect(await codeOf(client.execute('SELECT 1; SELECT 2'))).toBe('SQL_MANY_STATEMENTS');
    expect(await codeOf(client.execute('-- nothing'))).toBe('SQL_NO_STATEMENT');
    try {
      await client.execute("INSERT INTO items (name) VALUES ('batch-1')");
    } catch (e) {
      expect((e as Error).message).toContain('UNIQUE constraint failed: items.name');
    }
    expect(await codeOf(clientFor('main', 'wrong').execute('SELECT 1'))).toBe('SERVER_ERROR');
    expect(await codeOf(clientFor('missing').execute('SELECT 1'))).toBe('SERVER_ERROR');
  });

  it('runs sequences with trigger bodies, and FTS5 folds diacritics', async () => {
    await client.executeMultiple(`
      CREATE VIRTUAL TABLE people_fts USING fts5(name, tokenize='unicode61 remove_diacritics 2');
      CREATE TABLE people (id INTEGER PRIMARY KEY, name TEXT NOT NULL); -- comment; with a semicolon
      CREATE TRIGGER people_ai AFTER INSERT ON people BEGIN
        INSERT INTO people_fts (rowid, name) VALUES (new.id, new.name);
        SELECT 'a;b';
      END;
    `);
    await client.batch([
      { sql: 'INSERT INTO people (name) VALUES (?)', args: ['Antonín Dvořák'] },
      { sql: 'INSERT INTO people (name) VALUES (?)', args: ['Bedřich Smetana'] },
    ]);
    const rs = await client.execute({ sql: 'SELECT rowid, name FROM people_fts WHERE people_fts MATCH ?', args: ['dvorak'] });
    expect(rs.rows.map((r) => r['name'])).toEqual(['Antonín Dvořák']);
  });

  it('serves several databases, each its own file', async () => {
    server.createDatabase('other');
    const other = clientFor('other');
    await other.execute('CREATE TABLE only_here (x)');
    expect(await codeOf(client.execute('SELECT * FROM only_here'))).toBe('SQLITE_ERROR');
    server.deleteDatabase('other');
    expect(server.hasDatabase('other')).toBe(false);
  });

  it('leaves no stream open after client calls finish', async () => {
    await client.execute('SELECT 1');
    await client.batch(['SELECT 1', 'SELECT 2'], 'read');
    expect(server.openStreams()).toBe(0);
  });
});

describe('hrana server, raw protocol', () => {
  it('answers version probes so clients pick JSON', async () => {
    const v2 = await fetch(`${server.databaseUrl('main')}v2`);
    expect(v2.status).toBe(200);
    const pb = await fetch(`${server.databaseUrl('main')}v3-protobuf`);
    expect(pb.status).toBe(404);
  });

  it('keeps a stream across requests with batons and supports v3 conditions', async () => {
    const first = await post('main', 'v3/pipeline', {
      requests: [
        { type: 'execute', stmt: { sql: 'BEGIN' } },
        { type: 'get_autocommit' },
        { type: 'store_sql', sql_id: 1, sql: 'SELECT ?' },
      ],
    });
    const body1 = (await first.json()) as { baton: string; results: { type: string; response: { is_autocommit?: boolean } }[] };
    expect(body1.baton).toBeTypeOf('string');
    expect(body1.results[1]!.response.is_autocommit).toBe(false);

    const second = await post('main', 'v3/pipeline', {
      baton: body1.baton,
      requests: [
        {
          type: 'batch',
          batch: {
            steps: [
              { stmt: { sql_id: 1, args: [{ type: 'integer', value: '42' }] } },
              { condition: { type: 'not', cond: { type: 'is_autocommit' } }, stmt: { sql: 'COMMIT' } },
              { condition: { type: 'error', step: 0 }, stmt: { sql: 'SELECT 0' } },
            ],
          },
        },
        { type: 'describe', sql: 'SELECT name FROM items WHERE id = :id' },
        { type: 'close' },
      ],
    });
    const body2 = (await second.json()) as {
      baton: string | null;
      results: { type: string; response: { result: Record<string, unknown> } }[];
    };
    expect(body2.baton).toBeNull();
    const batch = body2.results[0]!.response.result as { step_results: ({ rows: unknown[][] } | null)[]; step_errors: unknown[] };
    expect(batch.step_results[0]!.rows).toEqual([[{ type: 'integer', value: '42' }]]);
    expect(batch.step_results[1]).not.toBeNull();
    expect(batch.step_results[2]).toBeNull();
    expect(batch.step_errors).toEqual([null, null, null]);
    const described = body2.results[1]!.response.result;
    expect(described).toMatchObject({ params: [{ name: ':id' }], cols: [{ name: 'name' }], is_explain: false, is_readonly: true });

    const reused = await post('main', 'v3/pipeline', { baton: body1.baton, requests: [] });
    expect(reused.status).toBe(400);
  });

  it('streams cursor entries as newline-delimited JSON', async () => {
    const res = await post('main', 'v3/cursor', {
      batch: { steps: [{ stmt: { sql: 'SELECT 1 AS a UNION ALL SELECT 2' } }, { stmt: { sql: 'SELECT * FROM nope' } }] },
    });
    const lines = (await res.text()).trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines.map((l) => l['type'])).toEqual([undefined, 'step_begin', 'row', 'row', 'step_end', 'step_error']);
  });

  it('rejects v3-only features on v2 and malformed bodies', async () => {
    expect((await post('main', 'v2/pipeline', { requests: [{ type: 'get_autocommit' }] })).status).toBe(400);
    expect((await post('main', 'v2/pipeline', { requests: [{ type: 'nope' }] })).status).toBe(400);
    const bad = await fetch(`${server.databaseUrl('main')}v2/pipeline`, {
      method: 'POST',
      headers: { authorization: `Bearer ${TOKEN}` },
      body: '{',
    });
    expect(bad.status).toBe(400);
  });
});
