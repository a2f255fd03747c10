import { eq } from 'drizzle-orm';
import type { ControlDb } from '../../../db/control/client.ts';
import { memberships, users } from '../../../db/control/schema.ts';
import type { RowResult } from './cells.ts';

/** Member email (lower-case) → user id: how an "Owner" column names a member. */
export type Owners = ReadonlyMap<string, string>;

/** The workspace's members, read once per import (one query, not one per row). */
export async function loadOwners(control: ControlDb, workspaceId: string): Promise<Owners> {
  const rows = await control
    .select({ id: users.id, email: users.email })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(eq(memberships.workspaceId, workspaceId));
  return new Map(rows.map((r) => [r.email.toLowerCase(), r.id]));
}

/** Member id → email, for exports. */
export function ownerEmails(owners: Owners): Map<string, string> {
  return new Map([...owners].map(([email, id]) => [id, email]));
}

/** The owner a cell names: undefined when the cell is empty, a problem when no member has that email. */
export function ownerOf(cell: string | undefined, owners: Owners): RowResult<string | undefined> {
  if (cell === undefined) return { ok: true, value: undefined };
  const id = owners.get(cell.toLowerCase());
  return id === undefined ? { ok: false, fields: { ownerEmail: 'No member of this workspace has this email.' } } : { ok: true, value: id };
}
