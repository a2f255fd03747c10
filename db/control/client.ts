import type { Client } from '@libsql/client';
import type { LibSQLDatabase } from 'drizzle-orm/libsql';
import { drizzle } from 'drizzle-orm/libsql/web';
import { applyMigrations } from '../migrations.ts';
import { migrations } from './migrations/index.ts';
import * as schema from './schema.ts';

export type ControlDb = LibSQLDatabase<typeof schema>;

/** Drizzle over a libSQL client (file or HTTP); the client's creator owns its lifetime. */
export function controlDb(client: Client): ControlDb {
  return drizzle(client, { schema });
}

/** Brings the control-plane schema up to date; safe to call at every start. */
export async function migrateControl(client: Client): Promise<{ from: number; to: number }> {
  await client.execute('PRAGMA foreign_keys = ON');
  return applyMigrations(client, migrations);
}
