import { eq } from 'drizzle-orm';
import type { ControlDb } from '../../../db/control/client.ts';
import { passwordCredentials, sessions, users } from '../../../db/control/schema.ts';
import { hashPassword, verifyPassword } from '../../auth/password.ts';
import { newSession } from '../../auth/session.ts';
import { assertLoginAllowed, clearAccountFailures, recordLoginFailure } from '../../auth/throttle.ts';
import { AppError } from '../../errors.ts';
import { userView, type UserView } from './user-view.ts';

// Verifying against a dummy hash when the account doesn't exist keeps the response time the
// same, so timing does not reveal which emails are registered.
let dummyHash: Promise<string> | undefined;

export interface LogInOptions {
  ip: string | undefined;
  throttle: boolean;
}

/** Checks the password and starts a new session (a fresh token on every login: no fixation). */
export async function logIn(
  db: ControlDb,
  input: { email: string; password: string },
  options: LogInOptions,
  now: number,
): Promise<{ user: UserView; sessionToken: string }> {
  const email = input.email.trim().toLowerCase();
  if (options.throttle) await assertLoginAllowed(db, email, options.ip, now);
  const rows = await db
    .select({ user: users, hash: passwordCredentials.hash })
    .from(users)
    .innerJoin(passwordCredentials, eq(passwordCredentials.userId, users.id))
    .where(eq(users.email, email))
    .limit(1);
  const found = rows[0];
  const ok = found
    ? await verifyPassword(found.hash, input.password)
    : await verifyPassword(await (dummyHash ??= hashPassword('not-a-real-password')), input.password).then(() => false);
  if (!found || !ok) {
    if (options.throttle) await recordLoginFailure(db, email, options.ip, now);
    throw new AppError('unauthenticated', 'The email or password is incorrect.');
  }
  const session = newSession(found.user.id, now);
  await db.insert(sessions).values(session.row);
  if (options.throttle) await clearAccountFailures(db, email);
  return { user: userView(found.user), sessionToken: session.token };
}
