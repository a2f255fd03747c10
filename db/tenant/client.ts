import type { Client } from '@libsql/client';
import type { LibSQLDatabase } from 'drizzle-orm/libsql';
import { drizzle } from 'drizzle-orm/libsql/web';
import * as schema from './schema.ts';

export type TenantDb = LibSQLDatabase<typeof schema>;

// The embedded engine waits for a file lock synchronously, on the event loop: a second
// write transaction of the same process would block the very thread the first one needs
// to finish (SQLITE_BUSY after the timeout), and more than the pool's connections fail
// outright. So write transactions on one local file take turns within the process.
const queues = new WeakMap<Client, Promise<unknown>>();

/** Drizzle over one workspace's database. */
export function tenantDb(client: Client): TenantDb {
  const db = drizzle(client, { schema });
  if (client.protocol !== 'file') return db;
  const run = db.transaction.bind(db);
  db.transaction = ((...args: Parameters<typeof run>) => {
    const turn = (queues.get(client) ?? Promise.resolve()).then(() => run(...args));
    queues.set(
      client,
      turn.catch(() => undefined),
    );
    return turn;
  }) as typeof run;
  return db;
}
