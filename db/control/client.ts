import type { Client } from '@libsql/client';
import type { LibSQLDatabase } from 'drizzle-orm/libsql';
import { drizzle } from 'drizzle-orm/libsql/web';
import { applyMigrations } from '../migrations.ts';
import { migrations } from './migrations/index.ts';
import * as schema from './schema.ts';

export type ControlDb = LibSQLDatabase<typeof schema>;

/** Drizzle over a libSQL client (file or HTTP); the client's creator owns its lifetime. */
// drizzle() derives its relational config from the schema on every call (a few percent of a
// request): keep one per client.
const cache = new WeakMap<Client, ControlDb>();

export function controlDb(client: Client): ControlDb {
  let db = cache.get(client);
  if (!db) {
    db = drizzle(client, { schema });
    cache.set(client, db);
  }
  return db;
}

/** Brings the control-plane schema up to date; safe to call at every start. */
export async function migrateControl(client: Client): Promise<{ from: number; to: number }> {
  await client.execute('PRAGMA foreign_keys = ON');
  return applyMigrations(client, migrations);
}
