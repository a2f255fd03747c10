import { and, asc, gt, lt } from 'drizzle-orm';
import type { ControlDb } from '../control/client.ts';
import { workspaces } from '../control/schema.ts';
import type { Migration } from '../migrations.ts';
import { migrations as tenantMigrations } from '../tenant/migrations/index.ts';
import { migrateTenant } from './migrate-tenant.ts';
import type { MigrateThreads } from './migrate-threads.ts';
import type { TenantProvider } from './provider.ts';

export interface FleetOptions {
  /** Resume after this workspace id (ids sort by creation). */
  from?: string | undefined;
  /** Migrate at most this many workspaces in this run. */
  limit?: number | undefined;
  /** Report what would be migrated without touching any database. */
  dryRun?: boolean | undefined;
  /** Tenants migrated in parallel. */
  concurrency?: number | undefined;
  /** Called as each tenant finishes, for a live report. */
  onResult?: ((r: FleetResult) => void) | undefined;
  /** The tenant migrations to bring every tenant to (default: the bundled list). */
  migrations?: Migration[] | undefined;
  /** Clock for the per-tenant locks (default: Date.now). */
  now?: (() => number) | undefined;
  /**
   * Worker threads to migrate in (local files only, see migrate-threads.ts); without them each
   * tenant is migrated in this thread. `concurrency` should be at least twice their number.
   */
  threads?: MigrateThreads | undefined;
}

export interface FleetResult {
  workspaceId: string;
  slug: string;
  status: 'migrated' | 'up-to-date' | 'would-migrate' | 'busy' | 'failed';
  from: number;
  to: number;
  error?: string;
  ms: number;
}

export interface FleetReport {
  latest: number;
  results: FleetResult[];
  counts: Record<FleetResult['status'], number>;
  /** Pass as `from` to continue where this run stopped (null when nothing is left). */
  resumeFrom: string | null;
}

const PAGE = 500;

/**
 * Brings every tenant behind the latest schema up to date (Twenty's upgrade runner shape:
 * --from, --limit, --dry-run, a per-tenant report). Only tenants still behind are listed, so
 * a killed run resumes by simply running again; each is migrated under its own lock.
 */
export async function migrateFleet(control: ControlDb, tenants: TenantProvider, options: FleetOptions = {}): Promise<FleetReport> {
  const results: FleetResult[] = [];
  const concurrency = Math.max(1, options.concurrency ?? 8);
  let cursor = options.from ?? '';
  let remaining = options.limit ?? Number.POSITIVE_INFINITY;
  let exhausted = false;
  const migrations = options.migrations ?? tenantMigrations;
  const latest = migrations.length;

  const behindAfter = (after: string, n: number) =>
    control
      .select({ id: workspaces.id, slug: workspaces.slug, dbLocation: workspaces.dbLocation, schemaVersion: workspaces.schemaVersion })
      .from(workspaces)
      .where(and(gt(workspaces.id, after), lt(workspaces.schemaVersion, latest)))
      .orderBy(asc(workspaces.id))
      .limit(n);

  while (remaining > 0) {
    const want = Math.min(PAGE, remaining);
    const page = await behindAfter(cursor, want);
    if (page.length === 0) {
      exhausted = true;
      break;
    }
    let next = 0;
    const worker = async () => {
      while (next < page.length) {
        const ws = page[next++]!;
        const started = performance.now();
        let r: FleetResult;
        if (options.dryRun) {
          r = { workspaceId: ws.id, slug: ws.slug, status: 'would-migrate', from: ws.schemaVersion, to: latest, ms: 0 };
        } else {
          const now = options.now ?? Date.now;
          const out = options.threads ? await options.threads.migrate(ws, now()) : await migrateTenant(control, tenants, ws, now, migrations);
          const base = { workspaceId: ws.id, slug: ws.slug, ms: Math.round(performance.now() - started) };
          r =
            out.status === 'migrated'
              ? { ...base, status: 'migrated', from: out.from, to: out.to }
              : out.status === 'up-to-date'
                ? { ...base, status: 'up-to-date', from: out.version, to: out.version }
                : out.status === 'failed'
                  ? { ...base, status: 'failed', from: ws.schemaVersion, to: ws.schemaVersion, error: out.error }
                  : { ...base, status: 'busy', from: ws.schemaVersion, to: ws.schemaVersion };
        }
        results.push(r);
        options.onResult?.(r);
        // Let the event loop turn between tenants: an all-embedded run would otherwise only
        // chain microtasks and starve the tasks that free the connections it has let go of.
        await new Promise(setImmediate);
      }
    };
    await Promise.all(Array.from({ length: Math.min(concurrency, page.length) }, worker));
    cursor = page[page.length - 1]!.id;
    remaining -= page.length;
    // A dry run changes nothing, so the same page would come back: page by cursor instead.
    // A short page (shorter than asked for, which --limit may make smaller than PAGE) is the last.
    if (page.length < want) {
      exhausted = true;
      break;
    }
  }
  // Stopped by --limit: only offer a resume point if something is actually left behind it.
  if (!exhausted && (await behindAfter(cursor, 1)).length === 0) exhausted = true;

  const counts = { migrated: 0, 'up-to-date': 0, 'would-migrate': 0, busy: 0, failed: 0 };
  for (const r of results) counts[r.status]++;
  return { latest, results, counts, resumeFrom: exhausted ? null : cursor || null };
}
