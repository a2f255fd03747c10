import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createClient, type Client } from '@libsql/client';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  invalidateSession,
  invalidateUserSessions,
  newSession,
  SESSION_REFRESH_MS,
  SESSION_TTL_MS,
  validateSessionToken,
} from '../../api/auth/session.ts';
import { controlDb, migrateControl, type ControlDb } from '../../db/control/client.ts';
import { sessions, users } from '../../db/control/schema.ts';

const T0 = Date.UTC(2026, 0, 1);
const HOUR = 60 * 60 * 1000;
const DAY = 24 * HOUR;

let dir: string;
let client: Client;
let db: ControlDb;

async function addUser(id: string): Promise<void> {
  await db.insert(users).values({ id, email: `${id}@example.cz`, name: id, createdAt: T0, updatedAt: T0 });
}

async function start(userId: string, now = T0): Promise<{ id: string; token: string }> {
  const s = newSession(userId, now);
  await db.insert(sessions).values(s.row);
  return { id: s.row.id, token: s.token };
}

const row = async (id: string) => (await db.select().from(sessions).where(eq(sessions.id, id)))[0];

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'tandem-session-'));
  client = createClient({ url: `file:${join(dir, 'control.db')}` });
  await migrateControl(client);
  db = controlDb(client);
  await addUser('u1');
  await addUser('u2');
});
afterAll(() => {
  client.close();
  rmSync(dir, { recursive: true, force: true });
});
beforeEach(async () => {
  await db.delete(sessions);
});

describe('newSession', () => {
  it('makes an `<id>.<secret>` token and stores only a SHA-256 of the secret', () => {
    const { token, row: r } = newSession('u1', T0);
    const [id, secret] = token.split('.') as [string, string];
    expect(id).toBe(r.id);
    expect(id).toMatch(/^[a-z2-7]{24}$/);
    expect(secret).toMatch(/^[a-z2-7]{32}$/);
    expect(r.secretHash).toHaveLength(32);
    expect(Buffer.from(r.secretHash).toString('utf8')).not.toContain(secret);
    expect(r).toMatchObject({ userId: 'u1', createdAt: T0, lastVerifiedAt: T0 });
    expect(newSession('u1', T0).token).not.toBe(token);
  });
});

describe('validateSessionToken', () => {
  it('returns the session and its user for a valid token', async () => {
    const s = await start('u1');
    const v = await validateSessionToken(db, s.token, T0 + 1000);
    expect(v).toMatchObject({ id: s.id, refreshed: false, user: { id: 'u1', email: 'u1@example.cz', name: 'u1', emailVerifiedAt: null } });
  });

  it('rejects a wrong secret, a malformed token and an unknown id', async () => {
    const s = await start('u1');
    const [id, secret] = s.token.split('.') as [string, string];
    const other = secret.slice(0, -1) + (secret.endsWith('a') ? 'b' : 'a');
    for (const token of [`${id}.${other}`, id, `${id}.`, `.${secret}`, `${s.token}.x`, `${'a'.repeat(65)}.${secret}`, `nope.${secret}`, '']) {
      expect(await validateSessionToken(db, token, T0), token).toBeNull();
    }
    expect(await row(s.id)).toBeDefined();
  });

  it('does not write within the first hour', async () => {
    const s = await start('u1');
    const v = await validateSessionToken(db, s.token, T0 + SESSION_REFRESH_MS - 1);
    expect(v?.refreshed).toBe(false);
    expect((await row(s.id))?.lastVerifiedAt).toBe(T0);
  });

  it('slides the expiry after an hour: lastVerifiedAt moves and refreshed is true', async () => {
    const s = await start('u1');
    const at = T0 + SESSION_REFRESH_MS;
    const v = await validateSessionToken(db, s.token, at);
    expect(v?.refreshed).toBe(true);
    expect((await row(s.id))?.lastVerifiedAt).toBe(at);

    // Just under 30 days after the refresh (more than 30 after creation) it is still valid.
    const later = at + SESSION_TTL_MS - 1;
    expect(later - T0).toBeGreaterThan(SESSION_TTL_MS);
    expect(await validateSessionToken(db, s.token, later)).not.toBeNull();
  });

  it('expires after 30 days without activity and deletes the row', async () => {
    const s = await start('u1');
    expect(await validateSessionToken(db, s.token, T0 + SESSION_TTL_MS - 1)).not.toBeNull();
    const fresh = await start('u1');
    expect(await validateSessionToken(db, fresh.token, T0 + SESSION_TTL_MS)).toBeNull();
    expect(await row(fresh.id)).toBeUndefined();
  });

  it('does not delete an expired-looking session when the secret is wrong', async () => {
    const s = await start('u1');
    const id = s.token.split('.')[0]!;
    expect(await validateSessionToken(db, `${id}.${'z'.repeat(32)}`, T0 + 40 * DAY)).toBeNull();
    expect(await row(s.id)).toBeDefined();
  });
});

describe('invalidating sessions', () => {
  it('invalidateSession ends one session, only for its own user', async () => {
    const a = await start('u1');
    const b = await start('u1');
    await invalidateSession(db, a.id, 'u2');
    expect(await validateSessionToken(db, a.token, T0)).not.toBeNull();
    await invalidateSession(db, a.id, 'u1');
    expect(await validateSessionToken(db, a.token, T0)).toBeNull();
    expect(await validateSessionToken(db, b.token, T0)).not.toBeNull();
  });

  it('invalidateUserSessions ends every session of the user and no one else’s', async () => {
    const mine = [await start('u1'), await start('u1'), await start('u1')];
    const theirs = await start('u2');
    await invalidateUserSessions(db, 'u1');
    for (const s of mine) expect(await validateSessionToken(db, s.token, T0)).toBeNull();
    expect(await db.select().from(sessions).where(eq(sessions.userId, 'u1'))).toHaveLength(0);
    expect(await validateSessionToken(db, theirs.token, T0)).not.toBeNull();
  });

  it('ends sessions when the user is deleted (foreign key cascade)', async () => {
    await addUser('u3');
    const s = await start('u3');
    await db.delete(users).where(eq(users.id, 'u3'));
    expect(await row(s.id)).toBeUndefined();
  });
});
