import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { Migration } from '../migrations.ts';
import type { MigrateOutcome, TenantRef } from './migrate-tenant.ts';

// Embedded libSQL runs synchronously, so a fleet run in one thread migrates one tenant at a
// time however many it has in flight. Tenants are separate files: a pool of worker threads,
// each with its own control-plane connection and tenant provider, migrates several at once.
// The per-tenant lock in the control plane keeps them (and any other process) apart.

export interface MigrateThreads {
  readonly size: number;
  migrate(ws: TenantRef, now: number): Promise<MigrateOutcome>;
  close(): Promise<void>;
}

interface Job {
  id: number;
  ws: TenantRef;
  now: number;
}
interface Done {
  id: number;
  outcome: MigrateOutcome;
}

/** Threads worth starting here: one per core (the coordinating thread mostly waits). */
export function defaultThreadCount(): number {
  return availableParallelism();
}

/** A pool of `size` threads migrating the local tenants under `dataDir` to `migrations`. */
export function startMigrateThreads(dataDir: string, size: number, migrations: Migration[]): MigrateThreads {
  const pending = new Map<number, (outcome: MigrateOutcome) => void>();
  const load: number[] = [];
  let nextId = 0;
  const workers = Array.from({ length: size }, (_, i) => {
    const worker = new Worker(join(import.meta.dirname, 'migrate-thread.ts'), { workerData: { dataDir, migrations } });
    load[i] = 0;
    worker.on('message', (done: Done) => {
      load[i]!--;
      pending.get(done.id)?.(done.outcome);
      pending.delete(done.id);
    });
    worker.on('error', (e) => {
      // A thread that dies fails what it held; the tenants stay behind for the next run.
      for (const [id, resolve] of pending) {
        resolve({ status: 'failed', error: `migration thread failed: ${e.message}` });
        pending.delete(id);
      }
    });
    return worker;
  });

  return {
    size,
    migrate(ws, now) {
      // The least busy thread: migrations differ in length from tenant to tenant.
      let best = 0;
      for (let i = 1; i < workers.length; i++) if (load[i]! < load[best]!) best = i;
      load[best]!++;
      const id = nextId++;
      return new Promise<MigrateOutcome>((resolve) => {
        pending.set(id, resolve);
        workers[best]!.postMessage({ id, ws: { id: ws.id, dbLocation: ws.dbLocation, schemaVersion: ws.schemaVersion }, now } satisfies Job);
      });
    },
    async close() {
      await Promise.all(workers.map((w) => w.terminate()));
    },
  };
}
