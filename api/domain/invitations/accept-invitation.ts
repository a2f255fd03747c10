import { and, eq, gt, isNull } from 'drizzle-orm';
import type { ControlDb } from '../../../db/control/client.ts';
import { invitations, memberships, passwordCredentials, sessions, users } from '../../../db/control/schema.ts';
import { hashPassword, passwordProblem } from '../../auth/password.ts';
import { newSession } from '../../auth/session.ts';
import type { Role } from '../../context.ts';
import { AppError, notFound } from '../../errors.ts';
import { isUniqueViolation } from '../../lib/db-errors.ts';
import { newId } from '../../lib/ids.ts';
import { userView, type UserView } from '../accounts/user-view.ts';
import { assertSeatRoom } from '../members/seat-room.ts';
import { findOpenInvitation } from './open-invitation.ts';

/** Who accepts: the signed-in account, or a new one created from the link. */
export type Acceptor =
  | { kind: 'signed-in'; user: { id: string; email: string; name: string; locale: string | null; emailVerifiedAt: number | null; createdAt: number } }
  | { kind: 'new-account'; name: string; password: string; locale?: string | undefined };

export interface AcceptResult {
  user: UserView;
  workspace: { id: string; slug: string; name: string; plan: 'free' | 'pro'; role: Role };
  /** Set when a new account was created: the caller sets it as the session cookie. */
  sessionToken: string | null;
}

const accountExists = () =>
  new AppError('conflict', 'An account with this email already exists. Log in, then open the invitation link again.');

/**
 * Joins the workspace the link invites to. The invitation is meant for one address: a
 * signed-in account must have that email (403 otherwise), and a new account gets it — already
 * verified, since opening the emailed link proves the address. The membership, the account
 * (when new) and marking the invitation used are one transaction; a free workspace without a
 * free seat gets 402 and nothing is written.
 */
export async function acceptInvitation(control: ControlDb, token: string, acceptor: Acceptor, now: number): Promise<AcceptResult> {
  const open = await findOpenInvitation(control, token, now);
  if (!open) throw notFound('Invitation');
  const { invitation, workspace } = open;

  let hash: string | null = null;
  if (acceptor.kind === 'signed-in') {
    if (acceptor.user.email !== invitation.email) {
      throw new AppError(
        'forbidden',
        `This invitation was sent to ${invitation.email}, but you are signed in as ${acceptor.user.email}. Log out, then open the link again.`,
      );
    }
  } else {
    const problem = passwordProblem(acceptor.password, { email: invitation.email, name: acceptor.name });
    if (problem) throw new AppError('validation_failed', 'The password is not acceptable.', { fields: { password: problem } });
    const [existing] = await control.select({ id: users.id }).from(users).where(eq(users.email, invitation.email)).limit(1);
    if (existing) throw accountExists();
    hash = await hashPassword(acceptor.password);
  }

  const userId = acceptor.kind === 'signed-in' ? acceptor.user.id : newId(now);
  const session = acceptor.kind === 'new-account' ? newSession(userId, now) : null;
  let user: Parameters<typeof userView>[0];
  try {
    user = await control.transaction(async (tx) => {
      // The link was checked before the password hash; check again under the write lock so a
      // revoke or a second acceptance meanwhile wins.
      const [still] = await tx
        .select({ id: invitations.id })
        .from(invitations)
        .where(and(eq(invitations.id, invitation.id), isNull(invitations.acceptedAt), isNull(invitations.revokedAt), gt(invitations.expiresAt, now)))
        .limit(1);
      if (!still) throw notFound('Invitation');
      const [member] = await tx
        .select({ userId: memberships.userId })
        .from(memberships)
        .where(and(eq(memberships.workspaceId, workspace.id), eq(memberships.userId, userId)))
        .limit(1);
      if (member) throw new AppError('conflict', 'You are already a member of this workspace.');
      await assertSeatRoom(tx, workspace.id, workspace.plan);

      let joined: Parameters<typeof userView>[0];
      if (acceptor.kind === 'signed-in') {
        const verifiedAt = acceptor.user.emailVerifiedAt ?? now;
        if (acceptor.user.emailVerifiedAt === null) await tx.update(users).set({ emailVerifiedAt: now, updatedAt: now }).where(eq(users.id, userId));
        joined = { ...acceptor.user, emailVerifiedAt: verifiedAt };
      } else {
        const row = { id: userId, email: invitation.email, name: acceptor.name.trim(), locale: acceptor.locale ?? null, emailVerifiedAt: now, createdAt: now, updatedAt: now };
        await tx.insert(users).values(row);
        await tx.insert(passwordCredentials).values({ userId, hash: hash!, updatedAt: now });
        await tx.insert(sessions).values(session!.row);
        joined = row;
      }
      await tx.insert(memberships).values({ workspaceId: workspace.id, userId, role: invitation.role, createdAt: now });
      await tx.update(invitations).set({ acceptedAt: now, acceptedBy: userId }).where(eq(invitations.id, invitation.id));
      return joined;
    });
  } catch (e) {
    // A sign-up with the same email racing this acceptance: the UNIQUE index decides.
    if (isUniqueViolation(e, 'users.email')) throw accountExists();
    throw e;
  }

  return {
    user: userView(user),
    workspace: { id: workspace.id, slug: workspace.slug, name: workspace.name, plan: workspace.plan, role: invitation.role },
    sessionToken: session?.token ?? null,
  };
}
