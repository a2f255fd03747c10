import { and, count, eq, gt, inArray, lt, min } from 'drizzle-orm';
import type { ControlDb } from '../../db/control/client.ts';
import { loginFailures } from '../../db/control/schema.ts';
import { AppError } from '../errors.ts';

export const THROTTLE_WINDOW_MS = 15 * 60 * 1000;
const LIMITS = { account: 10, ip: 50 } as const;

const keysFor = (email: string, ip: string | undefined) => ({
  account: `account:${email}`,
  ...(ip ? { ip: `ip:${ip}` } : {}),
});

/** Throws 429 with Retry-After when the account or the address has failed too often lately. */
export async function assertLoginAllowed(db: ControlDb, email: string, ip: string | undefined, now: number): Promise<void> {
  const keys = keysFor(email, ip);
  const since = now - THROTTLE_WINDOW_MS;
  const rows = await db
    .select({ key: loginFailures.key, n: count(), oldest: min(loginFailures.at) })
    .from(loginFailures)
    .where(and(inArray(loginFailures.key, Object.values(keys)), gt(loginFailures.at, since)))
    .groupBy(loginFailures.key);
  for (const r of rows) {
    const limit = r.key.startsWith('ip:') ? LIMITS.ip : LIMITS.account;
    if (r.n >= limit) {
      const retryAfter = Math.max(1, Math.ceil(((r.oldest ?? now) + THROTTLE_WINDOW_MS - now) / 1000));
      throw new AppError('rate_limited', 'Too many failed sign-in attempts. Try again later.', { retryAfter });
    }
  }
}

export async function recordLoginFailure(db: ControlDb, email: string, ip: string | undefined, now: number): Promise<void> {
  const keys = Object.values(keysFor(email, ip));
  await db.batch([
    db.insert(loginFailures).values(keys.map((key) => ({ key, at: now }))),
    // Keep the table small: rows outside every window are useless.
    db.delete(loginFailures).where(lt(loginFailures.at, now - THROTTLE_WINDOW_MS)),
  ]);
}

/** A successful login forgives the account's failures (not the address's). */
export async function clearAccountFailures(db: ControlDb, email: string): Promise<void> {
  await db.delete(loginFailures).where(eq(loginFailures.key, `account:${email}`));
}
