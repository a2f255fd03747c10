import { and, eq, isNull } from 'drizzle-orm';
import { invitations } from '../../../db/control/schema.ts';
import { notFound } from '../../errors.ts';
import { assertSeatRoom } from '../members/seat-room.ts';
import { assertVerifiedInviter, type InviteContext } from './invite-context.ts';
import { invitationLink, sendInvitationMail } from './invitation-mail.ts';
import { INVITATION_TTL_MS, newInvitationSecret } from './invitation-token.ts';
import { invitationView, type InvitationView } from './invitation-view.ts';

/**
 * Mails a pending (or expired) invitation again. Only the secret's hash is stored, so the old
 * link cannot be sent again: the invitation gets a new secret and seven more days, and the
 * previous link stops working. The one resending becomes the inviter the email names.
 */
export async function resendInvitation(ctx: InviteContext, invitationId: string): Promise<InvitationView> {
  const { control, workspace, inviter, now } = ctx;
  const { token, secretHash } = newInvitationSecret(invitationId);
  const expiresAt = now + INVITATION_TTL_MS;

  const row = await control.transaction(async (tx) => {
    const [current] = await tx
      .select({ id: invitations.id })
      .from(invitations)
      .where(and(eq(invitations.id, invitationId), eq(invitations.workspaceId, workspace.id), isNull(invitations.acceptedAt), isNull(invitations.revokedAt)))
      .limit(1);
    if (!current) throw notFound('Invitation');
    assertVerifiedInviter(ctx.inviter);
    await assertSeatRoom(tx, workspace.id, workspace.plan);
    const [updated] = await tx
      .update(invitations)
      .set({ secretHash, expiresAt, invitedBy: inviter.id })
      .where(eq(invitations.id, invitationId))
      .returning();
    return updated!;
  });

  await sendInvitationMail(
    ctx.mailer,
    control,
    { to: row.email, workspaceName: workspace.name, inviterName: inviter.name, role: row.role, link: invitationLink(ctx.appOrigin, token), expiresAt, locale: inviter.locale },
    now,
  );
  return invitationView(row, inviter, now);
}
