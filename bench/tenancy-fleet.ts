// Child process of the tenancy bench: `node bench/tenancy-fleet.ts <dataDir>` migrates the
// fleet to the bundled schema plus both bench-only migrations, printing one line per tenant
// so the parent can SIGKILL it half-way.
import { createNodePlatform } from '../api/node-platform.ts';
import { controlDb } from '../db/control/client.ts';
import { migrateFleet } from '../db/tenants/fleet.ts';
import { defaultThreadCount, startMigrateThreads } from '../db/tenants/migrate-threads.ts';
import { withBenchMigrations } from './tenancy.ts';

const dataDir = process.argv[2];
if (!dataDir) throw new Error('usage: node bench/tenancy-fleet.ts <dataDir>');
const platform = createNodePlatform({ dataDir, appOrigin: undefined, rateLimits: false });
const threads = startMigrateThreads(dataDir, defaultThreadCount(), withBenchMigrations(2));
const report = await migrateFleet(controlDb(platform.control()), platform.tenants, {
  migrations: withBenchMigrations(2),
  threads,
  concurrency: threads.size * 4,
  onResult: (r) => process.stdout.write(`${r.status} ${r.workspaceId}\n`),
});
await threads.close();
console.log(`done ${JSON.stringify(report.counts)}`);
platform.close();
