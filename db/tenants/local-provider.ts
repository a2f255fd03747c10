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

  function openClient(workspaceId: string, location: string): Client {
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
      // A request may still hold the evicted client: give it a grace period before closing.
      setTimeout(() => c.close(), 10_000).unref();
    }
    return client;
  }

  return {
    kind: 'local',
    async create(workspaceId) {
      // Opening creates the file (in WAL mode, see createEmbeddedClient) and keeps it warm
      // for the migrations that follow.
      const path = fileFor(workspaceId);
      openClient(workspaceId, path);
      return path;
    },
    open: openClient,
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
