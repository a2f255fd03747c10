// Account settings under /me: profile, email change (through a link to the new address),
// password change (ending the other sessions), the sessions list and signing devices out.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { latestToken, mailTo } from './account-support.ts';
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
} from './support.ts';

const NEW_PASSWORD = 'purple elephant kayak 42';

interface SessionBody {
  id: string;
  createdAt: string;
  lastVerifiedAt: string;
  current: boolean;
}

let h: Harness;
beforeAll(() => {
  h = createHarness();
});
afterAll(() => h.close());

const me = (cookie: string) => call(h.app, 'GET', '/me', undefined, { cookie });
const meUser = async (cookie: string) => (await json<MeBody>(await me(cookie))).user;
/** The session id is the part of the cookie's token before the dot. */
const sessionIdOf = (cookie: string) => cookie.split('=')[1]!.split('.')[0]!;

async function secondSession(who: SignedUp, password = who.password): Promise<string> {
  const res = await logIn(h.app, who.email, password);
  expect(res.status).toBe(200);
  return sessionCookie(res);
}

describe('PATCH /me', () => {
  it('changes the name and language, and /me shows them', async () => {
    const alice = await signUp(h.app, { name: 'Alice' });
    const res = await call(h.app, 'PATCH', '/me', { name: '  Alice Nováková ', locale: 'cs' }, { cookie: alice.cookie });
    expect(res.status).toBe(200);
    const user = await json<UserBody>(res);
    expect(user).toMatchObject({ id: alice.user.id, name: 'Alice Nováková', locale: 'cs', email: alice.email });
    expect(await meUser(alice.cookie)).toMatchObject({ name: 'Alice Nováková', locale: 'cs' });

    const reset = await call(h.app, 'PATCH', '/me', { locale: null }, { cookie: alice.cookie });
    expect(await json<UserBody>(reset)).toMatchObject({ name: 'Alice Nováková', locale: null });
  });

  it('refuses bad input with field messages and changes nothing', async () => {
    const bob = await signUp(h.app, { name: 'Bob' });
    const cases: [unknown, string][] = [
      [{ name: '' }, 'name'],
      [{ name: '   ' }, 'name'],
      [{ name: 'x'.repeat(201) }, 'name'],
      [{ locale: 'de' }, 'locale'],
      [{ email: 'new@example.cz' }, 'email'],
      [{ name: 42 }, 'name'],
    ];
    for (const [body, field] of cases) {
      const res = await call(h.app, 'PATCH', '/me', body, { cookie: bob.cookie });
      expect(res.status, JSON.stringify(body)).toBe(400);
      const err = await errorOf(res);
      expect(err.code).toBe('validation_failed');
      expect(err.fields?.[field], JSON.stringify(body)).toBeTruthy();
    }
    expect(await meUser(bob.cookie)).toMatchObject({ name: 'Bob', email: bob.email });
  });

  it('needs a session and the app’s own origin', async () => {
    const carol = await signUp(h.app, { name: 'Carol' });
    expect((await call(h.app, 'PATCH', '/me', { name: 'X' })).status).toBe(401);
    expect((await call(h.app, 'PATCH', '/me', { name: 'X' }, { cookie: carol.cookie, origin: 'https://evil.example' })).status).toBe(403);
    expect((await meUser(carol.cookie)).name).toBe('Carol');
  });
});

describe('POST /me/email', () => {
  const change = (who: SignedUp, body: unknown) => call(h.app, 'POST', '/me/email', body, { cookie: who.cookie });
  const verify = (token: string) => call(h.app, 'POST', '/auth/verify-email', { token });

  it('mails a link to the new address; the login changes only when it is opened', async () => {
    const dana = await signUp(h.app, { name: 'Dana' });
    const newEmail = uniqueEmail('dana-new');
    const res = await change(dana, { email: newEmail.toUpperCase(), password: PASSWORD });
    expect(res.status).toBe(204);

    const [mail] = await mailTo(h, newEmail, 'email_change');
    expect(mail!.text).toContain('Dana');
    expect(await mailTo(h, dana.email, 'email_change')).toHaveLength(0);
    expect((await meUser(dana.cookie)).email).toBe(dana.email);

    const opened = await verify(await latestToken(h, newEmail, 'email_change'));
    expect(opened.status).toBe(200);
    expect((await json<{ user: UserBody }>(opened)).user).toMatchObject({ id: dana.user.id, email: newEmail, emailVerified: true });
    expect(await meUser(dana.cookie)).toMatchObject({ email: newEmail, emailVerified: true });
    // The old address hears about it; sign-in moves to the new one; the session stays.
    const [notice] = await mailTo(h, dana.email, 'email_changed');
    expect(notice!.text).toContain(newEmail);
    expect((await logIn(h.app, newEmail, PASSWORD)).status).toBe(200);
    expect((await logIn(h.app, dana.email, PASSWORD)).status).toBe(401);
    // The sign-up link names the old address: it verifies nothing any more.
    const stale = await verify(await latestToken(h, dana.email, 'verify_email'));
    expect(stale.status).toBe(400);
  });

  it('refuses a wrong password with a field message and sends nothing', async () => {
    const emil = await signUp(h.app);
    const newEmail = uniqueEmail();
    const res = await change(emil, { email: newEmail, password: 'not my password' });
    expect(res.status).toBe(400);
    const err = await errorOf(res);
    expect(err.fields?.['password']).toMatch(/incorrect/);
    expect(await mailTo(h, newEmail)).toHaveLength(0);
  });

  it('answers 409 when another account has the address, 400 for its own or a malformed one', async () => {
    const filip = await signUp(h.app);
    const gita = await signUp(h.app);
    const taken = await change(filip, { email: gita.email, password: PASSWORD });
    expect(taken.status).toBe(409);
    expect((await errorOf(taken)).fields?.['email']).toBeTruthy();
    expect(await mailTo(h, gita.email, 'email_change')).toHaveLength(0);

    const same = await change(filip, { email: filip.email, password: PASSWORD });
    expect(same.status).toBe(400);
    expect((await errorOf(same)).fields?.['email']).toMatch(/already your email/);

    for (const body of [{ email: 'nope', password: PASSWORD }, { email: uniqueEmail() }, { password: PASSWORD }, { email: uniqueEmail(), password: PASSWORD, name: 'x' }]) {
      const res = await change(filip, body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(Object.keys((await errorOf(res)).fields ?? {}).length).toBeGreaterThan(0);
    }
    expect((await meUser(filip.cookie)).email).toBe(filip.email);
  });

  it('answers 409 when the address was registered between the request and the link', async () => {
    const hugo = await signUp(h.app);
    const wanted = uniqueEmail();
    expect((await change(hugo, { email: wanted, password: PASSWORD })).status).toBe(204);
    const token = await latestToken(h, wanted, 'email_change');
    await signUp(h.app, { email: wanted });
    const res = await verify(token);
    expect(res.status).toBe(409);
    expect((await meUser(hugo.cookie)).email).toBe(hugo.email);
  });

  it('keeps only the newest request: an older pending link stops working', async () => {
    const iva = await signUp(h.app);
    const first = uniqueEmail();
    const second = uniqueEmail();
    expect((await change(iva, { email: first, password: PASSWORD })).status).toBe(204);
    const firstToken = await latestToken(h, first, 'email_change');
    expect((await change(iva, { email: second, password: PASSWORD })).status).toBe(204);
    expect((await verify(firstToken)).status).toBe(400);
    expect((await verify(await latestToken(h, second, 'email_change'))).status).toBe(200);
    expect((await meUser(iva.cookie)).email).toBe(second);
  });

  it('expires after 48 hours, and a link opens only once', async () => {
    const jan = await signUp(h.app);
    const target = uniqueEmail();
    expect((await change(jan, { email: target, password: PASSWORD })).status).toBe(204);
    const token = await latestToken(h, target, 'email_change');
    h.clock.advance(48 * 60 * 60 * 1000);
    expect((await verify(token)).status).toBe(400);
    expect((await meUser(jan.cookie)).email).toBe(jan.email);

    expect((await change(jan, { email: target, password: PASSWORD })).status).toBe(204);
    const fresh = await latestToken(h, target, 'email_change');
    expect((await verify(fresh)).status).toBe(200);
    const again = await verify(fresh);
    expect(again.status).toBe(400);
    expect((await errorOf(again)).fields?.['token']).toMatch(/already been used/);
  });
});

describe('POST /me/password', () => {
  const change = (cookie: string, body: unknown) => call(h.app, 'POST', '/me/password', body, { cookie });

  it('sets the new password and ends every other session, keeping this one', async () => {
    const kim = await signUp(h.app);
    const laptop = await secondSession(kim);
    const phone = await secondSession(kim);
    const res = await change(kim.cookie, { currentPassword: PASSWORD, newPassword: NEW_PASSWORD });
    expect(res.status).toBe(204);
    expect((await me(kim.cookie)).status).toBe(200);
    expect((await me(laptop)).status).toBe(401);
    expect((await me(phone)).status).toBe(401);
    expect((await logIn(h.app, kim.email, PASSWORD)).status).toBe(401);
    expect((await logIn(h.app, kim.email, NEW_PASSWORD)).status).toBe(200);
    expect(await mailTo(h, kim.email, 'password_changed')).toHaveLength(1);
  });

  it('applies the sign-up password rules to the new password', async () => {
    const lea = await signUp(h.app, { email: uniqueEmail('leaborovska') });
    const cases: [unknown, string, RegExp][] = [
      [{ currentPassword: PASSWORD, newPassword: 'short' }, 'newPassword', /at least 8/],
      [{ currentPassword: PASSWORD, newPassword: 'password123' }, 'newPassword', /too common/],
      [{ currentPassword: PASSWORD, newPassword: `my ${lea.email.split('@')[0]} pass` }, 'newPassword', /email/],
      [{ currentPassword: PASSWORD }, 'newPassword', /./],
      [{ newPassword: NEW_PASSWORD }, 'currentPassword', /./],
      [{ currentPassword: PASSWORD, newPassword: 'x'.repeat(257) }, 'newPassword', /256/],
    ];
    for (const [body, field, message] of cases) {
      const res = await change(lea.cookie, body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect((await errorOf(res)).fields?.[field], JSON.stringify(body)).toMatch(message);
    }
    expect((await logIn(h.app, lea.email, PASSWORD)).status).toBe(200);
  });

  it('refuses a wrong current password, and throttles guessing like logins (429)', async () => {
    const max = await signUp(h.app);
    const other = await secondSession(max);
    for (let i = 0; i < 10; i++) {
      const res = await change(max.cookie, { currentPassword: `guess number ${i}`, newPassword: NEW_PASSWORD });
      expect(res.status, `attempt ${i + 1}`).toBe(400);
      expect((await errorOf(res)).fields?.['currentPassword']).toMatch(/incorrect/);
    }
    const limited = await change(max.cookie, { currentPassword: PASSWORD, newPassword: NEW_PASSWORD });
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get('Retry-After'))).toBeGreaterThan(0);
    // The same budget as logins: the guesses count there too.
    expect((await logIn(h.app, max.email, PASSWORD)).status).toBe(429);
    // Nothing changed: the old password stands and the other device is still signed in.
    expect((await me(other)).status).toBe(200);
    h.clock.advance(15 * 60 * 1000 + 1000);
    expect((await change(max.cookie, { currentPassword: PASSWORD, newPassword: NEW_PASSWORD })).status).toBe(204);
  });

  it('needs a session', async () => {
    expect((await call(h.app, 'POST', '/me/password', { currentPassword: PASSWORD, newPassword: NEW_PASSWORD })).status).toBe(401);
  });
});

describe('GET and DELETE /me/sessions', () => {
  const list = async (cookie: string) => {
    const res = await call(h.app, 'GET', '/me/sessions', undefined, { cookie });
    expect(res.status).toBe(200);
    const text = await res.text();
    return { text, items: (JSON.parse(text) as { items: SessionBody[] }).items };
  };
  const revoke = (cookie: string, id: string) => call(h.app, 'DELETE', `/me/sessions/${id}`, undefined, { cookie });

  it('lists the user’s own sessions, marks this one, and never shows a secret', async () => {
    const nina = await signUp(h.app);
    h.clock.advance(1000);
    const tablet = await secondSession(nina);
    const stranger = await signUp(h.app);
    const { text, items } = await list(nina.cookie);
    expect(items.map((s) => s.id).sort()).toEqual([sessionIdOf(nina.cookie), sessionIdOf(tablet)].sort());
    expect(items.find((s) => s.current)?.id).toBe(sessionIdOf(nina.cookie));
    expect(items.filter((s) => s.current)).toHaveLength(1);
    for (const s of items) expect(Object.keys(s).sort()).toEqual(['createdAt', 'current', 'id', 'lastVerifiedAt']);
    for (const cookie of [nina.cookie, tablet]) expect(text).not.toContain(cookie.split('.')[1]!);
    expect(text).not.toContain(sessionIdOf(stranger.cookie));
  });

  it('signs another device out', async () => {
    const olga = await signUp(h.app);
    const tablet = await secondSession(olga);
    expect((await revoke(olga.cookie, sessionIdOf(tablet))).status).toBe(204);
    expect((await me(tablet)).status).toBe(401);
    expect((await me(olga.cookie)).status).toBe(200);
    expect((await list(olga.cookie)).items.map((s) => s.id)).toEqual([sessionIdOf(olga.cookie)]);
  });

  it('answers 404 for another user’s session, which stays signed in', async () => {
    const pavel = await signUp(h.app);
    const radka = await signUp(h.app);
    const res = await revoke(pavel.cookie, sessionIdOf(radka.cookie));
    expect(res.status).toBe(404);
    expect((await errorOf(res)).code).toBe('not_found');
    expect((await me(radka.cookie)).status).toBe(200);
    expect((await revoke(pavel.cookie, 'no-such-session')).status).toBe(404);
  });

  it('signs this device out when it is the one chosen, clearing the cookie', async () => {
    const sara = await signUp(h.app);
    const res = await revoke(sara.cookie, sessionIdOf(sara.cookie));
    expect(res.status).toBe(204);
    expect(res.headers.getSetCookie().some((c) => c.startsWith('tandem_session=;'))).toBe(true);
    expect((await me(sara.cookie)).status).toBe(401);
  });

  it('needs a session', async () => {
    expect((await call(h.app, 'GET', '/me/sessions')).status).toBe(401);
    expect((await call(h.app, 'DELETE', '/me/sessions/abc')).status).toBe(401);
  });
});
