import type { Client } from '@libsql/client';
import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { createEmbeddedClient, type EmbeddedClient } from '../embedded-client.ts';
import type { TenantProvider } from './provider.ts';

export interface LocalProviderOptions {
  /** Folder holding one `<workspaceId>.db` file per workspace. */
  dir: string;
  /** Files connected at once; beyond this the least recently used client is suspended. */
  maxOpen?: number;
  /** Busy timeout (ms) so concurrent writers wait for the lock instead of failing. */
  busyTimeoutMs?: number;
}

/**
 * Local SQLite files through libSQL: the provider for `npm start`, self-hosting and tests.
 *
 * At most `maxOpen` files are connected at once. A workspace's client is never closed under
 * its users: past the limit the least recently used one is suspended (its connection closes
 * when its queued work is done) and reconnects by itself if it is used again. There is at
 * most one client per workspace while anything holds it, so two connections of this process
 * never wait on each other's lock.
 */
export function createLocalProvider(options: LocalProviderOptions): TenantProvider & { openCount(): number; closeAll(): void } {
  const maxOpen = options.maxOpen ?? 128;
  const busyTimeout = options.busyTimeoutMs ?? 5000;
  mkdirSync(options.dir, { recursive: true });
  // Connected clients in least-recently-used order: a Map keeps insertion order, so
  // re-inserting on use makes its first key the least recently used.
  const connected = new Map<string, EmbeddedClient>();
  // Every client somebody may still hold, weakly: an idle workspace costs nothing here.
  const known = new Map<string, WeakRef<EmbeddedClient>>();
  const forget = new FinalizationRegistry<string>((workspaceId) => {
    if (!known.get(workspaceId)?.deref()) known.delete(workspaceId);
  });

  const fileFor = (workspaceId: string) => join(options.dir, `${workspaceId}.db`);

  function use(workspaceId: string, client: EmbeddedClient): void {
    connected.delete(workspaceId);
    connected.set(workspaceId, client);
    while (connected.size > maxOpen) {
      const [oldest, c] = connected.entries().next().value as [string, EmbeddedClient];
      connected.delete(oldest);
      c.suspend();
    }
  }

  function openClient(workspaceId: string, location: string): Client {
    let client = known.get(workspaceId)?.deref();
    if (!client || client.closed) {
      const created: EmbeddedClient = createEmbeddedClient(location, { timeout: busyTimeout, onReopen: () => use(workspaceId, created) });
      client = created;
      known.set(workspaceId, new WeakRef(client));
      forget.register(client, workspaceId);
    }
    use(workspaceId, client);
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
      known.get(workspaceId)?.deref()?.close();
      known.delete(workspaceId);
      connected.delete(workspaceId);
      for (const suffix of ['', '-wal', '-shm']) rmSync(location + suffix, { force: true });
    },
    openCount: () => connected.size,
    closeAll() {
      for (const ref of known.values()) ref.deref()?.close();
      known.clear();
      connected.clear();
    },
  };
}
