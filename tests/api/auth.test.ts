import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { count, eq } from 'drizzle-orm';
import { sessions, users } from '../../db/control/schema.ts';
import {
  call,
  createHarness,
  errorOf,
  json,
  logIn,
  PASSWORD,
  sessionCookie,
  signUp,
  uniqueEmail,
  type Harness,
  type MeBody,
  type SignedUp,
  type UserBody,
  type WorkspaceBody,
} from './support.ts';

const THIRTY_DAYS_S = 30 * 24 * 60 * 60;

let h: Harness;
let alice: SignedUp;
let bob: SignedUp;

beforeAll(async () => {
  h = createHarness();
  alice = await signUp(h.app, { name: 'Alice Adams', workspaceName: 'Alpha Works' });
  bob = await signUp(h.app, { name: 'Bob Brown', workspaceName: 'Beta Trade' });
});
afterAll(() => h.close());

function cookieAttributes(res: Response): string[] {
  const set = res.headers.getSetCookie().find((c) => c.startsWith('tandem_session='));
  expect(set).toBeDefined();
  return set!.split(';').map((p) => p.trim().toLowerCase());
}

describe('sign-up', () => {
  it('answers 201 with the user and the workspace, and sets the session cookie', async () => {
    const email = uniqueEmail('signup');
    const res = await call(h.app, 'POST', '/auth/signup', {
      email: `  ${email.toUpperCase()} `,
      password: PASSWORD,
      name: '  Karel Čapek ',
      workspaceName: 'Žlutý kůň s.r.o.',
      locale: 'cs',
    });
    expect(res.status).toBe(201);
    const body = await json<{ user: UserBody; workspace: WorkspaceBody }>(res);
    expect(body.user).toMatchObject({ email, name: 'Karel Čapek', locale: 'cs', emailVerified: false });
    expect(body.user.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(new Date(body.user.createdAt).toISOString()).toBe(body.user.createdAt);
    expect(body.workspace).toMatchObject({ name: 'Žlutý kůň s.r.o.', slug: 'zluty-kun-s-r-o', plan: 'free', role: 'owner', country: 'CZ', currency: 'CZK' });
    expect(body.workspace.limits.members).toBe(2);
    expect(JSON.stringify(body)).not.toMatch(/hash|password|secret/i);
    const attrs = cookieAttributes(res);
    expect(attrs[0]).toMatch(/^tandem_session=[a-z0-9]+\.[a-z0-9]+$/);
    expect(attrs).toContain('httponly');
    expect(attrs).toContain('samesite=lax');
    expect(attrs).toContain('path=/');
    expect(attrs).toContain(`max-age=${THIRTY_DAYS_S}`);
    expect(attrs).not.toContain('secure');
  });

  it('sets a Secure cookie outside localhost', async () => {
    const res = await call(h.app, 'POST', 'https://tandem.example/api/v1/auth/signup', {
      email: uniqueEmail('secure'),
      password: PASSWORD,
      name: 'Secure Sam',
      workspaceName: 'Secure Co',
    });
    expect(res.status).toBe(201);
    const attrs = cookieAttributes(res);
    expect(attrs).toContain('secure');
    expect(attrs).toContain('httponly');
    expect(attrs).toContain('samesite=lax');
    expect(attrs).toContain(`max-age=${THIRTY_DAYS_S}`);
  });

  it('gives a second workspace with the same name its own slug', async () => {
    const other = await signUp(h.app, { workspaceName: 'Alpha Works' });
    expect(alice.workspace.slug).toBe('alpha-works');
    expect(other.workspace.slug).toMatch(/^alpha-works-[0-9a-f]{4}$/);
    expect(other.workspace.id).not.toBe(alice.workspace.id);
  });

  it('rejects an email already registered, whatever its case, with 409 and fields.email', async () => {
    const before = await h.control.select({ n: count() }).from(users);
    const res = await call(h.app, 'POST', '/auth/signup', {
      email: alice.email.toUpperCase(),
      password: 'another good passphrase',
      name: 'Impostor',
      workspaceName: 'Impostor Ltd',
    });
    expect(res.status).toBe(409);
    const err = await errorOf(res);
    expect(err.code).toBe('conflict');
    expect(err.fields?.['email']).toBeTruthy();
    expect(res.headers.getSetCookie()).toEqual([]);
    const after = await h.control.select({ n: count() }).from(users);
    expect(after[0]!.n).toBe(before[0]!.n);
  });

  it.each([
    ['too short', 'Ab1!xyz'],
    ['too common', 'password123'],
    ['too common, other case', 'PassWord123'],
    ['257 characters', 'x'.repeat(257)],
  ])('rejects a weak password (%s) with 400 and fields.password', async (_label, password) => {
    const res = await call(h.app, 'POST', '/auth/signup', { email: uniqueEmail('weak'), password, name: 'Weak', workspaceName: 'Weak Co' });
    expect(res.status).toBe(400);
    const err = await errorOf(res);
    expect(err.code).toBe('validation_failed');
    expect(err.fields?.['password']).toBeTruthy();
  });

  it('rejects a password containing the email name', async () => {
    const res = await call(h.app, 'POST', '/auth/signup', {
      email: 'zdenek.novak@example.cz',
      password: 'xx-zdenek.novak-2026',
      name: 'Zdeněk',
      workspaceName: 'Zed',
    });
    expect(res.status).toBe(400);
    expect((await errorOf(res)).fields?.['password']).toMatch(/email/i);
  });

  it('accepts a 256-character password', async () => {
    const password = 'correct horse '.repeat(19).slice(0, 256);
    expect(password).toHaveLength(256);
    const email = uniqueEmail('long');
    const res = await call(h.app, 'POST', '/auth/signup', { email, password, name: 'Long', workspaceName: 'Long Co' });
    expect(res.status).toBe(201);
    expect((await logIn(h.app, email, password)).status).toBe(200);
  });
});

describe('log-in', () => {
  it('answers 200 with the user and a new session token on every login', async () => {
    const first = await logIn(h.app, alice.email, PASSWORD);
    expect(first.status).toBe(200);
    const body = await json<{ user: UserBody }>(first);
    expect(body.user).toEqual(alice.user);
    const second = await logIn(h.app, alice.email.toUpperCase(), PASSWORD);
    expect(second.status).toBe(200);
    const tokens = new Set([alice.cookie, sessionCookie(first), sessionCookie(second)]);
    expect(tokens.size).toBe(3);
    // Every token is a working session of its own.
    for (const cookie of tokens) expect((await call(h.app, 'GET', '/me', undefined, { cookie })).status).toBe(200);
    const attrs = cookieAttributes(first);
    expect(attrs).toContain('httponly');
    expect(attrs).toContain('samesite=lax');
    expect(attrs).toContain(`max-age=${THIRTY_DAYS_S}`);
  });

  it('does not keep a session token offered by the client (no fixation)', async () => {
    const planted = 'aaaaaaaaaaaaaaaaaaaaaaaa.bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb';
    const res = await call(h.app, 'POST', '/auth/login', { email: bob.email, password: PASSWORD }, { cookie: `tandem_session=${planted}` });
    expect(res.status).toBe(200);
    expect(sessionCookie(res)).not.toBe(`tandem_session=${planted}`);
    expect((await call(h.app, 'GET', '/me', undefined, { cookie: `tandem_session=${planted}` })).status).toBe(401);
  });

  it('rejects a wrong password and an unknown email with the same 401', async () => {
    const wrong = await logIn(h.app, bob.email, 'not the right password');
    const unknown = await logIn(h.app, 'nobody-here@example.cz', PASSWORD);
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    const a = await errorOf(wrong);
    const b = await errorOf(unknown);
    expect(a.code).toBe('unauthenticated');
    expect(b.code).toBe('unauthenticated');
    expect(a.message).toBe(b.message);
    expect(wrong.headers.getSetCookie()).toEqual([]);
    expect(unknown.headers.getSetCookie()).toEqual([]);
  });
});

describe('me', () => {
  it('lists the user and their workspaces with role owner', async () => {
    const res = await call(h.app, 'GET', '/me', undefined, { cookie: alice.cookie });
    expect(res.status).toBe(200);
    const me = await json<MeBody>(res);
    expect(me.user).toEqual(alice.user);
    expect(me.workspaces).toEqual([
      { id: alice.workspace.id, slug: alice.workspace.slug, name: 'Alpha Works', plan: 'free', role: 'owner' },
    ]);
  });

  it('does not list other users’ workspaces', async () => {
    const me = await json<MeBody>(await call(h.app, 'GET', '/me', undefined, { cookie: bob.cookie }));
    expect(me.user.id).toBe(bob.user.id);
    expect(me.workspaces.map((w) => w.id)).toEqual([bob.workspace.id]);
  });

  it('answers 401 without a cookie, with a malformed one and with a tampered secret', async () => {
    const [id, secret] = alice.cookie.slice('tandem_session='.length).split('.') as [string, string];
    const flipped = secret.slice(0, -1) + (secret.endsWith('a') ? 'b' : 'a');
    const cookies = [
      undefined,
      'tandem_session=garbage',
      `tandem_session=${id}.${flipped}`,
      `tandem_session=${id}.${secret}.extra`,
      `tandem_session=${id}`,
    ];
    for (const cookie of cookies) {
      const res = await call(h.app, 'GET', '/me', undefined, { cookie });
      expect(res.status, String(cookie)).toBe(401);
      expect((await errorOf(res)).code).toBe('unauthenticated');
    }
    // The real token still works: tampering did not damage the session.
    expect((await call(h.app, 'GET', '/me', undefined, { cookie: alice.cookie })).status).toBe(200);
  });
});

describe('log-out', () => {
  it('answers 204, clears the cookie, deletes the session; the old token is dead', async () => {
    const login = await logIn(h.app, bob.email, PASSWORD);
    const cookie = sessionCookie(login);
    const id = cookie.slice('tandem_session='.length).split('.')[0]!;
    expect(await h.control.select().from(sessions).where(eq(sessions.id, id))).toHaveLength(1);

    const res = await call(h.app, 'POST', '/auth/logout', undefined, { cookie });
    expect(res.status).toBe(204);
    expect(await res.text()).toBe('');
    const cleared = res.headers.getSetCookie().find((c) => c.startsWith('tandem_session='));
    expect(cleared).toMatch(/max-age=0/i);
    expect(await h.control.select().from(sessions).where(eq(sessions.id, id))).toHaveLength(0);

    const me = await call(h.app, 'GET', '/me', undefined, { cookie });
    expect(me.status).toBe(401);
    // Other sessions of the same user live on.
    expect((await call(h.app, 'GET', '/me', undefined, { cookie: bob.cookie })).status).toBe(200);
  });

  it('answers 401 without a session', async () => {
    const res = await call(h.app, 'POST', '/auth/logout');
    expect(res.status).toBe(401);
    expect((await errorOf(res)).code).toBe('unauthenticated');
  });
});

describe('sliding session expiry through the API', () => {
  it('re-sends the cookie after an hour and rejects the session after 30 idle days', async () => {
    const login = await logIn(h.app, alice.email, PASSWORD);
    const cookie = sessionCookie(login);
    const start = h.clock.ms;
    try {
      h.clock.advance(30 * 60 * 1000);
      const soon = await call(h.app, 'GET', '/me', undefined, { cookie });
      expect(soon.status).toBe(200);
      expect(soon.headers.getSetCookie()).toEqual([]);

      h.clock.advance(31 * 60 * 1000);
      const later = await call(h.app, 'GET', '/me', undefined, { cookie });
      expect(later.status).toBe(200);
      expect(sessionCookie(later)).toBe(cookie);

      h.clock.advance(29 * 24 * 60 * 60 * 1000); // 29 days after the refresh: still alive
      expect((await call(h.app, 'GET', '/me', undefined, { cookie })).status).toBe(200);

      h.clock.advance(30 * 24 * 60 * 60 * 1000);
      expect((await call(h.app, 'GET', '/me', undefined, { cookie })).status).toBe(401);
    } finally {
      h.clock.ms = start;
    }
  });
});
