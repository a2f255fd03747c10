import { and, eq, inArray } from 'drizzle-orm';
import type { ControlDb } from '../../../db/control/client.ts';
import { memberships, workspaces } from '../../../db/control/schema.ts';
import { AppError } from '../../errors.ts';

/** Project members must belong to the workspace: one lookup for the whole list, one field error. */
export async function assertWorkspaceMembers(control: ControlDb, workspaceId: string, userIds: readonly string[] | undefined, field = 'memberIds'): Promise<void> {
  if (userIds === undefined || userIds.length === 0) return;
  const wanted = [...new Set(userIds)];
  const rows = await control
    .select({ userId: memberships.userId })
    .from(memberships)
    .where(and(eq(memberships.workspaceId, workspaceId), inArray(memberships.userId, wanted)));
  const found = new Set(rows.map((r) => r.userId));
  // The message names no id: the caller knows what they sent, and nothing else is revealed.
  if (wanted.some((id) => !found.has(id))) {
    throw new AppError('validation_failed', 'Some fields are missing or invalid.', { fields: { [field]: 'Everyone here must be a member of this workspace.' } });
  }
}

/** The workspace's default currency: a new project's unless it says otherwise. */
export async function workspaceCurrency(control: ControlDb, workspaceId: string): Promise<string> {
  const [row] = await control.select({ currency: workspaces.currency }).from(workspaces).where(eq(workspaces.id, workspaceId));
  return row?.currency ?? 'CZK';
}
