import { and, eq, isNull } from 'drizzle-orm';
import type { ControlDb } from '../../../db/control/client.ts';
import { invitations } from '../../../db/control/schema.ts';
import { notFound } from '../../errors.ts';

/** Withdraws an invitation that has not been accepted; its link then answers 404. */
export async function revokeInvitation(control: ControlDb, workspaceId: string, invitationId: string, now: number): Promise<void> {
  const revoked = await control
    .update(invitations)
    .set({ revokedAt: now })
    .where(and(eq(invitations.id, invitationId), eq(invitations.workspaceId, workspaceId), isNull(invitations.acceptedAt), isNull(invitations.revokedAt)))
    .returning({ id: invitations.id });
  if (revoked.length === 0) throw notFound('Invitation');
}
