// `npm run bench [-- foundation|crm …]`: reproducible figures, printed as tables (metric,
// value, target, pass/miss) and written to bench/results/latest.json. Figures, not
// assertions: a miss is reported, never failed.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runConcurrencyBench } from './concurrency.ts';
import { runCrashBench } from './crash.ts';
import { runCrmBench } from './crm.ts';
import { runFoundationBench } from './foundation.ts';
import { runLoadBench } from './load.ts';
import { runProjectsBench } from './projects.ts';
import { runTenancyBench } from './tenancy.ts';
import { runWorkerBench } from './worker.ts';
import { printTable, root, type Row } from './lib.ts';

const suites: Record<string, () => Promise<Row[]>> = {
  foundation: runFoundationBench,
  crm: runCrmBench,
  crash: runCrashBench,
  tenancy: runTenancyBench,
  load: runLoadBench,
  concurrency: runConcurrencyBench,
  worker: runWorkerBench,
  projects: runProjectsBench,
};

const chosen = process.argv.slice(2).filter((a) => !a.startsWith('-'));
const names = chosen.length ? chosen : Object.keys(suites);
const results: Record<string, Row[]> = {};
for (const name of names) {
  const suite = suites[name];
  if (!suite) throw new Error(`unknown bench "${name}"; choose from ${Object.keys(suites).join(', ')}`);
  results[name] = await suite();
  printTable(`== ${name}`, results[name]);
}
// A run of some suites replaces their figures and keeps the others' from earlier runs.
const latest = join(root, 'bench', 'results', 'latest.json');
const machine = `${(await import('node:os')).cpus().length} cores`;
let kept: Record<string, unknown> = {};
try {
  kept = (JSON.parse(readFileSync(latest, 'utf8')) as { suites?: Record<string, unknown> }).suites ?? {};
} catch {
  // No earlier figures, or an older layout: start afresh.
}
const at = new Date().toISOString();
const fresh = Object.fromEntries(Object.entries(results).map(([name, rows]) => [name, { at, node: process.version, machine, rows }]));
writeFileSync(latest, JSON.stringify({ suites: { ...kept, ...fresh } }, null, 2) + '\n');
