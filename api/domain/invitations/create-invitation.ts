import { and, eq, gt, isNull } from 'drizzle-orm';
import { invitations, memberships, users } from '../../../db/control/schema.ts';
import { AppError } from '../../errors.ts';
import { newId } from '../../lib/ids.ts';
import { assertSeatRoom } from '../members/seat-room.ts';
import { assertVerifiedInviter, type InviteContext } from './invite-context.ts';
import { invitationLink, sendInvitationMail } from './invitation-mail.ts';
import { INVITATION_TTL_MS, newInvitationSecret } from './invitation-token.ts';
import { invitationView, type InvitationView } from './invitation-view.ts';

export interface InvitationInput {
  email: string;
  role: 'admin' | 'member';
}

const conflict = (message: string, field: string) => new AppError('conflict', message, { fields: { email: field } });

/**
 * Invites `email` into the workspace and mails the link. Refused when the address already
 * belongs to a member or has a pending invitation (409: resending is its own action, so a
 * double click never mails twice), and on a full free workspace (402), since pending
 * invitations do not hold seats and the link would only lead to "no room".
 */
export async function createInvitation(ctx: InviteContext, input: InvitationInput): Promise<InvitationView> {
  assertVerifiedInviter(ctx.inviter);
  const email = input.email.trim().toLowerCase();
  const { control, workspace, inviter, now } = ctx;
  const id = newId(now);
  const { token, secretHash } = newInvitationSecret(id);
  const expiresAt = now + INVITATION_TTL_MS;

  const row = await control.transaction(async (tx) => {
    const [member] = await tx
      .select({ id: users.id })
      .from(memberships)
      .innerJoin(users, eq(users.id, memberships.userId))
      .where(and(eq(memberships.workspaceId, workspace.id), eq(users.email, email)))
      .limit(1);
    if (member) throw conflict('This person is already a member of the workspace.', 'Already a member of this workspace.');
    const [pending] = await tx
      .select({ id: invitations.id })
      .from(invitations)
      .where(
        and(
          eq(invitations.workspaceId, workspace.id),
          eq(invitations.email, email),
          isNull(invitations.acceptedAt),
          isNull(invitations.revokedAt),
          gt(invitations.expiresAt, now),
        ),
      )
      .limit(1);
    if (pending) throw conflict('This address already has a pending invitation. Resend it from the list instead.', 'Already invited. Resend the invitation from the list.');
    await assertSeatRoom(tx, workspace.id, workspace.plan);
    const [inserted] = await tx
      .insert(invitations)
      .values({ id, workspaceId: workspace.id, email, role: input.role, secretHash, invitedBy: inviter.id, createdAt: now, expiresAt })
      .returning();
    return inserted!;
  });

  // After the commit: the mailer writes the outbox through the client, which the open
  // transaction would otherwise hold.
  await sendInvitationMail(
    ctx.mailer,
    control,
    { to: email, workspaceName: workspace.name, inviterName: inviter.name, role: input.role, link: invitationLink(ctx.appOrigin, token), expiresAt, locale: inviter.locale },
    now,
  );
  return invitationView(row, inviter, now);
}
