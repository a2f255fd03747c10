// Invitations: invite → the mailed link → accept as a new or an existing account; links that
// expired, were revoked or already used; who may invite; the free plan's seat limit.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { planMessages } from '../../api/access/entitlements.ts';
import { ok, wsCall } from './records-support.ts';
import {
  call,
  createHarness,
  errorOf,
  json,
  ORIGIN,
  PASSWORD,
  sessionCookie,
  setPlan,
  signUp,
  uniqueEmail,
  type Harness,
  type MeBody,
  type SignedUp,
  type UserBody,
} from './support.ts';
import { controlCounts, invitationRow, invite, inviteLink, membershipOf, userByEmail, verify, type InvitationBody } from './teams-support.ts';

const DAY = 24 * 60 * 60 * 1000;

let h: Harness;
beforeAll(() => {
  h = createHarness();
});
afterAll(() => h.close());

async function owner(name = 'Olga Owner', workspaceName = 'Acme s.r.o.'): Promise<SignedUp> {
  const o = await signUp(h.app, { name, workspaceName });
  await verify(h, o);
  return o;
}

interface AcceptedBody {
  user: UserBody;
  workspace: { id: string; slug: string; name: string; plan: string; role: string };
}

const accept = (token: string, body?: unknown, cookie?: string) => call(h.app, 'POST', `/invitations/${token}/accept`, body ?? {}, { cookie });
const preview = (token: string) => call(h.app, 'GET', `/invitations/${token}`);

describe('inviting', () => {
  it('mails a link to /invite/<token> that expires in 7 days, and lists the invitation as pending', async () => {
    const o = await owner('Olga Nováková', 'Mailing s.r.o.');
    const email = uniqueEmail('newbie');
    const res = await wsCall(h, o, 'POST', '/invitations', { email: `  ${email.toUpperCase()} `, role: 'admin' });
    expect(res.status).toBe(201);
    const inv = await json<InvitationBody>(res);
    expect(inv).toMatchObject({ email, role: 'admin', status: 'pending', invitedBy: { userId: o.user.id, name: 'Olga Nováková' } });
    expect(Date.parse(inv.expiresAt) - Date.parse(inv.createdAt)).toBe(7 * DAY);

    const mail = await inviteLink(h, email);
    expect(mail.url).toBe(`${ORIGIN}/invite/${mail.token}`);
    expect(mail.token.startsWith(`${inv.id}.`)).toBe(true);
    expect(mail.subject).toContain('Mailing s.r.o.');
    expect(mail.text).toContain('Olga Nováková');
    // Only the hash of the secret is stored.
    const row = await invitationRow(h, inv.id);
    expect(Buffer.from(row.secretHash).toString()).not.toContain(mail.token.split('.')[1]);

    const list = await ok<{ items: InvitationBody[] }>(wsCall(h, o, 'GET', '/invitations'));
    expect(list.items.map((i) => [i.email, i.status])).toEqual([[email, 'pending']]);

    const shown = await ok<Record<string, unknown>>(preview(mail.token));
    expect(shown).toEqual({
      email,
      role: 'admin',
      workspace: { name: 'Mailing s.r.o.' },
      invitedBy: { name: 'Olga Nováková' },
      accountExists: false,
      expiresAt: inv.expiresAt,
    });
  });

  it('uses APP_ORIGIN for the link when it is configured, not the origin the request came to', async () => {
    const appOrigin = 'https://app.tandem.example';
    const h2 = createHarness({ appOrigin });
    try {
      const signup = await call(h2.app, 'POST', '/auth/signup', { email: uniqueEmail('origin-owner'), password: PASSWORD, name: 'O', workspaceName: 'Origin' }, { origin: appOrigin });
      expect(signup.status).toBe(201);
      const o = { ...(await json<Pick<SignedUp, 'user' | 'workspace'>>(signup)), cookie: sessionCookie(signup), email: '', password: PASSWORD };
      await verify(h2, o);
      const email = uniqueEmail('origin');
      const res = await call(h2.app, 'POST', `/w/${o.workspace.slug}/invitations`, { email, role: 'member' }, { cookie: o.cookie, origin: appOrigin });
      expect(res.status).toBe(201);
      const mail = await inviteLink(h2, email);
      expect(mail.url).toBe(`${appOrigin}/invite/${mail.token}`);
    } finally {
      h2.close();
    }
  });

  it('answers 400 with field messages for a bad email, an unknown role or unknown fields, and writes nothing', async () => {
    const o = await owner();
    const before = await controlCounts(h);
    const bad = await wsCall(h, o, 'POST', '/invitations', { email: 'not-an-email', role: 'owner', extra: 1 });
    expect(bad.status).toBe(400);
    const err = await errorOf(bad);
    expect(err.code).toBe('validation_failed');
    expect(err.fields).toMatchObject({ email: 'Enter a valid email address.', role: 'Use admin or member.', extra: 'Unknown field.' });
    expect((await wsCall(h, o, 'POST', '/invitations', {})).status).toBe(400);
    expect(await controlCounts(h)).toBe(before);
    expect((await ok<{ items: unknown[] }>(wsCall(h, o, 'GET', '/invitations'))).items).toEqual([]);
  });

  it('refuses an inviter whose email is not verified (403, nothing sent)', async () => {
    const o = await signUp(h.app, {});
    const email = uniqueEmail('unverified');
    const res = await wsCall(h, o, 'POST', '/invitations', { email, role: 'member' });
    expect(res.status).toBe(403);
    const err = await errorOf(res);
    expect(err.code).toBe('forbidden');
    expect(err.message).toMatch(/Verify your email address/);
    await expect(inviteLink(h, email)).rejects.toThrow(/no invitation/);
    expect((await ok<{ items: unknown[] }>(wsCall(h, o, 'GET', '/invitations'))).items).toEqual([]);
  });

  it('answers 409 for an address that is already a member or already has a pending invitation', async () => {
    const o = await owner();
    const member = await signUp(h.app, {});
    await setPlan(h, o.workspace.id, 'pro');
    const { token } = await invite(h, o, member.email);
    expect((await accept(token, {}, member.cookie)).status).toBe(200);

    const again = await wsCall(h, o, 'POST', '/invitations', { email: member.email, role: 'member' });
    expect(again.status).toBe(409);
    expect((await errorOf(again)).fields).toEqual({ email: 'Already a member of this workspace.' });

    const email = uniqueEmail('twice');
    await invite(h, o, email);
    const twice = await wsCall(h, o, 'POST', '/invitations', { email, role: 'admin' });
    expect(twice.status).toBe(409);
    expect((await errorOf(twice)).fields?.['email']).toMatch(/Already invited/);
    expect((await ok<{ items: InvitationBody[] }>(wsCall(h, o, 'GET', '/invitations'))).items.filter((i) => i.email === email)).toHaveLength(1);
  });

  it('lets admins invite, but not members (403 on every invitation route)', async () => {
    const o = await owner();
    await setPlan(h, o.workspace.id, 'pro');
    const admin = await signUp(h.app, {});
    const member = await signUp(h.app, {});
    await verify(h, admin);
    await verify(h, member);
    await accept((await invite(h, o, admin.email, 'admin')).token, {}, admin.cookie);
    await accept((await invite(h, o, member.email, 'member')).token, {}, member.cookie);
    const asAdmin = { ...admin, workspace: o.workspace };
    const asMember = { ...member, workspace: o.workspace };

    const byAdmin = await invite(h, asAdmin, uniqueEmail('by-admin'));
    expect(byAdmin.invitation.invitedBy?.userId).toBe(admin.user.id);

    const before = await controlCounts(h);
    for (const [method, path, body] of [
      ['GET', '/invitations', undefined],
      ['POST', '/invitations', { email: uniqueEmail('x'), role: 'member' }],
      ['DELETE', `/invitations/${byAdmin.invitation.id}`, undefined],
      ['POST', `/invitations/${byAdmin.invitation.id}/resend`, undefined],
    ] as const) {
      const res = await wsCall(h, asMember, method, path, body);
      expect(res.status, `${method} ${path}`).toBe(403);
      expect((await errorOf(res)).code).toBe('forbidden');
    }
    expect(await controlCounts(h)).toBe(before);
    expect((await invitationRow(h, byAdmin.invitation.id)).revokedAt).toBeNull();
  });

  it('hides other workspaces: their slug and their invitation ids answer 404', async () => {
    const a = await owner('Anna', 'Alpha');
    const b = await owner('Bruno', 'Beta');
    const bInvite = await invite(h, b, uniqueEmail('beta-guest'));
    for (const [method, path] of [
      ['GET', `/w/${b.workspace.slug}/invitations`],
      ['POST', `/w/${b.workspace.slug}/invitations`],
      ['DELETE', `/w/${b.workspace.slug}/invitations/${bInvite.invitation.id}`],
      ['POST', `/w/${b.workspace.slug}/invitations/${bInvite.invitation.id}/resend`],
      ['DELETE', `/w/${a.workspace.slug}/invitations/${bInvite.invitation.id}`],
      ['POST', `/w/${a.workspace.slug}/invitations/${bInvite.invitation.id}/resend`],
    ] as const) {
      const res = await call(h.app, method, path, method === 'POST' && path.endsWith('/invitations') ? { email: uniqueEmail('y'), role: 'member' } : undefined, { cookie: a.cookie });
      expect(res.status, `${method} ${path}`).toBe(404);
      expect(await res.text()).not.toContain('beta-guest');
    }
    const row = await invitationRow(h, bInvite.invitation.id);
    expect(row.revokedAt).toBeNull();
    expect((await preview(bInvite.token)).status).toBe(200);
  });

  it('keeps invitations people-only: an admin API key may list them but not send, resend or leave', async () => {
    const o = await owner();
    const { invitation } = await invite(h, o, uniqueEmail('key-era'));
    const key = await ok<{ secret: string }>(wsCall(h, o, 'POST', '/api-keys', { name: 'HR sync', role: 'admin' }), 201);
    const bearer = { headers: { Authorization: `Bearer ${key.secret}` }, origin: null };
    const base = `/w/${o.workspace.slug}`;
    expect((await call(h.app, 'GET', `${base}/invitations`, undefined, bearer)).status).toBe(200);
    const before = await controlCounts(h);
    for (const [method, path, body] of [
      ['POST', '/invitations', { email: uniqueEmail('by-key'), role: 'admin' }],
      ['POST', `/invitations/${invitation.id}/resend`, undefined],
      ['POST', '/transfer-ownership', { userId: o.user.id }],
      ['POST', '/leave', {}],
    ] as const) {
      const res = await call(h.app, method, `${base}${path}`, body, bearer);
      expect(res.status, `${method} ${path}`).toBe(403);
      // The key's role (admin) already stops the owner-only transfer at the gate.
      expect((await errorOf(res)).message).toMatch(/API keys cannot|Only the owner/);
    }
    expect(await controlCounts(h)).toBe(before);
    expect((await invitationRow(h, invitation.id)).expiresAt).toBe(Date.parse(invitation.expiresAt));
  });

  it('needs a session for the workspace routes', async () => {
    const o = await owner();
    expect((await call(h.app, 'GET', `/w/${o.workspace.slug}/invitations`)).status).toBe(401);
  });
});

describe('accepting', () => {
  it('creates the account from the link: verified email, session cookie, membership with the invited role', async () => {
    const o = await owner('Olga', 'Joiners s.r.o.');
    const email = uniqueEmail('joiner');
    const { invitation, token } = await invite(h, o, email, 'admin');

    const res = await accept(token, { name: '  Petr Svoboda ', password: PASSWORD, locale: 'cs' });
    expect(res.status).toBe(200);
    const body = await json<AcceptedBody>(res);
    expect(body.user).toMatchObject({ email, name: 'Petr Svoboda', locale: 'cs', emailVerified: true });
    expect(body.workspace).toMatchObject({ id: o.workspace.id, slug: o.workspace.slug, name: 'Joiners s.r.o.', role: 'admin' });

    const cookie = sessionCookie(res);
    const me = await json<MeBody>(await call(h.app, 'GET', '/me', undefined, { cookie }));
    expect(me.user.email).toBe(email);
    expect(me.workspaces).toEqual([{ id: o.workspace.id, slug: o.workspace.slug, name: 'Joiners s.r.o.', plan: 'free', role: 'admin' }]);
    // The new member works in the workspace right away.
    expect((await call(h.app, 'GET', `/w/${o.workspace.slug}/companies`, undefined, { cookie })).status).toBe(200);

    expect((await membershipOf(h, o.workspace.id, body.user.id))?.role).toBe('admin');
    const row = await invitationRow(h, invitation.id);
    expect(row.acceptedBy).toBe(body.user.id);
    expect(row.acceptedAt).toBe(h.clock.ms);
    expect((await ok<{ items: InvitationBody[] }>(wsCall(h, o, 'GET', '/invitations'))).items).toEqual([]);
    // The account can log in with the password it chose.
    expect((await call(h.app, 'POST', '/auth/login', { email, password: PASSWORD })).status).toBe(200);
  });

  it('joins as the signed-in account with the invited email (no new session, email becomes verified)', async () => {
    const o = await owner('Olga', 'Existing s.r.o.');
    const existing = await signUp(h.app, { name: 'Eva Existing', workspaceName: 'Eva s.r.o.' });
    const { token } = await invite(h, o, existing.email);
    expect((await ok<{ accountExists: boolean }>(preview(token))).accountExists).toBe(true);

    const res = await accept(token, {}, existing.cookie);
    expect(res.status).toBe(200);
    expect(res.headers.getSetCookie().some((c) => c.startsWith('tandem_session='))).toBe(false);
    const body = await json<AcceptedBody>(res);
    expect(body.user).toMatchObject({ id: existing.user.id, emailVerified: true });
    expect(body.workspace.role).toBe('member');
    expect((await userByEmail(h, existing.email))?.emailVerifiedAt).not.toBeNull();
    const me = await json<MeBody>(await call(h.app, 'GET', '/me', undefined, { cookie: existing.cookie }));
    expect(me.workspaces.map((w) => [w.name, w.role]).sort()).toEqual([
      ['Eva s.r.o.', 'owner'],
      ['Existing s.r.o.', 'member'],
    ]);
  });

  it('answers 403 to an account signed in with another email, writing nothing', async () => {
    const o = await owner();
    const invited = uniqueEmail('invited');
    const { invitation, token } = await invite(h, o, invited);
    const other = await signUp(h.app, {});
    const before = await controlCounts(h);
    const res = await accept(token, { name: 'X', password: PASSWORD }, other.cookie);
    expect(res.status).toBe(403);
    const err = await errorOf(res);
    expect(err.message).toContain(invited);
    expect(err.message).toMatch(/Log out/);
    expect(await controlCounts(h)).toBe(before);
    expect(await membershipOf(h, o.workspace.id, other.user.id)).toBeUndefined();
    expect((await invitationRow(h, invitation.id)).acceptedAt).toBeNull();
  });

  it('answers 409 when an account with the invited email exists but nobody is signed in', async () => {
    const o = await owner();
    const existing = await signUp(h.app, {});
    const { token } = await invite(h, o, existing.email);
    const before = await controlCounts(h);
    const res = await accept(token, { name: 'Impostor', password: 'another long passphrase 9' });
    expect(res.status).toBe(409);
    expect((await errorOf(res)).message).toMatch(/Log in/);
    expect(await controlCounts(h)).toBe(before);
  });

  it('asks for name and password without a session (400), and rejects a weak password, writing nothing', async () => {
    const o = await owner();
    const { token } = await invite(h, o, uniqueEmail('form'));
    const before = await controlCounts(h);
    const missing = await accept(token, {});
    expect(missing.status).toBe(400);
    expect((await errorOf(missing)).fields).toEqual({ name: 'Enter your name.', password: 'Enter a password.' });
    const weak = await accept(token, { name: 'Weak', password: 'short' });
    expect(weak.status).toBe(400);
    expect((await errorOf(weak)).fields?.['password']).toMatch(/at least 8/);
    const unknown = await accept(token, { name: 'Pat', password: PASSWORD, role: 'owner' });
    expect(unknown.status).toBe(400);
    expect((await errorOf(unknown)).fields).toEqual({ role: 'Unknown field.' });
    expect(await controlCounts(h)).toBe(before);
    expect((await preview(token)).status).toBe(200);
  });

  it('answers 404 to a used link (accepting twice), with the first acceptance intact', async () => {
    const o = await owner();
    const { token } = await invite(h, o, uniqueEmail('once'));
    const first = await accept(token, { name: 'Once', password: PASSWORD });
    expect(first.status).toBe(200);
    const user = (await json<AcceptedBody>(first)).user;
    const before = await controlCounts(h);
    const second = await accept(token, { name: 'Twice', password: PASSWORD });
    expect(second.status).toBe(404);
    expect((await errorOf(second)).code).toBe('not_found');
    expect((await accept(token, {}, sessionCookie(first))).status).toBe(404);
    expect((await preview(token)).status).toBe(404);
    expect(await controlCounts(h)).toBe(before);
    expect((await membershipOf(h, o.workspace.id, user.id))?.role).toBe('member');
  });

  it('answers 404 once the link expired (8 days later); resending gives a new link and kills the old one', async () => {
    const o = await owner();
    const email = uniqueEmail('late');
    const { invitation, token } = await invite(h, o, email);
    h.clock.advance(8 * DAY);
    expect((await preview(token)).status).toBe(404);
    expect((await accept(token, { name: 'Late', password: PASSWORD })).status).toBe(404);
    expect(await userByEmail(h, email)).toBeUndefined();
    const listed = await ok<{ items: InvitationBody[] }>(wsCall(h, o, 'GET', '/invitations'));
    expect(listed.items.find((i) => i.id === invitation.id)?.status).toBe('expired');

    const resent = await ok<InvitationBody>(wsCall(h, o, 'POST', `/invitations/${invitation.id}/resend`));
    expect(resent).toMatchObject({ id: invitation.id, status: 'pending', expiresAt: new Date(h.clock.ms + 7 * DAY).toISOString() });
    const fresh = await inviteLink(h, email);
    expect(fresh.token).not.toBe(token);
    expect((await preview(token)).status).toBe(404);
    expect((await accept(fresh.token, { name: 'Late', password: PASSWORD })).status).toBe(200);
  });

  it('answers 404 once revoked; revoking twice is 404 too; a pending one can be resent before expiry', async () => {
    const o = await owner();
    const { invitation, token } = await invite(h, o, uniqueEmail('revoked'));
    expect((await wsCall(h, o, 'DELETE', `/invitations/${invitation.id}`)).status).toBe(204);
    expect((await preview(token)).status).toBe(404);
    expect((await accept(token, { name: 'Nope', password: PASSWORD })).status).toBe(404);
    expect((await wsCall(h, o, 'DELETE', `/invitations/${invitation.id}`)).status).toBe(404);
    expect((await wsCall(h, o, 'POST', `/invitations/${invitation.id}/resend`)).status).toBe(404);
    expect((await ok<{ items: InvitationBody[] }>(wsCall(h, o, 'GET', '/invitations'))).items).toEqual([]);
    expect((await invitationRow(h, invitation.id)).revokedAt).toBe(h.clock.ms);
  });

  it('answers 404 to forged tokens: a wrong secret, a bare id, garbage', async () => {
    const o = await owner();
    const { invitation, token } = await invite(h, o, uniqueEmail('forged'));
    const secret = token.split('.')[1]!;
    const wrong = `${invitation.id}.${secret.slice(0, -1)}${secret.endsWith('a') ? 'b' : 'a'}`;
    for (const t of [wrong, invitation.id, 'garbage', `${token}.x`, 'a'.repeat(150)]) {
      expect((await preview(t)).status, t).toBe(404);
      expect((await accept(t, { name: 'F', password: PASSWORD })).status, t).toBe(404);
    }
    expect((await invitationRow(h, invitation.id)).acceptedAt).toBeNull();
  });

  it('checks the Origin of the acceptance like every state-changing request', async () => {
    const o = await owner();
    const { token } = await invite(h, o, uniqueEmail('csrf'));
    const res = await call(h.app, 'POST', `/invitations/${token}/accept`, { name: 'C', password: PASSWORD }, { origin: 'https://evil.example' });
    expect(res.status).toBe(403);
    expect((await preview(token)).status).toBe(200);
  });
});

describe('the free plan seat limit', () => {
  it('refuses the third member with 402 and writes nothing; on pro the same link works', async () => {
    const o = await owner('Olga', 'Tiny s.r.o.');
    const second = await invite(h, o, uniqueEmail('second'));
    const thirdEmail = uniqueEmail('third');
    const third = await invite(h, o, thirdEmail);
    expect((await accept(second.token, { name: 'Second', password: PASSWORD })).status).toBe(200);

    const before = await controlCounts(h);
    const refused = await accept(third.token, { name: 'Third', password: PASSWORD });
    expect(refused.status).toBe(402);
    const err = await errorOf(refused);
    expect(err.code).toBe('plan_required');
    expect(err.message).toBe(planMessages.members(2));
    expect(await controlCounts(h)).toBe(before);
    expect(await userByEmail(h, thirdEmail)).toBeUndefined();
    expect((await invitationRow(h, third.invitation.id)).acceptedAt).toBeNull();
    expect((await preview(third.token)).status).toBe(200);

    // A full workspace cannot send new invitations either: the link would lead nowhere.
    const full = await wsCall(h, o, 'POST', '/invitations', { email: uniqueEmail('fourth'), role: 'member' });
    expect(full.status).toBe(402);
    expect((await errorOf(full)).message).toBe(planMessages.members(2));
    expect((await wsCall(h, o, 'POST', `/invitations/${third.invitation.id}/resend`)).status).toBe(402);

    await setPlan(h, o.workspace.id, 'pro');
    const joined = await accept(third.token, { name: 'Third', password: PASSWORD });
    expect(joined.status).toBe(200);
    const members = await ok<{ items: { email: string }[] }>(wsCall(h, o, 'GET', '/members'));
    expect(members.items).toHaveLength(3);
    expect(members.items.map((m) => m.email)).toContain(thirdEmail);
  });

  it('gives the last seat to exactly one of two acceptances racing for it', async () => {
    const o = await owner();
    const x = await invite(h, o, uniqueEmail('racer-x'));
    const y = await invite(h, o, uniqueEmail('racer-y'));
    const results = await Promise.all([accept(x.token, { name: 'X', password: PASSWORD }), accept(y.token, { name: 'Y', password: PASSWORD })]);
    expect(results.map((r) => r.status).sort()).toEqual([200, 402]);
    const members = await ok<{ items: unknown[] }>(wsCall(h, o, 'GET', '/members'));
    expect(members.items).toHaveLength(2);
  });
});
