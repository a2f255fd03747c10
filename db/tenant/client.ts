import type { Client } from '@libsql/client';
import type { LibSQLDatabase } from 'drizzle-orm/libsql';
import { drizzle } from 'drizzle-orm/libsql/web';
import * as schema from './schema.ts';

export type TenantDb = LibSQLDatabase<typeof schema> & { $client: Client };

// drizzle() derives its relational config from the schema on every call (a few percent of a
// request): keep one per client. Local files need no turn-taking here: the embedded client
// (db/embedded-client.ts) already queues transactions.
const cache = new WeakMap<Client, TenantDb>();

/** Drizzle over one workspace's database. */
export function tenantDb(client: Client): TenantDb {
  let db = cache.get(client);
  if (!db) {
    db = drizzle(client, { schema });
    cache.set(client, db);
  }
  return db;
}
