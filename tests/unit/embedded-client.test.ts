import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Client } from '@libsql/client';
import { createEmbeddedClient } from '../../db/embedded-client.ts';

let dir: string;
let db: Client;

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'tandem-embedded-'));
  db = createEmbeddedClient(join(dir, 't.db'));
  await db.execute('CREATE TABLE t (id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE, data BLOB)');
});
afterEach(() => {
  db.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('embedded libSQL client', () => {
  it('returns rows readable by column name and by index, with names as the only enumerable keys', async () => {
    await db.execute({ sql: 'INSERT INTO t (id, name) VALUES (?, ?)', args: [1, 'Dvořák'] });
    const rs = await db.execute('SELECT id, name, id AS id FROM t');
    const row = rs.rows[0]!;
    expect(row['name']).toBe('Dvořák');
    expect(row[0]).toBe(1);
    expect(row[1]).toBe('Dvořák');
    expect(row.length).toBe(3);
    expect(Object.keys(row)).toEqual(['id', 'name']);
    expect(Array.prototype.slice.call(row)).toEqual([1, 'Dvořák', 1]);
    expect(rs.columns).toEqual(['id', 'name', 'id']);
  });

  it('binds named arguments, booleans and blobs, and reports changes and the last rowid', async () => {
    const ins = await db.execute({ sql: 'INSERT INTO t (name, data) VALUES (:name, $data)', args: { name: 'a', data: new Uint8Array([1, 2]) } });
    expect(ins.rowsAffected).toBe(1);
    expect(ins.lastInsertRowid).toBe(1n);
    const rs = await db.execute({ sql: 'SELECT ? AS yes, data FROM t', args: [true] });
    expect(rs.rows[0]!['yes']).toBe(1);
    const data: unknown = rs.rows[0]!['data'];
    expect(data).toBeInstanceOf(Uint8Array);
    expect([...(data as Uint8Array)]).toEqual([1, 2]);
  });

  it('rolls a failed batch back entirely', async () => {
    await expect(
      db.batch([{ sql: 'INSERT INTO t (name) VALUES (?)', args: ['x'] }, { sql: 'INSERT INTO t (name) VALUES (?)', args: ['x'] }], 'write'),
    ).rejects.toThrow(/UNIQUE/);
    expect((await db.execute('SELECT count(*) AS n FROM t')).rows[0]!['n']).toBe(0);
  });

  it('queues concurrent transactions instead of failing or interleaving them', async () => {
    const work = Array.from({ length: 20 }, async (_, i) => {
      const tx = await db.transaction('write');
      const before = Number((await tx.execute('SELECT count(*) AS n FROM t')).rows[0]!['n']);
      await new Promise((r) => setTimeout(r, 1));
      await tx.execute({ sql: 'INSERT INTO t (name) VALUES (?)', args: [`n${before}-${i}`] });
      await tx.commit();
      return before;
    });
    const seen = await Promise.all(work);
    // Each transaction saw every earlier one committed: counts 0..19, each exactly once.
    expect([...seen].sort((a, b) => a - b)).toEqual(Array.from({ length: 20 }, (_, i) => i));
  });

  it('rolls back a transaction and lets the next operation run', async () => {
    const tx = await db.transaction('write');
    await tx.execute({ sql: 'INSERT INTO t (name) VALUES (?)', args: ['gone'] });
    await tx.rollback();
    expect(tx.closed).toBe(true);
    expect((await db.execute('SELECT count(*) AS n FROM t')).rows[0]!['n']).toBe(0);
  });

  it('reuses prepared statements across calls with different arguments', async () => {
    for (let i = 0; i < 5; i++) await db.execute({ sql: 'INSERT INTO t (name) VALUES (?)', args: [`r${i}`] });
    const rs = await db.execute({ sql: 'SELECT name FROM t WHERE id > ? ORDER BY id', args: [3] });
    expect(rs.rows.map((r) => r['name'])).toEqual(['r3', 'r4']);
  });
});
