// Email verification: the link sign-up sends, opening it (signed in or not), its single use
// and 48-hour life, resending with its hourly budget, and sign-up surviving a mail outage.
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { emailTokens, users } from '../../db/control/schema.ts';
import { outboxMailer } from '../../api/mail/mailer.ts';
import { latestToken, linkIn, mailTo } from './account-support.ts';
import { call, createHarness, errorOf, json, PASSWORD, signUp, uniqueEmail, type Harness, type MeBody, type UserBody } from './support.ts';

const HOUR = 60 * 60 * 1000;

let h: Harness;
beforeAll(() => {
  h = createHarness();
});
afterAll(() => h.close());

const verify = (token: unknown, cookie?: string) => call(h.app, 'POST', '/auth/verify-email', { token }, { cookie });
const me = async (cookie: string) => (await json<MeBody>(await call(h.app, 'GET', '/me', undefined, { cookie }))).user;

describe('the verification link of a new account', () => {
  it('is mailed at sign-up and verifies the address when opened, without a session', async () => {
    const alice = await signUp(h.app, { name: 'Alice Nováková' });
    expect(alice.user.emailVerified).toBe(false);
    const [mail, ...more] = await mailTo(h, alice.email);
    expect(more).toHaveLength(0);
    expect(mail!.kind).toBe('verify_email');
    expect(mail!.text).toContain('Alice Nováková');
    expect(mail!.sentAt).not.toBeNull();
    const { url, token } = linkIn(mail!.text);
    expect(url).toBe(`http://localhost/verify-email/${token}`);

    // Only the secret's hash is stored.
    const [row] = await h.control.select().from(emailTokens).where(eq(emailTokens.userId, alice.user.id));
    expect(row!.purpose).toBe('verify');
    expect(row!.expiresAt - row!.createdAt).toBe(48 * HOUR);
    expect(Buffer.from(row!.secretHash).toString('utf8')).not.toContain(token.split('.')[1]!);

    h.clock.advance(5 * HOUR);
    const res = await verify(token);
    expect(res.status).toBe(200);
    const body = await json<{ user: UserBody }>(res);
    expect(body.user).toMatchObject({ id: alice.user.id, email: alice.email, emailVerified: true });
    expect((await me(alice.cookie)).emailVerified).toBe(true);
    const [u] = await h.control.select().from(users).where(eq(users.id, alice.user.id));
    expect(u!.emailVerifiedAt).toBe(h.clock.ms);
  });

  it('points at APP_ORIGIN when one is configured', async () => {
    const other = createHarness({ appOrigin: 'https://app.tandem.test' });
    try {
      const email = uniqueEmail();
      const res = await call(other.app, 'POST', 'https://app.tandem.test/api/v1/auth/signup', { email, password: PASSWORD, name: 'Ota', workspaceName: 'Ota' });
      expect(res.status).toBe(201);
      const [mail] = await mailTo(other, email, 'verify_email');
      expect(linkIn(mail!.text).url).toMatch(/^https:\/\/app\.tandem\.test\/verify-email\/[a-z0-9]+\.[a-z0-9]+$/);
    } finally {
      other.close();
    }
  });

  it('is written in the language the account was created in', async () => {
    const email = uniqueEmail();
    const res = await call(h.app, 'POST', '/auth/signup', { email, password: PASSWORD, name: 'Petr', workspaceName: 'Petr', locale: 'cs' });
    expect(res.status).toBe(201);
    const [mail] = await mailTo(h, email, 'verify_email');
    expect(mail!.subject).toBe('Potvrďte svůj e-mail v Tandemu');
    expect(mail!.text).toContain('Odkaz platí 48 hodin');
  });

  it('works once: opening it again is a 400 that says so', async () => {
    const bob = await signUp(h.app);
    const token = await latestToken(h, bob.email, 'verify_email');
    expect((await verify(token, bob.cookie)).status).toBe(200);
    const again = await verify(token, bob.cookie);
    expect(again.status).toBe(400);
    const err = await errorOf(again);
    expect(err.code).toBe('validation_failed');
    expect(err.fields?.['token']).toMatch(/already been used/);
  });

  it('expires after 48 hours', async () => {
    const carol = await signUp(h.app);
    const token = await latestToken(h, carol.email, 'verify_email');
    h.clock.advance(48 * HOUR);
    const res = await verify(token);
    expect(res.status).toBe(400);
    expect((await errorOf(res)).fields?.['token']).toMatch(/expired/);
    expect((await me(carol.cookie)).emailVerified).toBe(false);
    // Still unused: the refusal burned nothing.
    const [row] = await h.control.select().from(emailTokens).where(eq(emailTokens.userId, carol.user.id));
    expect(row!.usedAt).toBeNull();
  });

  it('is still good just before the 48 hours are up', async () => {
    const dana = await signUp(h.app);
    const token = await latestToken(h, dana.email, 'verify_email');
    h.clock.advance(48 * HOUR - 1000);
    expect((await verify(token)).status).toBe(200);
  });

  it('refuses made-up, tampered and malformed tokens with a field message, verifying nobody', async () => {
    const erin = await signUp(h.app);
    const token = await latestToken(h, erin.email, 'verify_email');
    const [id, secret] = token.split('.') as [string, string];
    const tampered = `${id}.${secret.slice(0, -1)}${secret.endsWith('a') ? 'b' : 'a'}`;
    for (const bad of [tampered, `${id}x.${secret}`, 'nope', `${token}.extra`, 'a'.repeat(200)]) {
      const res = await verify(bad);
      expect(res.status, bad).toBe(400);
      const err = await errorOf(res);
      expect(err.fields?.['token'], bad).toMatch(/not valid/);
    }
    for (const body of [{}, { token: '' }, { token: 42 }, { token, extra: 1 }]) {
      const res = await call(h.app, 'POST', '/auth/verify-email', body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(Object.keys((await errorOf(res)).fields ?? {}).length, JSON.stringify(body)).toBeGreaterThan(0);
    }
    expect((await me(erin.cookie)).emailVerified).toBe(false);
  });

  it('verifies the account it was sent for, whoever is signed in', async () => {
    const frank = await signUp(h.app);
    const gina = await signUp(h.app);
    const token = await latestToken(h, frank.email, 'verify_email');
    const res = await verify(token, gina.cookie);
    expect(res.status).toBe(200);
    expect((await json<{ user: UserBody }>(res)).user.id).toBe(frank.user.id);
    expect((await me(gina.cookie)).emailVerified).toBe(false);
    expect((await me(frank.cookie)).emailVerified).toBe(true);
  });

  it('still creates the account when the mail cannot be delivered, keeping the message for a retry', async () => {
    const original = h.platform.mailer;
    h.platform.mailer = outboxMailer(
      {
        name: 'broken',
        deliver: () => Promise.reject(new Error('mail API down')),
      },
      () => h.platform.logger,
    );
    try {
      const hana = await signUp(h.app);
      const [mail] = await mailTo(h, hana.email, 'verify_email');
      expect(mail!.sentAt).toBeNull();
      expect(mail!.lastError).toBe('mail API down');
      expect(h.logs.some((l) => l.level === 'error' && l.message === 'email delivery failed')).toBe(true);
      // The link in the outbox still works once delivered later.
      expect((await verify(linkIn(mail!.text).token)).status).toBe(200);
    } finally {
      h.platform.mailer = original;
    }
  });
});

describe('POST /me/verification-email', () => {
  const resend = (cookie?: string) => call(h.app, 'POST', '/me/verification-email', undefined, { cookie });

  it('sends a fresh link; the older one keeps working too', async () => {
    const ivan = await signUp(h.app);
    const first = await latestToken(h, ivan.email, 'verify_email');
    h.clock.advance(1000);
    expect((await resend(ivan.cookie)).status).toBe(204);
    const second = await latestToken(h, ivan.email, 'verify_email');
    expect(second).not.toBe(first);
    expect(await mailTo(h, ivan.email, 'verify_email')).toHaveLength(2);
    expect((await verify(first)).status).toBe(200);
    expect((await verify(second)).status).toBe(200);
  });

  it('allows 5 links an hour (sign-up included), then answers 429 with Retry-After', async () => {
    const jana = await signUp(h.app);
    for (let i = 0; i < 4; i++) {
      h.clock.advance(60 * 1000);
      expect((await resend(jana.cookie)).status, `resend ${i + 1}`).toBe(204);
    }
    const limited = await resend(jana.cookie);
    expect(limited.status).toBe(429);
    expect((await errorOf(limited)).code).toBe('rate_limited');
    // The sign-up link was made 4 minutes ago; the slot frees an hour after it.
    expect(Number(limited.headers.get('Retry-After'))).toBe(56 * 60);
    expect(await mailTo(h, jana.email, 'verify_email')).toHaveLength(5);
    h.clock.advance(56 * 60 * 1000);
    expect((await resend(jana.cookie)).status).toBe(204);
  });

  it('answers 409 once the address is verified, and 401 without a session', async () => {
    const karel = await signUp(h.app);
    expect((await verify(await latestToken(h, karel.email, 'verify_email'))).status).toBe(200);
    const res = await resend(karel.cookie);
    expect(res.status).toBe(409);
    expect((await errorOf(res)).code).toBe('conflict');
    expect((await resend()).status).toBe(401);
  });
});
