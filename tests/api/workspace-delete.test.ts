// DELETE /w/{ws}: the owner deletes a workspace by typing its name; its control rows and its
// database file go, every other workspace stays exactly as it was.
import { existsSync } from 'node:fs';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiKeys, billingAccounts, invitations, memberships, workspaces } from '../../db/control/schema.ts';
import { ok, wsCall } from './records-support.ts';
import { call, createHarness, errorOf, json, signUp, workspaceRow, type Harness, type MeBody, type SignedUp } from './support.ts';

let h: Harness;
beforeAll(() => {
  h = createHarness();
});
afterAll(() => h.close());

const remove = (who: SignedUp, slug: string, body: unknown) => call(h.app, 'DELETE', `/w/${slug}`, body, { cookie: who.cookie });

async function join(who: SignedUp, ws: SignedUp['workspace'], role: 'admin' | 'member'): Promise<void> {
  await h.control.insert(memberships).values({ workspaceId: ws.id, userId: who.user.id, role, createdAt: h.clock.ms });
}

async function controlRowsOf(workspaceId: string) {
  const [m, i, k, b, w] = await Promise.all([
    h.control.select().from(memberships).where(eq(memberships.workspaceId, workspaceId)),
    h.control.select().from(invitations).where(eq(invitations.workspaceId, workspaceId)),
    h.control.select().from(apiKeys).where(eq(apiKeys.workspaceId, workspaceId)),
    h.control.select().from(billingAccounts).where(eq(billingAccounts.workspaceId, workspaceId)),
    h.control.select().from(workspaces).where(eq(workspaces.id, workspaceId)),
  ]);
  return { memberships: m.length, invitations: i.length, apiKeys: k.length, billing: b.length, workspaces: w.length };
}

/** Rows every kind of workspace-owned control table can hold, so the delete has something to remove. */
async function furnish(owner: SignedUp): Promise<void> {
  const ws = owner.workspace.id;
  const now = h.clock.ms;
  await h.control.insert(invitations).values({ id: `inv-${ws}`, workspaceId: ws, email: 'guest@example.cz', role: 'member', secretHash: Buffer.alloc(32), invitedBy: owner.user.id, createdAt: now, expiresAt: now + 1e9 });
  await h.control.insert(apiKeys).values({ id: `key-${ws}`, workspaceId: ws, name: 'Zapier', role: 'member', secretHash: Buffer.alloc(32), createdBy: owner.user.id, createdAt: now });
  await h.control.insert(billingAccounts).values({ workspaceId: ws, provider: 'local', status: 'active', updatedAt: now });
}

describe('DELETE /w/{ws}', () => {
  it('removes the workspace, its control rows and its database; other workspaces are untouched', async () => {
    const alice = await signUp(h.app, { name: 'Alice', workspaceName: 'Doomed s.r.o.' });
    const bob = await signUp(h.app, { name: 'Bob', workspaceName: 'Survivor s.r.o.' });
    const member = await signUp(h.app, { name: 'Member' });
    await join(member, alice.workspace, 'member');
    await join(alice, bob.workspace, 'admin');
    await furnish(alice);
    await furnish(bob);
    await ok(wsCall(h, alice, 'POST', '/companies', { name: 'Doomed Company' }), 201);
    const bobCompany = await ok<{ id: string }>(wsCall(h, bob, 'POST', '/companies', { name: 'Survivor Company' }), 201);
    const doomedFile = (await workspaceRow(h, alice.workspace.id)).dbLocation;
    const survivorFile = (await workspaceRow(h, bob.workspace.id)).dbLocation;
    expect(existsSync(doomedFile)).toBe(true);
    const bobBefore = await controlRowsOf(bob.workspace.id);
    expect(bobBefore).toEqual({ memberships: 2, invitations: 1, apiKeys: 1, billing: 1, workspaces: 1 });

    const res = await remove(alice, alice.workspace.slug, { confirm: 'Doomed s.r.o.' });
    expect(res.status).toBe(204);

    expect(await controlRowsOf(alice.workspace.id)).toEqual({ memberships: 0, invitations: 0, apiKeys: 0, billing: 0, workspaces: 0 });
    for (const suffix of ['', '-wal', '-shm']) expect(existsSync(doomedFile + suffix), doomedFile + suffix).toBe(false);
    expect((await wsCall(h, alice, 'GET', '')).status).toBe(404);
    expect((await call(h.app, 'GET', `/w/${alice.workspace.slug}/companies`, undefined, { cookie: member.cookie })).status).toBe(404);
    const aliceMe = await json<MeBody>(await call(h.app, 'GET', '/me', undefined, { cookie: alice.cookie }));
    expect(aliceMe.workspaces.map((w) => w.slug)).toEqual([bob.workspace.slug]);
    // The member keeps the account and their own workspace.
    const memberMe = await json<MeBody>(await call(h.app, 'GET', '/me', undefined, { cookie: member.cookie }));
    expect(memberMe.workspaces.map((w) => w.id)).toEqual([member.workspace.id]);

    // Bob's workspace: the same control rows, the same file, the same data.
    expect(await controlRowsOf(bob.workspace.id)).toEqual(bobBefore);
    expect(existsSync(survivorFile)).toBe(true);
    expect((await ok<{ name: string }>(wsCall(h, bob, 'GET', `/companies/${bobCompany.id}`), 200)).name).toBe('Survivor Company');
  });

  it('works as the first request a workspace sees, without the lazy trash purge tripping over the dropped database', async () => {
    const fresh = await signUp(h.app, { workspaceName: 'Fresh Works' });
    const errorsBefore = h.logs.filter((l) => l.level === 'error').length;
    expect((await remove(fresh, fresh.workspace.slug, { confirm: 'Fresh Works' })).status).toBe(204);
    await new Promise((r) => setTimeout(r, 100));
    expect(h.logs.filter((l) => l.level === 'error').slice(errorsBefore)).toEqual([]);
  });

  it('refuses without the exact name, deleting nothing', async () => {
    const carol = await signUp(h.app, { workspaceName: 'Carol Works' });
    const cases: [unknown, string][] = [
      [{ confirm: 'carol works' }, 'confirm'],
      [{ confirm: 'Carol' }, 'confirm'],
      [{ confirm: '' }, 'confirm'],
      [{}, 'confirm'],
      [{ confirm: 42 }, 'confirm'],
      [{ confirm: 'Carol Works', force: true }, 'force'],
    ];
    for (const [body, field] of cases) {
      const res = await remove(carol, carol.workspace.slug, body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      const err = await errorOf(res);
      expect(err.code).toBe('validation_failed');
      expect(err.fields?.[field], JSON.stringify(body)).toBeTruthy();
    }
    expect((await call(h.app, 'DELETE', `/w/${carol.workspace.slug}`, undefined, { cookie: carol.cookie })).status).toBe(400);
    expect(existsSync((await workspaceRow(h, carol.workspace.id)).dbLocation)).toBe(true);
    expect((await wsCall(h, carol, 'GET', '')).status).toBe(200);
  });

  it('is for the owner only: admins and members get 403, nothing is deleted', async () => {
    const owner = await signUp(h.app, { workspaceName: 'Owned Works' });
    const admin = await signUp(h.app);
    const member = await signUp(h.app);
    await join(admin, owner.workspace, 'admin');
    await join(member, owner.workspace, 'member');
    for (const who of [admin, member]) {
      const res = await remove(who, owner.workspace.slug, { confirm: 'Owned Works' });
      expect(res.status).toBe(403);
      expect((await errorOf(res)).code).toBe('forbidden');
    }
    expect((await controlRowsOf(owner.workspace.id)).workspaces).toBe(1);
    expect(existsSync((await workspaceRow(h, owner.workspace.id)).dbLocation)).toBe(true);
  });

  it('answers 404 for a workspace the caller is not in (B survives), and 401 without a session', async () => {
    const mallory = await signUp(h.app);
    const victim = await signUp(h.app, { workspaceName: 'Victim Works' });
    const res = await remove(mallory, victim.workspace.slug, { confirm: 'Victim Works' });
    expect(res.status).toBe(404);
    expect((await errorOf(res)).code).toBe('not_found');
    expect((await call(h.app, 'DELETE', `/w/${victim.workspace.slug}`, { confirm: 'Victim Works' })).status).toBe(401);
    expect((await wsCall(h, victim, 'GET', '')).status).toBe(200);
    expect(existsSync((await workspaceRow(h, victim.workspace.id)).dbLocation)).toBe(true);
  });

  it('needs the app’s own origin (a cross-site request deletes nothing)', async () => {
    const dora = await signUp(h.app, { workspaceName: 'Dora Works' });
    const res = await call(h.app, 'DELETE', `/w/${dora.workspace.slug}`, { confirm: 'Dora Works' }, { cookie: dora.cookie, origin: 'https://evil.example' });
    expect(res.status).toBe(403);
    expect((await wsCall(h, dora, 'GET', '')).status).toBe(200);
  });
});
