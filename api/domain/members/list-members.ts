import { and, asc, eq } from 'drizzle-orm';
import type { ControlDb } from '../../../db/control/client.ts';
import { memberships, users, workspaces } from '../../../db/control/schema.ts';
import { notFound } from '../../errors.ts';
import { memberView, type MemberRow, type MemberView } from './member-view.ts';
import type { ControlReader } from './seat-room.ts';

const memberColumns = {
  userId: users.id,
  name: users.name,
  email: users.email,
  role: memberships.role,
  joinedAt: memberships.createdAt,
  costRate: memberships.costRate,
  billRate: memberships.billRate,
};

export async function workspaceCurrency(db: ControlReader, workspaceId: string): Promise<string> {
  const [row] = await db.select({ currency: workspaces.currency }).from(workspaces).where(eq(workspaces.id, workspaceId));
  if (!row) throw notFound('Workspace');
  return row.currency;
}

/** One member's row, or undefined when the user does not belong to the workspace. */
export async function memberRow(db: ControlReader, workspaceId: string, userId: string): Promise<MemberRow | undefined> {
  const [row] = await db
    .select(memberColumns)
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(and(eq(memberships.workspaceId, workspaceId), eq(memberships.userId, userId)))
    .limit(1);
  return row;
}

// A workspace has a handful of members (two on free), so one unpaged query is the whole list.
/** The workspace's people by name; rates only when `showRates` (owners and admins). */
export async function listMembers(control: ControlDb, workspaceId: string, showRates: boolean): Promise<MemberView[]> {
  const [rows, currency] = await Promise.all([
    control
      .select(memberColumns)
      .from(memberships)
      .innerJoin(users, eq(users.id, memberships.userId))
      .where(eq(memberships.workspaceId, workspaceId))
      .orderBy(asc(users.name), asc(users.id)),
    workspaceCurrency(control, workspaceId),
  ]);
  return rows.map((r) => memberView(r, currency, showRates));
}
