// One thread of the fleet migration pool (migrate-threads.ts): its own connections to the
// control plane and the tenant files, migrating the tenants it is handed one at a time.
import { join } from 'node:path';
import { parentPort, workerData } from 'node:worker_threads';
import { controlDb } from '../control/client.ts';
import { createEmbeddedClient } from '../embedded-client.ts';
import type { Migration } from '../migrations.ts';
import { createLocalProvider } from './local-provider.ts';
import { migrateTenant, type TenantRef } from './migrate-tenant.ts';

const { dataDir, migrations } = workerData as { dataDir: string; migrations: Migration[] };
const control = controlDb(createEmbeddedClient(join(dataDir, 'control.db'), { timeout: 10_000 }));
// Few connected files: each tenant is touched once, and the threads share the process's memory.
const tenants = createLocalProvider({ dir: join(dataDir, 'tenants'), maxOpen: 16, busyTimeoutMs: 10_000 });

parentPort!.on('message', async (job: { id: number; ws: TenantRef; now: number }) => {
  let outcome;
  try {
    outcome = await migrateTenant(control, tenants, job.ws, () => job.now, migrations);
  } catch (e) {
    outcome = { status: 'failed' as const, error: e instanceof Error ? e.message : String(e) };
  }
  parentPort!.postMessage({ id: job.id, outcome });
});
