import type { Client } from '@libsql/client';
import { eq } from 'drizzle-orm';
import type { ControlDb } from '../../../db/control/client.ts';
import { workspaces } from '../../../db/control/schema.ts';
import { applyMigrations } from '../../../db/migrations.ts';
import { migrations as tenantMigrations } from '../../../db/tenant/migrations/index.ts';
import type { TenantProvider } from '../../../db/tenants/provider.ts';
import { newId } from '../../lib/ids.ts';
import { slugify } from '../../lib/slug.ts';

export interface ProvisionedWorkspace {
  row: typeof workspaces.$inferInsert & { id: string; slug: string; schemaVersion: number };
}

/** First free slug for the name: `acme`, then `acme-x7k2`… (random, so a slug reveals no count). */
async function freeSlug(db: ControlDb, name: string): Promise<string> {
  const base = slugify(name);
  for (let i = 0; i < 10; i++) {
    const candidate = i === 0 ? base : `${base.slice(0, 35)}-${newId().slice(-4)}`;
    const taken = await db.select({ id: workspaces.id }).from(workspaces).where(eq(workspaces.slug, candidate)).limit(1);
    if (taken.length === 0) return candidate;
  }
  return `${base.slice(0, 27)}-${newId().slice(-12)}`;
}

// The pipeline a migration seeds is named in English; a workspace started in Czech gets the
// words Czech CRM users know (GLOSSARY: fáze, Vyhráno, Prohráno). Names stay editable data.
const CZECH_STAGE_NAMES: Record<string, string> = {
  lead: 'Zájemce',
  qualified: 'Kvalifikace',
  proposal: 'Nabídka',
  negotiation: 'Jednání',
  won: 'Vyhráno',
  lost: 'Prohráno',
};

// The project workflow likewise (GLOSSARY: project status).
const CZECH_STATUS_NAMES: Record<string, string> = {
  preparation: 'Příprava',
  in_progress: 'Probíhá',
  review: 'Kontrola',
  done: 'Dokončeno',
  on_hold: 'Pozastaveno',
  cancelled: 'Zrušeno',
};

async function nameStagesInCzech(client: Client, now: number): Promise<void> {
  await client.batch(
    [
      ...Object.entries(CZECH_STAGE_NAMES).map(([id, name]) => ({ sql: 'UPDATE deal_stages SET name = ?, updated_at = ? WHERE id = ?', args: [name, now, id] })),
      ...Object.entries(CZECH_STATUS_NAMES).map(([id, name]) => ({ sql: 'UPDATE project_statuses SET name = ?, updated_at = ? WHERE id = ?', args: [name, now, id] })),
    ],
    'write',
  );
}

/**
 * Creates and migrates the workspace's own database and returns the control-plane row to
 * insert. The caller inserts it in the same transaction as the owner's membership, and
 * destroys the database if that transaction fails.
 */
export async function provisionWorkspace(
  db: ControlDb,
  tenants: TenantProvider,
  name: string,
  now: number,
  locale?: string | null,
): Promise<ProvisionedWorkspace> {
  const id = newId(now);
  const slug = await freeSlug(db, name);
  const location = await tenants.create(id);
  try {
    const client = tenants.open(id, location);
    const { to } = await applyMigrations(client, tenantMigrations, () => now);
    if (locale === 'cs') await nameStagesInCzech(client, now);
    return {
      row: {
        id,
        slug,
        name,
        plan: 'free',
        schemaVersion: to,
        migrationStatus: 'ready',
        dbProvider: tenants.kind,
        dbLocation: location,
        createdAt: now,
        updatedAt: now,
      },
    };
  } catch (e) {
    await tenants.destroy(id, location).catch(() => undefined);
    throw e;
  }
}
