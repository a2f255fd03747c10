import { and, eq, ne } from 'drizzle-orm';
import type { ControlDb } from '../../../db/control/client.ts';
import { passwordCredentials, sessions, users } from '../../../db/control/schema.ts';
import type { SessionUser } from '../../auth/session.ts';
import { hashPassword, passwordProblem } from '../../auth/password.ts';
import { AppError } from '../../errors.ts';
import { passwordChangedMail } from '../../mail/account-mails.ts';
import type { Mailer } from '../../mail/mailer.ts';
import { assertEmailBudget, emailTaken, sendEmailLink } from './email-tokens.ts';
import { reauthenticate, type ReauthOptions } from './reauthenticate.ts';
import { userView, type UserView } from './user-view.ts';

export async function updateProfile(
  db: ControlDb,
  userId: string,
  patch: { name?: string | undefined; locale?: 'cs' | 'en' | null | undefined },
  now: number,
): Promise<UserView> {
  const [row] = await db
    .update(users)
    .set({
      ...(patch.name !== undefined ? { name: patch.name } : {}),
      ...(patch.locale !== undefined ? { locale: patch.locale } : {}),
      updatedAt: now,
    })
    .where(eq(users.id, userId))
    .returning();
  if (!row) throw new AppError('unauthenticated', 'Sign in to continue.');
  return userView(row);
}

/**
 * Starts an email change: after the password check, a link goes to the NEW address; the
 * login changes only when that link is opened (consumeEmailToken), so a typo or a stolen
 * session cannot take the account to an address its owner does not read.
 */
export async function requestEmailChange(
  db: ControlDb,
  mailer: Mailer,
  user: SessionUser,
  input: { email: string; password: string },
  ctx: ReauthOptions & { origin: string },
  now: number,
): Promise<void> {
  const email = input.email.trim().toLowerCase();
  if (email === user.email) {
    throw new AppError('validation_failed', 'This is already your email address.', { fields: { email: 'This is already your email address.' } });
  }
  await reauthenticate(db, user, input.password, 'password', ctx, now);
  const [other] = await db.select({ id: users.id }).from(users).where(eq(users.email, email)).limit(1);
  if (other) throw emailTaken();
  if (ctx.throttle) await assertEmailBudget(db, user.id, 'change_email', now);
  await sendEmailLink(db, mailer, user, 'change_email', email, ctx.origin, now);
}

/**
 * Sets a new password and ends every other session of the user (a thief's included), keeping
 * the one that made the change; the account's address hears about it.
 */
export async function changePassword(
  db: ControlDb,
  mailer: Mailer,
  user: SessionUser,
  currentSessionId: string,
  input: { currentPassword: string; newPassword: string },
  ctx: ReauthOptions,
  now: number,
): Promise<void> {
  // The new password's own problems first: they need no secret, and leave the throttle alone.
  const problem = passwordProblem(input.newPassword, { email: user.email, name: user.name });
  if (problem) throw new AppError('validation_failed', 'The new password is not acceptable.', { fields: { newPassword: problem } });
  await reauthenticate(db, user, input.currentPassword, 'currentPassword', ctx, now);
  const hash = await hashPassword(input.newPassword);
  await db.batch([
    db.update(passwordCredentials).set({ hash, updatedAt: now }).where(eq(passwordCredentials.userId, user.id)),
    db.delete(sessions).where(and(eq(sessions.userId, user.id), ne(sessions.id, currentSessionId))),
  ]);
  await mailer.send(db, passwordChangedMail(user.email, user.name, user.locale), now);
}
