import type { Client } from '@libsql/client';
import type { LibSQLDatabase } from 'drizzle-orm/libsql';
import { drizzle } from 'drizzle-orm/libsql/web';
import * as schema from './schema.ts';

export type TenantDb = LibSQLDatabase<typeof schema>;

/** Drizzle over one workspace's database. */
export function tenantDb(client: Client): TenantDb {
  return drizzle(client, { schema });
}
