import { eq } from 'drizzle-orm';
import type { ControlDb } from '../../../db/control/client.ts';
import { passwordCredentials } from '../../../db/control/schema.ts';
import { verifyPassword } from '../../auth/password.ts';
import { assertLoginAllowed, clearAccountFailures, recordLoginFailure } from '../../auth/throttle.ts';
import { AppError } from '../../errors.ts';

export interface ReauthOptions {
  ip: string | undefined;
  throttle: boolean;
}

/**
 * Confirms the signed-in user's password before a sensitive change. Failures count against
 * the same per-account and per-address budget as logins: a stolen session must not become
 * an unlimited password oracle. A wrong password is a 400 on `field` (the form shows it).
 */
export async function reauthenticate(
  db: ControlDb,
  user: { id: string; email: string },
  password: string,
  field: string,
  options: ReauthOptions,
  now: number,
): Promise<void> {
  if (options.throttle) await assertLoginAllowed(db, user.email, options.ip, now);
  const [cred] = await db.select({ hash: passwordCredentials.hash }).from(passwordCredentials).where(eq(passwordCredentials.userId, user.id)).limit(1);
  const ok = cred ? await verifyPassword(cred.hash, password) : false;
  if (!ok) {
    if (options.throttle) await recordLoginFailure(db, user.email, options.ip, now);
    throw new AppError('validation_failed', 'The password is incorrect.', { fields: { [field]: 'The password is incorrect.' } });
  }
  if (options.throttle) await clearAccountFailures(db, user.email);
}
