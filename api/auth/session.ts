import { constantTimeEqual } from '@oslojs/crypto/subtle';
import { sha256 } from '@oslojs/crypto/sha2';
import { encodeBase32LowerCaseNoPadding } from '@oslojs/encoding';
import { and, eq, sql } from 'drizzle-orm';
import type { ControlDb } from '../../db/control/client.ts';
import { sessions, users } from '../../db/control/schema.ts';

// Lucia's current session design (lucia-auth/lucia, pages/sessions/basic.md): a token
// `<id>.<secret>`, only SHA-256 of the secret stored, compared in constant time.

export const SESSION_TTL_MS = 30 * 24 * 60 * 60 * 1000;
/** Sliding expiry is written back at most this often, so reads don't become writes. */
export const SESSION_REFRESH_MS = 60 * 60 * 1000;

export interface SessionUser {
  id: string;
  email: string;
  name: string;
  locale: string | null;
  emailVerifiedAt: number | null;
  createdAt: number;
}

export interface ValidSession {
  id: string;
  user: SessionUser;
  /** True when the expiry moved and the cookie should be sent again. */
  refreshed: boolean;
}

// Every request validates its session: the query is built once per control client, not per call.
function buildSessionLookup(db: ControlDb) {
  return db
    .select({ session: sessions, user: users })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(eq(sessions.id, sql.placeholder('id')))
    .limit(1)
    .prepare();
}
const lookups = new WeakMap<ControlDb, ReturnType<typeof buildSessionLookup>>();
function sessionLookup(db: ControlDb) {
  let q = lookups.get(db);
  if (!q) {
    q = buildSessionLookup(db);
    lookups.set(db, q);
  }
  return q;
}

function randomPart(bytes: number): string {
  const b = new Uint8Array(bytes);
  crypto.getRandomValues(b);
  return encodeBase32LowerCaseNoPadding(b);
}

const hashSecret = (secret: string) => sha256(new TextEncoder().encode(secret));

/** A new session row for the user; returns the token for the cookie (the only place the secret lives). */
export function newSession(userId: string, now: number): { token: string; row: typeof sessions.$inferInsert } {
  const id = randomPart(15);
  const secret = randomPart(20);
  return {
    token: `${id}.${secret}`,
    row: { id, userId, secretHash: Buffer.from(hashSecret(secret)), createdAt: now, lastVerifiedAt: now },
  };
}

export async function validateSessionToken(db: ControlDb, token: string, now: number): Promise<ValidSession | null> {
  const [id, secret, extra] = token.split('.');
  if (!id || !secret || extra !== undefined || id.length > 64 || secret.length > 64) return null;
  const found = await sessionLookup(db).get({ id });
  if (!found) return null;
  const stored = new Uint8Array(found.session.secretHash);
  if (!constantTimeEqual(hashSecret(secret), stored)) return null;
  if (now - found.session.lastVerifiedAt >= SESSION_TTL_MS) {
    await db.delete(sessions).where(eq(sessions.id, id));
    return null;
  }
  let refreshed = false;
  if (now - found.session.lastVerifiedAt >= SESSION_REFRESH_MS) {
    await db.update(sessions).set({ lastVerifiedAt: now }).where(eq(sessions.id, id));
    refreshed = true;
  }
  const u = found.user;
  return {
    id,
    refreshed,
    user: { id: u.id, email: u.email, name: u.name, locale: u.locale, emailVerifiedAt: u.emailVerifiedAt, createdAt: u.createdAt },
  };
}

export async function invalidateSession(db: ControlDb, sessionId: string, userId: string): Promise<void> {
  await db.delete(sessions).where(and(eq(sessions.id, sessionId), eq(sessions.userId, userId)));
}

export async function invalidateUserSessions(db: ControlDb, userId: string): Promise<void> {
  await db.delete(sessions).where(eq(sessions.userId, userId));
}
