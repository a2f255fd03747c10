import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createClient, type Client } from '@libsql/client';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { assertLoginAllowed, clearAccountFailures, recordLoginFailure, THROTTLE_WINDOW_MS } from '../../api/auth/throttle.ts';
import { AppError } from '../../api/errors.ts';
import { controlDb, migrateControl, type ControlDb } from '../../db/control/client.ts';
import { loginFailures } from '../../db/control/schema.ts';

const T0 = Date.UTC(2026, 5, 1);

let dir: string;
let client: Client;
let db: ControlDb;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'tandem-throttle-'));
  client = createClient({ url: `file:${join(dir, 'control.db')}` });
  await migrateControl(client);
  db = controlDb(client);
});
afterAll(() => {
  client.close();
  rmSync(dir, { recursive: true, force: true });
});
beforeEach(async () => {
  await db.delete(loginFailures);
});

async function rejection(p: Promise<unknown>): Promise<AppError> {
  const e: unknown = await p.then(
    () => undefined,
    (err: unknown) => err,
  );
  expect(e).toBeInstanceOf(AppError);
  return e as AppError;
}

describe('login throttle', () => {
  it('allows 10 account failures per window and blocks from then on', async () => {
    for (let i = 0; i < 9; i++) await recordLoginFailure(db, 'a@x.cz', undefined, T0 + i);
    await expect(assertLoginAllowed(db, 'a@x.cz', undefined, T0 + 100)).resolves.toBeUndefined();
    await recordLoginFailure(db, 'a@x.cz', undefined, T0 + 9);
    const err = await rejection(assertLoginAllowed(db, 'a@x.cz', undefined, T0 + 1000));
    expect(err.code).toBe('rate_limited');
    expect(err.retryAfter).toBe(THROTTLE_WINDOW_MS / 1000 - 1);
    await expect(assertLoginAllowed(db, 'b@x.cz', undefined, T0 + 1000)).resolves.toBeUndefined();
  });

  it('lets the account in again once its failures are older than the window', async () => {
    for (let i = 0; i < 10; i++) await recordLoginFailure(db, 'a@x.cz', undefined, T0);
    await expect(assertLoginAllowed(db, 'a@x.cz', undefined, T0 + THROTTLE_WINDOW_MS - 1)).rejects.toBeInstanceOf(AppError);
    await expect(assertLoginAllowed(db, 'a@x.cz', undefined, T0 + THROTTLE_WINDOW_MS)).resolves.toBeUndefined();
  });

  it('blocks an address after 50 failures across accounts', async () => {
    for (let i = 0; i < 49; i++) await recordLoginFailure(db, `user${i}@x.cz`, '203.0.113.7', T0);
    await expect(assertLoginAllowed(db, 'fresh@x.cz', '203.0.113.7', T0 + 1)).resolves.toBeUndefined();
    await recordLoginFailure(db, 'user49@x.cz', '203.0.113.7', T0);
    const err = await rejection(assertLoginAllowed(db, 'fresh@x.cz', '203.0.113.7', T0 + 1));
    expect(err.retryAfter).toBeGreaterThan(0);
    // Another address is fine, and so is the account from elsewhere.
    await expect(assertLoginAllowed(db, 'fresh@x.cz', '198.51.100.1', T0 + 1)).resolves.toBeUndefined();
  });

  it('a success clears the account’s failures but not the address’s', async () => {
    for (let i = 0; i < 10; i++) await recordLoginFailure(db, 'a@x.cz', '203.0.113.9', T0);
    await clearAccountFailures(db, 'a@x.cz');
    const keys = (await db.select().from(loginFailures)).map((r) => r.key);
    expect(keys).toHaveLength(10);
    expect(new Set(keys)).toEqual(new Set(['ip:203.0.113.9']));
    await expect(assertLoginAllowed(db, 'a@x.cz', undefined, T0 + 1)).resolves.toBeUndefined();
  });

  it('prunes rows that have left every window', async () => {
    await recordLoginFailure(db, 'old@x.cz', undefined, T0);
    await recordLoginFailure(db, 'new@x.cz', undefined, T0 + THROTTLE_WINDOW_MS + 1);
    expect((await db.select().from(loginFailures)).map((r) => r.key)).toEqual(['account:new@x.cz']);
  });
});
