import { and, desc, eq, gt } from 'drizzle-orm';
import type { ControlDb } from '../../../db/control/client.ts';
import { sessions } from '../../../db/control/schema.ts';
import { SESSION_TTL_MS } from '../../auth/session.ts';
import { notFound } from '../../errors.ts';

export interface SessionView {
  id: string;
  createdAt: string;
  /** When the session was last seen, to the hour (the sliding expiry is written back hourly). */
  lastVerifiedAt: string;
  current: boolean;
}

/** The user's live sessions, most recently used first. Only ids and times: never a secret or hash. */
export async function listSessions(db: ControlDb, userId: string, currentId: string, now: number): Promise<SessionView[]> {
  const rows = await db
    .select({ id: sessions.id, createdAt: sessions.createdAt, lastVerifiedAt: sessions.lastVerifiedAt })
    .from(sessions)
    .where(and(eq(sessions.userId, userId), gt(sessions.lastVerifiedAt, now - SESSION_TTL_MS)))
    .orderBy(desc(sessions.lastVerifiedAt), desc(sessions.createdAt), desc(sessions.id));
  return rows.map((r) => ({
    id: r.id,
    createdAt: new Date(r.createdAt).toISOString(),
    lastVerifiedAt: new Date(r.lastVerifiedAt).toISOString(),
    current: r.id === currentId,
  }));
}

/** Ends one of the user's own sessions; anybody else's id is as unknown as a made-up one (404). */
export async function revokeSession(db: ControlDb, userId: string, sessionId: string): Promise<void> {
  const gone = await db
    .delete(sessions)
    .where(and(eq(sessions.id, sessionId), eq(sessions.userId, userId)))
    .returning({ id: sessions.id });
  if (gone.length === 0) throw notFound('Session');
}
