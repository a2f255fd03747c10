// `npm run migrate -- [--all] [--from ID] [--limit N] [--dry-run] [--concurrency N] [--threads N] [--json]`
// Migrates the control-plane database, then (with --all) every tenant database that is behind,
// printing one line per tenant and a summary. Safe to kill and run again: it resumes. Local
// tenant files are migrated in --threads worker threads (default: one per core; 0: this thread).
import { parseArgs } from 'node:util';
import { controlDb, migrateControl } from '../db/control/client.ts';
import { migrateFleet } from '../db/tenants/fleet.ts';
import { defaultThreadCount, startMigrateThreads } from '../db/tenants/migrate-threads.ts';
import { migrations as tenantMigrations } from '../db/tenant/migrations/index.ts';
import { createNodePlatform, settingsFromEnv } from '../api/node-platform.ts';

const { values } = parseArgs({
  options: {
    all: { type: 'boolean', default: false },
    from: { type: 'string' },
    limit: { type: 'string' },
    'dry-run': { type: 'boolean', default: false },
    concurrency: { type: 'string' },
    threads: { type: 'string' },
    json: { type: 'boolean', default: false },
  },
});

const settings = settingsFromEnv();
const platform = createNodePlatform(settings);
const client = platform.control();
const control = await migrateControl(client);
console.log(`control: schema ${control.from} → ${control.to}`);

if (values.all) {
  const dryRun = values['dry-run'];
  const threadCount = values.threads !== undefined ? Number(values.threads) : defaultThreadCount();
  const threads = platform.tenants.kind === 'local' && threadCount > 0 && !dryRun ? startMigrateThreads(settings.dataDir, threadCount, tenantMigrations) : undefined;
  const report = await migrateFleet(controlDb(client), platform.tenants, {
    threads,
    from: values.from,
    limit: values.limit ? Number(values.limit) : undefined,
    dryRun,
    concurrency: values.concurrency ? Number(values.concurrency) : threads ? threads.size * 4 : undefined,
    onResult: values.json
      ? undefined
      : (r) =>
          console.log(
            `${r.status.padEnd(13)} ${r.slug.padEnd(40)} ${r.workspaceId} v${r.from} → v${r.to}${r.error ? `  ${r.error}` : ''} (${r.ms} ms)`,
          ),
  });
  await threads?.close();
  if (values.json) console.log(JSON.stringify(report));
  else {
    const c = report.counts;
    console.log(
      `\n${dryRun ? 'dry run: ' : ''}latest tenant schema v${report.latest}; ` +
        `migrated ${c.migrated}, would migrate ${c['would-migrate']}, up to date ${c['up-to-date']}, busy ${c.busy}, failed ${c.failed}` +
        (report.resumeFrom ? `; resume with --from ${report.resumeFrom}` : ''),
    );
  }
  platform.close();
  process.exitCode = report.counts.failed > 0 ? 1 : 0;
} else {
  platform.close();
}
