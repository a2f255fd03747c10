import { and, count, eq, gt, isNull, min } from 'drizzle-orm';
import type { ControlDb } from '../../../db/control/client.ts';
import { emailTokens, users } from '../../../db/control/schema.ts';
import { newEmailToken, parseEmailToken, secretMatches, type EmailTokenPurpose } from '../../auth/email-token.ts';
import { AppError } from '../../errors.ts';
import { isUniqueViolation } from '../../lib/db-errors.ts';
import { changeEmailMail, emailChangedMail, verifyEmailMail } from '../../mail/account-mails.ts';
import type { Mailer } from '../../mail/mailer.ts';
import { userView, type UserView } from './user-view.ts';

/** Links of one purpose a user may have sent per hour: enough for typos, too few to spam an inbox. */
export const EMAIL_LINKS_PER_HOUR = 5;
const HOUR_MS = 60 * 60 * 1000;

export interface AccountUser {
  id: string;
  email: string;
  name: string;
  locale: string | null;
}

/** Throws 429 (Retry-After: when the oldest link of the hour ages out) past the hourly budget. */
export async function assertEmailBudget(db: ControlDb, userId: string, purpose: EmailTokenPurpose, now: number): Promise<void> {
  const [row] = await db
    .select({ n: count(), oldest: min(emailTokens.createdAt) })
    .from(emailTokens)
    .where(and(eq(emailTokens.userId, userId), eq(emailTokens.purpose, purpose), gt(emailTokens.createdAt, now - HOUR_MS)));
  if (row && row.n >= EMAIL_LINKS_PER_HOUR) {
    const retryAfter = Math.max(1, Math.ceil(((row.oldest ?? now) + HOUR_MS - now) / 1000));
    throw new AppError('rate_limited', 'Too many emails sent lately. Try again later.', { retryAfter });
  }
}

/**
 * Stores a one-time link for `email` and mails it there. The mailer keeps delivery failures
 * to the outbox, so this only throws when the control database does.
 */
export async function sendEmailLink(
  db: ControlDb,
  mailer: Mailer,
  user: AccountUser,
  purpose: EmailTokenPurpose,
  email: string,
  origin: string,
  now: number,
): Promise<void> {
  const { token, row } = newEmailToken(user.id, purpose, email, now);
  if (purpose === 'change_email') {
    // Only the newest requested address may become the login: older pending links die.
    await db.batch([
      db.update(emailTokens).set({ usedAt: now }).where(and(eq(emailTokens.userId, user.id), eq(emailTokens.purpose, 'change_email'), isNull(emailTokens.usedAt))),
      db.insert(emailTokens).values(row),
    ]);
  } else {
    await db.insert(emailTokens).values(row);
  }
  const link = `${origin}/verify-email/${token}`;
  const message = purpose === 'verify' ? verifyEmailMail(email, user.name, link, user.locale) : changeEmailMail(email, user.name, link, user.locale);
  await mailer.send(db, message, now);
}

const invalidLink = (message: string) => new AppError('validation_failed', message, { fields: { token: message } });
const NOT_VALID = 'This link is not valid. Request a new one from your account settings.';

/**
 * Consumes a verification or email-change link: marks the address verified (and, for a
 * change, makes it the login) and burns the token, in one transaction. Every unusable link
 * is a 400 with a `token` field message saying why; an address taken meanwhile is a 409.
 */
export async function consumeEmailToken(db: ControlDb, mailer: Mailer, token: string, now: number): Promise<UserView> {
  const parsed = parseEmailToken(token.trim());
  if (!parsed) throw invalidLink(NOT_VALID);
  const [found] = await db.select().from(emailTokens).where(eq(emailTokens.id, parsed.id)).limit(1);
  if (!found || !secretMatches(parsed.secret, new Uint8Array(found.secretHash))) throw invalidLink(NOT_VALID);
  if (found.usedAt !== null) throw invalidLink('This link has already been used.');
  if (found.expiresAt <= now) throw invalidLink('This link has expired. Request a new one from your account settings.');

  const previous = await db.transaction(async (tx) => {
    const [user] = await tx.select().from(users).where(eq(users.id, found.userId)).limit(1);
    if (!user) throw invalidLink(NOT_VALID);
    // A verification link names the address it was sent to: once the login changed, it verifies nothing.
    if (found.purpose === 'verify' && user.email !== found.email) throw invalidLink(NOT_VALID);
    const claimed = await tx
      .update(emailTokens)
      .set({ usedAt: now })
      .where(and(eq(emailTokens.id, found.id), isNull(emailTokens.usedAt)))
      .returning({ id: emailTokens.id });
    // Two tabs opening the same link at once: the second finds it taken.
    if (claimed.length === 0) throw invalidLink('This link has already been used.');
    if (found.purpose === 'change_email') {
      const [other] = await tx.select({ id: users.id }).from(users).where(eq(users.email, found.email)).limit(1);
      if (other && other.id !== user.id) throw emailTaken();
      await tx.update(users).set({ email: found.email, emailVerifiedAt: now, updatedAt: now }).where(eq(users.id, user.id));
    } else if (user.emailVerifiedAt === null) {
      await tx.update(users).set({ emailVerifiedAt: now, updatedAt: now }).where(eq(users.id, user.id));
    }
    return user;
  }).catch((e: unknown) => {
    if (isUniqueViolation(e, 'users.email')) throw emailTaken();
    throw e;
  });

  if (found.purpose === 'change_email' && previous.email !== found.email) {
    await mailer.send(db, emailChangedMail(previous.email, previous.name, found.email, previous.locale), now);
  }
  const [updated] = await db.select().from(users).where(eq(users.id, found.userId)).limit(1);
  return userView(updated!);
}

export const emailTaken = () =>
  new AppError('conflict', 'Another account already uses this email.', { fields: { email: 'Another account already uses this email address.' } });
