import { and, desc, eq, isNull } from 'drizzle-orm';
import type { ControlDb } from '../../../db/control/client.ts';
import { invitations, users } from '../../../db/control/schema.ts';
import { invitationView, type InvitationView } from './invitation-view.ts';

/**
 * Invitations still open (neither accepted nor revoked), newest first. Expired ones stay
 * listed with status `expired`, because the fix for them (resend) is on the same screen.
 */
export async function listInvitations(control: ControlDb, workspaceId: string, now: number): Promise<InvitationView[]> {
  const rows = await control
    .select({ invitation: invitations, inviter: { id: users.id, name: users.name } })
    .from(invitations)
    .leftJoin(users, eq(users.id, invitations.invitedBy))
    .where(and(eq(invitations.workspaceId, workspaceId), isNull(invitations.acceptedAt), isNull(invitations.revokedAt)))
    .orderBy(desc(invitations.createdAt), desc(invitations.id));
  return rows.map((r) => invitationView(r.invitation, r.inviter, now));
}
