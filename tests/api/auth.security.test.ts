import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { count, eq } from 'drizzle-orm';
import { loginFailures, users } from '../../db/control/schema.ts';
import {
  call,
  createHarness,
  errorOf,
  logIn,
  PASSWORD,
  sessionCookie,
  signUp,
  uniqueEmail,
  type Harness,
  type SignedUp,
} from './support.ts';

const FIFTEEN_MIN = 15 * 60 * 1000;

let h: Harness;
let alice: SignedUp;
let bob: SignedUp;

beforeAll(async () => {
  h = createHarness();
  alice = await signUp(h.app, { workspaceName: 'Alpha' });
  bob = await signUp(h.app, { workspaceName: 'Beta' });
});
afterAll(() => h.close());

const userCount = async () => (await h.control.select({ n: count() }).from(users))[0]!.n;

describe('CSRF guard', () => {
  const signupBody = () => ({ email: uniqueEmail('csrf'), password: PASSWORD, name: 'Mallory', workspaceName: 'Evil' });

  it('rejects a state-changing request from a foreign Origin with 403 and writes nothing', async () => {
    const before = await userCount();
    const res = await call(h.app, 'POST', '/auth/signup', signupBody(), { origin: 'https://evil.example' });
    expect(res.status).toBe(403);
    expect((await errorOf(res)).code).toBe('forbidden');
    expect(res.headers.getSetCookie()).toEqual([]);
    expect(await userCount()).toBe(before);
  });

  it('rejects a look-alike origin (other port, other scheme, suffix)', async () => {
    for (const origin of ['http://localhost:8080', 'https://localhost', 'http://localhost.evil.example', 'null']) {
      const res = await call(h.app, 'POST', '/auth/login', { email: alice.email, password: PASSWORD }, { origin });
      expect(res.status, origin).toBe(403);
    }
  });

  it('rejects a request without Origin', async () => {
    const res = await call(h.app, 'POST', '/auth/login', { email: alice.email, password: PASSWORD }, { origin: null });
    expect(res.status).toBe(403);
    expect((await errorOf(res)).code).toBe('forbidden');
  });

  it('rejects a cookie-authenticated logout from a foreign Origin, keeping the session', async () => {
    const res = await call(h.app, 'POST', '/auth/logout', undefined, { cookie: alice.cookie, origin: 'https://evil.example' });
    expect(res.status).toBe(403);
    expect((await call(h.app, 'GET', '/me', undefined, { cookie: alice.cookie })).status).toBe(200);
  });

  it('rejects a form-encodable content type even from the right Origin', async () => {
    for (const contentType of ['text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x']) {
      const res = await call(h.app, 'POST', '/auth/login', { email: alice.email, password: PASSWORD }, { contentType });
      expect(res.status, contentType).toBe(403);
      expect((await errorOf(res)).code).toBe('forbidden');
    }
  });

  it('rejects a body sent without any Content-Type', async () => {
    const res = await call(h.app, 'POST', '/auth/login', { email: alice.email, password: PASSWORD }, { contentType: null });
    expect(res.status).toBe(403);
  });

  it('rejects a cookie PATCH to a workspace from a foreign Origin and leaves it unchanged', async () => {
    const res = await call(h.app, 'PATCH', `/w/${alice.workspace.slug}`, { name: 'Hacked' }, { cookie: alice.cookie, origin: 'https://evil.example' });
    expect(res.status).toBe(403);
    const ws = await call(h.app, 'GET', `/w/${alice.workspace.slug}`, undefined, { cookie: alice.cookie });
    expect(((await ws.json()) as { name: string }).name).toBe('Alpha');
  });

  it('does not apply to GET requests', async () => {
    const res = await h.app.request('/api/v1/me', { headers: { Cookie: alice.cookie, Origin: 'https://evil.example' } });
    expect(res.status).toBe(200);
    const noOrigin = await h.app.request('/api/v1/me', { headers: { Cookie: alice.cookie, 'Content-Type': 'text/plain' } });
    expect(noOrigin.status).toBe(200);
  });

  it('trusts the request’s own origin on https', async () => {
    const ok = await call(h.app, 'POST', 'https://tandem.example/api/v1/auth/login', { email: alice.email, password: PASSWORD });
    expect(ok.status).toBe(200);
    const wrong = await call(h.app, 'POST', 'https://tandem.example/api/v1/auth/login', { email: alice.email, password: PASSWORD }, { origin: 'http://tandem.example' });
    expect(wrong.status).toBe(403);
  });
});

describe('CSRF guard with APP_ORIGIN configured', () => {
  let g: Harness;
  beforeAll(() => {
    g = createHarness({ appOrigin: 'https://app.tandem.cz' });
  });
  afterAll(() => g.close());

  it('requires exactly the configured origin, not the request’s own', async () => {
    const body = { email: uniqueEmail('app'), password: PASSWORD, name: 'App', workspaceName: 'App Co' };
    const own = await call(g.app, 'POST', '/auth/signup', body, { origin: 'http://localhost' });
    expect(own.status).toBe(403);
    const other = await call(g.app, 'POST', '/auth/signup', body, { origin: 'https://evil.example' });
    expect(other.status).toBe(403);
    const app = await call(g.app, 'POST', '/auth/signup', body, { origin: 'https://app.tandem.cz' });
    expect(app.status).toBe(201);
    const cookie = sessionCookie(app);
    const me = await call(g.app, 'GET', '/me', undefined, { cookie });
    expect(me.status).toBe(200);
    expect((await call(g.app, 'POST', '/auth/logout', undefined, { cookie })).status).toBe(403);
    expect((await call(g.app, 'POST', '/auth/logout', undefined, { cookie, origin: 'https://app.tandem.cz' })).status).toBe(204);
  });
});

describe('login throttling', () => {
  it('locks an account after 10 failures in 15 minutes, even for the right password, until the window passes', async () => {
    const start = h.clock.ms;
    try {
      for (let i = 0; i < 10; i++) {
        const res = await logIn(h.app, alice.email, `wrong password ${i}`);
        expect(res.status, `attempt ${i + 1}`).toBe(401);
        h.clock.advance(1000);
      }
      const locked = await logIn(h.app, alice.email, PASSWORD);
      expect(locked.status).toBe(429);
      expect((await errorOf(locked)).code).toBe('rate_limited');
      expect(locked.headers.getSetCookie()).toEqual([]);
      const retryAfter = locked.headers.get('retry-after');
      expect(retryAfter).toMatch(/^[1-9][0-9]*$/);
      // The oldest failure was 10 s ago, so it leaves the window in 15 min − 10 s.
      expect(Number(retryAfter)).toBe(15 * 60 - 10);

      // Any case or spacing of the same email is the same account.
      expect((await logIn(h.app, `  ${alice.email.toUpperCase()}`, PASSWORD)).status).toBe(429);

      // Another account is not affected.
      expect((await logIn(h.app, bob.email, PASSWORD)).status).toBe(200);

      // Existing sessions keep working: throttling is about logging in.
      expect((await call(h.app, 'GET', '/me', undefined, { cookie: alice.cookie })).status).toBe(200);

      // Still locked just before the first failure leaves the window…
      h.clock.ms = start + FIFTEEN_MIN - 1;
      expect((await logIn(h.app, alice.email, PASSWORD)).status).toBe(429);
      // …and the retry-after shrinks with time.
      const later = await logIn(h.app, alice.email, PASSWORD);
      expect(Number(later.headers.get('retry-after'))).toBeLessThan(Number(retryAfter));

      // Once all 10 failures are older than 15 minutes, the right password works again.
      h.clock.ms = start + 9000 + FIFTEEN_MIN + 1;
      const ok = await logIn(h.app, alice.email, PASSWORD);
      expect(ok.status).toBe(200);
      // A success forgives the account's failures.
      const rows = await h.control.select().from(loginFailures).where(eq(loginFailures.key, `account:${alice.email}`));
      expect(rows).toHaveLength(0);
    } finally {
      h.clock.ms = start;
    }
  });

  it('lets the 11th attempt through when only 9 failures are inside the window', async () => {
    const start = h.clock.ms;
    try {
      await logIn(h.app, bob.email, 'wrong once');
      h.clock.advance(FIFTEEN_MIN);
      for (let i = 0; i < 9; i++) expect((await logIn(h.app, bob.email, `wrong ${i}`)).status).toBe(401);
      expect((await logIn(h.app, bob.email, PASSWORD)).status).toBe(200);
    } finally {
      h.clock.ms = start;
    }
  });

  it('throttles unknown emails too, without creating them', async () => {
    const ghost = uniqueEmail('ghost');
    for (let i = 0; i < 10; i++) expect((await logIn(h.app, ghost, PASSWORD)).status).toBe(401);
    const res = await logIn(h.app, ghost, PASSWORD);
    expect(res.status).toBe(429);
    expect(Number(res.headers.get('retry-after'))).toBeGreaterThan(0);
  });
});

describe('login throttling switched off', () => {
  let g: Harness;
  beforeAll(() => {
    g = createHarness({ rateLimits: false });
  });
  afterAll(() => g.close());

  it('never answers 429 and records no failures', async () => {
    const carol = await signUp(g.app, { workspaceName: 'Gamma' });
    for (let i = 0; i < 11; i++) expect((await logIn(g.app, carol.email, `wrong ${i}`)).status).toBe(401);
    expect((await logIn(g.app, carol.email, PASSWORD)).status).toBe(200);
    expect(await g.control.select().from(loginFailures)).toHaveLength(0);
  });
});
