import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createEmbeddedClient } from '../../db/embedded-client.ts';
import { applyMigrations } from '../../db/migrations.ts';
import { czechSortKey } from '../../db/tenant/collation.ts';
import { migrations as tenantMigrations } from '../../db/tenant/migrations/index.ts';

const NAMES = ['Zeman', 'Čech', 'Cihla', 'Chmel', 'Hora', 'Iva', 'Řeka', 'Rak', 'Šimon', 'Sova', 'Žák', 'Ábel', 'Adam', 'ČEZ, a. s.', 'Dvořák', 'Dvorak', 'Tůma', 'Tuma'];
const CZECH_ORDER = ['Ábel', 'Adam', 'Cihla', 'Čech', 'ČEZ, a. s.', 'Dvorak', 'Dvořák', 'Hora', 'Chmel', 'Iva', 'Rak', 'Řeka', 'Sova', 'Šimon', 'Tuma', 'Tůma', 'Zeman', 'Žák'];

describe('Czech sort key', () => {
  it('orders Č after C, CH after H, Ř, Š, Ž as letters of their own, other accents with their base letter', () => {
    const sorted = [...NAMES].sort((a, b) => (czechSortKey(a) < czechSortKey(b) ? -1 : czechSortKey(a) > czechSortKey(b) ? 1 : a < b ? -1 : 1));
    expect(sorted).toEqual(CZECH_ORDER);
  });

  it('is kept by the tenant schema\'s triggers, identical to the JS key, through inserts and renames', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tandem-collation-'));
    const db = createEmbeddedClient(join(dir, 't.db'));
    try {
      await applyMigrations(db, tenantMigrations);
      for (const [i, name] of NAMES.entries()) {
        await db.execute({ sql: "INSERT INTO companies (id, name, tags, created_at, updated_at) VALUES (?, ?, '[]', 0, 0)", args: [`c${i}`, name] });
        await db.execute({ sql: "INSERT INTO contacts (id, first_name, last_name, tags, created_at, updated_at) VALUES (?, 'Jan', ?, '[]', 0, 0)", args: [`p${i}`, name] });
      }
      const rows = (await db.execute('SELECT name, name_key FROM companies WHERE deleted_at IS NULL ORDER BY name_key, name')).rows;
      expect(rows.map((r) => r['name'])).toEqual(CZECH_ORDER);
      for (const r of rows) expect(r['name_key']).toBe(czechSortKey(String(r['name'])));
      const contact = (await db.execute("SELECT name_key FROM contacts WHERE id = 'p1'")).rows[0]!;
      expect(contact['name_key']).toBe(czechSortKey('Čech Jan'));

      await db.execute("UPDATE companies SET name = 'Šťastný' WHERE id = 'c0'");
      expect((await db.execute("SELECT name_key FROM companies WHERE id = 'c0'")).rows[0]!['name_key']).toBe(czechSortKey('Šťastný'));
    } finally {
      db.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('Czech sort key written by the API', () => {
  it('matches what the triggers would compute, also after a rename', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tandem-collation-api-'));
    const db = createEmbeddedClient(join(dir, 't.db'));
    try {
      await applyMigrations(db, tenantMigrations);
      // A writer that sets the key itself, as the API does: the triggers stay out of the way.
      await db.execute({ sql: "INSERT INTO companies (id, name, name_key, tags, created_at, updated_at) VALUES ('a', 'Čech', ?, '[]', 0, 0)", args: [czechSortKey('Čech')] });
      // A writer that renames without touching the key (raw SQL, an import): the trigger fixes it.
      await db.execute("UPDATE companies SET name = 'Chmel' WHERE id = 'a'");
      expect((await db.execute("SELECT name_key FROM companies WHERE id = 'a'")).rows[0]!['name_key']).toBe(czechSortKey('Chmel'));
    } finally {
      db.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
