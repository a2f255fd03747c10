import type { Client } from '@libsql/client';
import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { createEmbeddedClient } from '../embedded-client.ts';
import type { TenantProvider } from './provider.ts';

export interface LocalProviderOptions {
  /** Folder holding one `<workspaceId>.db` file per workspace. */
  dir: string;
  /** Open clients kept at once; the least recently used is closed beyond this. */
  maxOpen?: number;
  /** Busy timeout (ms) so concurrent writers wait for the lock instead of failing. */
  busyTimeoutMs?: number;
}

/** Local SQLite files through libSQL: the provider for `npm start`, self-hosting and tests. */
export function createLocalProvider(options: LocalProviderOptions): TenantProvider & { openCount(): number; closeAll(): void } {
  const maxOpen = options.maxOpen ?? 256;
  const busyTimeout = options.busyTimeoutMs ?? 5000;
  mkdirSync(options.dir, { recursive: true });
  // A Map keeps insertion order: re-inserting on use makes its first key the least recently used.
  const open = new Map<string, Client>();

  const fileFor = (workspaceId: string) => join(options.dir, `${workspaceId}.db`);

  function connect(path: string): Client {
    return createEmbeddedClient(path, { timeout: busyTimeout });
  }

  return {
    kind: 'local',
    async create(workspaceId) {
      const path = fileFor(workspaceId);
      const client = connect(path);
      try {
        // WAL is a property of the file, so setting it once at creation covers every later connection.
        await client.execute('PRAGMA journal_mode = WAL');
      } finally {
        client.close();
      }
      return path;
    },
    open(workspaceId, location) {
      const hit = open.get(workspaceId);
      if (hit && !hit.closed) {
        open.delete(workspaceId);
        open.set(workspaceId, hit);
        return hit;
      }
      const client = connect(location);
      open.set(workspaceId, client);
      while (open.size > maxOpen) {
        const [oldest, c] = open.entries().next().value as [string, Client];
        open.delete(oldest);
        // Closing the pool ends borrowed connections too, so a request still using the evicted
        // client gets a grace period before its files are released.
        setTimeout(() => c.close(), 10_000).unref();
      }
      return client;
    },
    async destroy(workspaceId, location) {
      open.get(workspaceId)?.close();
      open.delete(workspaceId);
      for (const suffix of ['', '-wal', '-shm']) rmSync(location + suffix, { force: true });
    },
    openCount: () => open.size,
    closeAll() {
      for (const c of open.values()) c.close();
      open.clear();
    },
  };
}
