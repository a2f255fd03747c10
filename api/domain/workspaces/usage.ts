import type { Client } from '@libsql/client';
import { count, eq } from 'drizzle-orm';
import type { ControlDb } from '../../../db/control/client.ts';
import { memberships } from '../../../db/control/schema.ts';
import type { TenantDb } from '../../../db/tenant/client.ts';
import { storageBytes } from '../../access/storage.ts';
import { countRecords } from '../records/record-quota.ts';

export interface Usage {
  members: number;
  records: number;
  storageBytes: number;
}

export async function memberCount(control: ControlDb, workspaceId: string): Promise<number> {
  const [row] = await control.select({ n: count() }).from(memberships).where(eq(memberships.workspaceId, workspaceId));
  return row?.n ?? 0;
}

/** What the workspace uses of each plan limit (the web app shows it against the limits). */
export async function workspaceUsage(control: ControlDb, workspaceId: string, tenant: { db: TenantDb; client: Client }): Promise<Usage> {
  const [members, records, bytes] = await Promise.all([memberCount(control, workspaceId), countRecords(tenant.db), storageBytes(tenant.client)]);
  return { members, records, storageBytes: bytes };
}
