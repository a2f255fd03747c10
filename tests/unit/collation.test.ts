import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createEmbeddedClient } from '../../db/embedded-client.ts';
import { czechSortKey, czechSortKeyStage } from '../../db/tenant/collation.ts';

const NAMES = ['Zeman', 'Čech', 'Cihla', 'Chmel', 'Hora', 'Iva', 'Řeka', 'Rak', 'Šimon', 'Sova', 'Žák', 'Ábel', 'Adam', 'ČEZ, a. s.', 'Dvořák', 'Dvorak', 'Tůma', 'Tuma'];
const CZECH_ORDER = ['Ábel', 'Adam', 'Cihla', 'Čech', 'ČEZ, a. s.', 'Dvorak', 'Dvořák', 'Hora', 'Chmel', 'Iva', 'Rak', 'Řeka', 'Sova', 'Šimon', 'Tuma', 'Tůma', 'Zeman', 'Žák'];

describe('Czech sort key', () => {
  it('orders Č after C, CH after H, Ř, Š, Ž as letters of their own, other accents with their base letter', () => {
    const sorted = [...NAMES].sort((a, b) => (czechSortKey(a) < czechSortKey(b) ? -1 : czechSortKey(a) > czechSortKey(b) ? 1 : a < b ? -1 : 1));
    expect(sorted).toEqual(CZECH_ORDER);
  });

  it('is computed identically by SQLite (the generated columns) and in JS', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tandem-collation-'));
    const db = createEmbeddedClient(join(dir, 't.db'));
    try {
      await db.execute(
        `CREATE TABLE t (name TEXT, k0 TEXT GENERATED ALWAYS AS (${czechSortKeyStage(0, 'name')}) VIRTUAL,
          k1 TEXT GENERATED ALWAYS AS (${czechSortKeyStage(1, 'k0')}) VIRTUAL, k TEXT GENERATED ALWAYS AS (${czechSortKeyStage(2, 'k1')}) VIRTUAL)`,
      );
      for (const name of NAMES) await db.execute({ sql: 'INSERT INTO t (name) VALUES (?)', args: [name] });
      const rows = (await db.execute('SELECT name, k FROM t ORDER BY k, name')).rows;
      expect(rows.map((r) => r['name'])).toEqual(CZECH_ORDER);
      for (const r of rows) expect(r['k']).toBe(czechSortKey(String(r['name'])));
    } finally {
      db.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
