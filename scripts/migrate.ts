// `npm run migrate -- [--all] [--from ID] [--limit N] [--dry-run] [--concurrency N] [--json]`
// Migrates the control-plane database, then (with --all) every tenant database that is behind,
// printing one line per tenant and a summary. Safe to kill and run again: it resumes.
import { parseArgs } from 'node:util';
import { controlDb, migrateControl } from '../db/control/client.ts';
import { migrateFleet } from '../db/tenants/fleet.ts';
import { createNodePlatform, settingsFromEnv } from '../api/node-platform.ts';

const { values } = parseArgs({
  options: {
    all: { type: 'boolean', default: false },
    from: { type: 'string' },
    limit: { type: 'string' },
    'dry-run': { type: 'boolean', default: false },
    concurrency: { type: 'string' },
    json: { type: 'boolean', default: false },
  },
});

const platform = createNodePlatform(settingsFromEnv());
const client = platform.control();
const control = await migrateControl(client);
console.log(`control: schema ${control.from} → ${control.to}`);

if (values.all) {
  const dryRun = values['dry-run'];
  const report = await migrateFleet(controlDb(client), platform.tenants, {
    from: values.from,
    limit: values.limit ? Number(values.limit) : undefined,
    dryRun,
    concurrency: values.concurrency ? Number(values.concurrency) : undefined,
    onResult: values.json
      ? undefined
      : (r) =>
          console.log(
            `${r.status.padEnd(13)} ${r.slug.padEnd(40)} ${r.workspaceId} v${r.from} → v${r.to}${r.error ? `  ${r.error}` : ''} (${r.ms} ms)`,
          ),
  });
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
