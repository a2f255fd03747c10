import { and, eq, lt, ne, or } from 'drizzle-orm';
import type { ControlDb } from '../control/client.ts';
import { workspaces } from '../control/schema.ts';
import { applyMigrations, type Migration } from '../migrations.ts';
import { migrations as tenantMigrations } from '../tenant/migrations/index.ts';
import type { TenantProvider } from './provider.ts';

export const LATEST_TENANT_VERSION = tenantMigrations.length;

/** A lock older than this belongs to a process that died mid-migration and may be taken over. */
const STALE_LOCK_MS = 5 * 60 * 1000;

export interface TenantRef {
  id: string;
  dbLocation: string;
  schemaVersion: number;
}

export type MigrateOutcome =
  | { status: 'up-to-date'; version: number }
  | { status: 'migrated'; from: number; to: number }
  | { status: 'busy' }
  | { status: 'failed'; error: string };

// One migration at a time per tenant within this process; the control-plane row is the
// lock between processes (the supabase/storage pattern).
const inFlight = new Map<string, Promise<MigrateOutcome>>();

/**
 * Brings one tenant database to the latest schema under the per-tenant lock, recording
 * version and status in the control plane. Never throws for a migration failure: the
 * outcome says what happened so a fleet run can report it and move on.
 */
export function migrateTenant(
  control: ControlDb,
  tenants: TenantProvider,
  ws: TenantRef,
  now: () => number = Date.now,
  // The bundled list unless a caller (the tenancy bench) brings one with an extra migration.
  migrations: Migration[] = tenantMigrations,
): Promise<MigrateOutcome> {
  const running = inFlight.get(ws.id);
  if (running) return running;
  const p = run(control, tenants, ws, now, migrations).finally(() => inFlight.delete(ws.id));
  inFlight.set(ws.id, p);
  return p;
}

async function run(control: ControlDb, tenants: TenantProvider, ws: TenantRef, now: () => number, migrations: Migration[]): Promise<MigrateOutcome> {
  const latest = migrations.length;
  if (ws.schemaVersion >= latest) return { status: 'up-to-date', version: ws.schemaVersion };
  const t = now();
  const claimed = await control
    .update(workspaces)
    .set({ migrationStatus: 'migrating', migrationLockedAt: t })
    .where(
      and(
        eq(workspaces.id, ws.id),
        lt(workspaces.schemaVersion, latest),
        or(ne(workspaces.migrationStatus, 'migrating'), lt(workspaces.migrationLockedAt, t - STALE_LOCK_MS)),
      ),
    )
    .returning({ v: workspaces.schemaVersion });
  if (claimed.length === 0) {
    const [row] = await control.select({ v: workspaces.schemaVersion }).from(workspaces).where(eq(workspaces.id, ws.id));
    if (row && row.v >= latest) return { status: 'up-to-date', version: row.v };
    return { status: 'busy' };
  }
  try {
    const client = tenants.open(ws.id, ws.dbLocation);
    const { from, to } = await applyMigrations(client, migrations, now);
    await control
      .update(workspaces)
      .set({ schemaVersion: to, migrationStatus: 'ready', migrationLockedAt: null, migrationError: null, updatedAt: now() })
      .where(eq(workspaces.id, ws.id));
    return from === to ? { status: 'up-to-date', version: to } : { status: 'migrated', from, to };
  } catch (e) {
    const error = e instanceof Error ? e.message : String(e);
    await control
      .update(workspaces)
      .set({ migrationStatus: 'failed', migrationLockedAt: null, migrationError: error.slice(0, 2000) })
      .where(eq(workspaces.id, ws.id));
    return { status: 'failed', error };
  }
}

/**
 * Lazy path for requests: migrate if behind, and if another process holds the lock,
 * wait for it (bounded) rather than serve an old schema.
 */
export async function ensureTenantReady(
  control: ControlDb,
  tenants: TenantProvider,
  ws: TenantRef,
  now: () => number = Date.now,
): Promise<boolean> {
  if (ws.schemaVersion >= LATEST_TENANT_VERSION) return true;
  for (let attempt = 0; attempt < 50; attempt++) {
    const outcome = await migrateTenant(control, tenants, ws, now);
    if (outcome.status === 'up-to-date' || outcome.status === 'migrated') return true;
    if (outcome.status === 'failed') return false;
    await new Promise((r) => setTimeout(r, 100));
  }
  return false;
}

