import { eq } from 'drizzle-orm';
import type { ControlDb } from '../../../db/control/client.ts';
import { memberships, users } from '../../../db/control/schema.ts';

/** Member id → "Name <email>", read once per export. */
export async function memberNames(control: ControlDb, workspaceId: string): Promise<Map<string, { name: string; email: string }>> {
  const rows = await control
    .select({ id: users.id, name: users.name, email: users.email })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(eq(memberships.workspaceId, workspaceId));
  return new Map(rows.map((r) => [r.id, { name: r.name, email: r.email }]));
}
