// Managing members: roles and rates (PATCH), removal with optional hand-over of records,
// leaving, and ownership transfer — with the role rules, and other workspaces kept out.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newId } from '../../api/lib/ids.ts';
import { historyOf, tenantRows } from './crm-support.ts';
import { addMember } from './imports-support.ts';
import { ok, tenantClient, wsCall } from './records-support.ts';
import { call, createHarness, errorOf, json, setPlan, signUp, type Harness, type SignedUp } from './support.ts';
import { membershipOf } from './teams-support.ts';

interface MemberBody {
  userId: string;
  name: string;
  email: string;
  role: 'owner' | 'admin' | 'member';
  joinedAt: string;
  costRate?: { amount: number; currency: string } | null;
  billRate?: { amount: number; currency: string } | null;
}

let h: Harness;
beforeAll(() => {
  h = createHarness();
});
afterAll(() => h.close());

interface Team {
  owner: SignedUp;
  admin: SignedUp;
  member: SignedUp;
  /** Another member, for reassignment and admin-on-admin cases. */
  extra: SignedUp;
}

/** A pro workspace with an owner, an admin and two members; each caller pointed at it. */
async function team(label: string): Promise<Team> {
  const owner = await signUp(h.app, { name: `${label} Owner`, workspaceName: `${label} s.r.o.` });
  await setPlan(h, owner.workspace.id, 'pro');
  const join = async (name: string, role: 'admin' | 'member') => {
    const user = await signUp(h.app, { name: `${label} ${name}`, workspaceName: `${label} ${name} own` });
    await addMember(h, owner, user, role);
    return { ...user, workspace: owner.workspace };
  };
  return { owner, admin: await join('Admin', 'admin'), member: await join('Member', 'member'), extra: await join('Extra', 'member') };
}

/** A task row assigned to `userId` (written directly: the tasks module's own routes are not under test here). */
async function insertAssignedTask(t: Team, title: string, userId: string): Promise<string> {
  const db = await tenantClient(h, t.owner);
  const id = newId(h.clock.ms);
  await db.execute({ sql: 'INSERT INTO tasks (id, title, assignee_id, version, created_at, updated_at) VALUES (?, ?, ?, 1, ?, ?)', args: [id, title, userId, h.clock.ms, h.clock.ms] });
  return id;
}

const members = async (who: SignedUp) => (await ok<{ items: MemberBody[] }>(wsCall(h, who, 'GET', '/members'))).items;
const roleOf = async (t: Team, who: SignedUp) => (await membershipOf(h, t.owner.workspace.id, who.user.id))?.role;

describe('the member list', () => {
  it('shows rates as money in the workspace currency to owners and admins, and leaves them out for members', async () => {
    const t = await team('List');
    const before = await members(t.owner);
    expect(before.find((m) => m.userId === t.member.user.id)).toMatchObject({ role: 'member', costRate: null, billRate: null });

    await ok(wsCall(h, t.owner, 'PATCH', `/members/${t.member.user.id}`, { costRate: { amount: 45000, currency: 'CZK' }, billRate: { amount: 120000, currency: 'czk' } }));
    const asAdmin = (await members(t.admin)).find((m) => m.userId === t.member.user.id)!;
    expect(asAdmin.costRate).toEqual({ amount: 45000, currency: 'CZK' });
    expect(asAdmin.billRate).toEqual({ amount: 120000, currency: 'CZK' });

    const asMember = await members(t.member);
    expect(asMember).toHaveLength(4);
    for (const m of asMember) {
      expect(m).not.toHaveProperty('costRate');
      expect(m).not.toHaveProperty('billRate');
      expect(m).toMatchObject({ userId: expect.any(String), name: expect.any(String), email: expect.any(String), role: expect.any(String), joinedAt: expect.any(String) });
    }
  });
});

describe('PATCH /w/:ws/members/:userId', () => {
  it('lets the owner and admins promote and demote members and admins', async () => {
    const t = await team('Roles');
    const promoted = await ok<MemberBody>(wsCall(h, t.owner, 'PATCH', `/members/${t.member.user.id}`, { role: 'admin' }));
    expect(promoted).toMatchObject({ userId: t.member.user.id, role: 'admin', costRate: null });
    expect(await roleOf(t, t.member)).toBe('admin');

    await ok(wsCall(h, t.admin, 'PATCH', `/members/${t.member.user.id}`, { role: 'member' }));
    expect(await roleOf(t, t.member)).toBe('member');
    await ok(wsCall(h, t.admin, 'PATCH', `/members/${t.extra.user.id}`, { role: 'admin' }));
    // An admin may demote another admin (only the owner is out of their reach).
    await ok(wsCall(h, t.admin, 'PATCH', `/members/${t.extra.user.id}`, { role: 'member' }));
    expect(await roleOf(t, t.extra)).toBe('member');
    // The new role applies on the next request: the demoted member can no longer manage.
    expect((await wsCall(h, t.member, 'GET', '/invitations')).status).toBe(403);
  });

  it('keeps the owner out of reach: admins cannot change them, nobody sets or drops the owner role here', async () => {
    const t = await team('Owner');
    const byAdmin = await wsCall(h, t.admin, 'PATCH', `/members/${t.owner.user.id}`, { role: 'member' });
    expect(byAdmin.status).toBe(403);
    expect((await errorOf(byAdmin)).message).toMatch(/owner/);
    expect((await wsCall(h, t.admin, 'PATCH', `/members/${t.owner.user.id}`, { costRate: { amount: 1, currency: 'CZK' } })).status).toBe(403);
    const ownRole = await wsCall(h, t.owner, 'PATCH', `/members/${t.owner.user.id}`, { role: 'admin' });
    expect(ownRole.status).toBe(403);
    expect((await errorOf(ownRole)).message).toMatch(/transferring ownership/);
    const makeOwner = await wsCall(h, t.owner, 'PATCH', `/members/${t.member.user.id}`, { role: 'owner' });
    expect(makeOwner.status).toBe(400);
    expect((await errorOf(makeOwner)).fields?.['role']).toMatch(/transfer-ownership/);
    expect(await roleOf(t, t.owner)).toBe('owner');
    expect(await roleOf(t, t.member)).toBe('member');
    // The owner sets their own rates.
    const own = await ok<MemberBody>(wsCall(h, t.owner, 'PATCH', `/members/${t.owner.user.id}`, { billRate: { amount: 150000, currency: 'CZK' } }));
    expect(own).toMatchObject({ role: 'owner', billRate: { amount: 150000, currency: 'CZK' } });
  });

  it('validates rates (workspace currency, whole non-negative minor units) and clears them with null', async () => {
    const t = await team('Rates');
    const path = `/members/${t.member.user.id}`;
    const wrongCurrency = await wsCall(h, t.owner, 'PATCH', path, { costRate: { amount: 1000, currency: 'EUR' } });
    expect(wrongCurrency.status).toBe(400);
    expect((await errorOf(wrongCurrency)).fields).toEqual({ 'costRate.currency': 'Use the workspace currency, CZK.' });
    for (const body of [{ costRate: { amount: -1, currency: 'CZK' } }, { billRate: { amount: 1.5, currency: 'CZK' } }, { billRate: 12 }, { nickname: 'x' }]) {
      const res = await wsCall(h, t.owner, 'PATCH', path, body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(Object.keys((await errorOf(res)).fields ?? {}).length).toBeGreaterThan(0);
    }
    expect((await membershipOf(h, t.owner.workspace.id, t.member.user.id))?.costRate).toBeNull();

    await ok(wsCall(h, t.owner, 'PATCH', path, { costRate: { amount: 50000, currency: 'CZK' }, billRate: { amount: 90000, currency: 'CZK' } }));
    const cleared = await ok<MemberBody>(wsCall(h, t.owner, 'PATCH', path, { costRate: null }));
    expect(cleared.costRate).toBeNull();
    expect(cleared.billRate).toEqual({ amount: 90000, currency: 'CZK' });
    const row = await membershipOf(h, t.owner.workspace.id, t.member.user.id);
    expect([row?.costRate, row?.billRate]).toEqual([null, 90000]);
  });

  it('answers 403 to members, 404 for a user outside the workspace, and 404 across workspaces', async () => {
    const t = await team('Guard');
    const other = await team('Other');
    const res = await wsCall(h, t.member, 'PATCH', `/members/${t.extra.user.id}`, { role: 'admin' });
    expect(res.status).toBe(403);
    expect((await errorOf(res)).code).toBe('forbidden');
    expect((await wsCall(h, t.owner, 'PATCH', `/members/${other.member.user.id}`, { role: 'admin' })).status).toBe(404);
    expect((await wsCall(h, t.owner, 'PATCH', '/members/nobody', { role: 'admin' })).status).toBe(404);
    expect((await call(h.app, 'PATCH', `/w/${other.owner.workspace.slug}/members/${other.member.user.id}`, { role: 'admin' }, { cookie: t.owner.cookie })).status).toBe(404);
    expect(await roleOf(t, t.extra)).toBe('member');
    expect(await roleOf(other, other.member)).toBe('member');
  });
});

describe('DELETE /w/:ws/members/:userId', () => {
  it('removes a member; their session loses the workspace at once, their records stay', async () => {
    const t = await team('Remove');
    const company = await ok<{ id: string }>(wsCall(h, t.member, 'POST', '/companies', { name: 'Kept s.r.o.' }), 201);
    expect((await wsCall(h, t.admin, 'DELETE', `/members/${t.member.user.id}`)).status).toBe(204);
    expect(await membershipOf(h, t.owner.workspace.id, t.member.user.id)).toBeUndefined();

    const gone = await wsCall(h, t.member, 'GET', '/companies');
    expect(gone.status).toBe(404);
    expect((await errorOf(gone)).code).toBe('not_found');
    expect((await call(h.app, 'GET', `/w/${t.owner.workspace.slug}`, undefined, { cookie: t.member.cookie })).status).toBe(404);
    // Still signed in, still in their own workspace.
    expect((await call(h.app, 'GET', '/me', undefined, { cookie: t.member.cookie })).status).toBe(200);

    const kept = await ok<{ ownerId: string }>(wsCall(h, t.owner, 'GET', `/companies/${company.id}`));
    expect(kept.ownerId).toBe(t.member.user.id);
    expect((await members(t.owner)).map((m) => m.userId)).not.toContain(t.member.user.id);
  });

  it('hands every company, contact, deal and task of the removed member to reassignTo, trashed ones too, with history', async () => {
    const t = await team('Reassign');
    const leaver = t.member.user.id;
    const heir = t.extra.user.id;
    const create = async (path: string, body: unknown) => (await ok<{ id: string }>(wsCall(h, t.owner, 'POST', path, body), 201)).id;
    const company = await create('/companies', { name: 'Leaver Co', ownerId: leaver });
    const trashed = await create('/companies', { name: 'Trashed Co', ownerId: leaver });
    expect((await wsCall(h, t.owner, 'DELETE', `/companies/${trashed}`)).status).toBe(204);
    const keptCompany = await create('/companies', { name: 'Owner Co', ownerId: t.owner.user.id });
    const contact = await create('/contacts', { firstName: 'Lea', lastName: 'Vrba', ownerId: leaver });
    const deal = await create('/deals', { title: 'Leaver deal', ownerId: leaver });
    const task = await insertAssignedTask(t, 'Leaver task', leaver);
    const otherTask = await insertAssignedTask(t, 'Admin task', t.admin.user.id);
    await setPlan(h, t.owner.workspace.id, 'pro');
    const project = await create('/projects', { name: 'Leaver project', managerId: leaver });

    const res = await wsCall(h, t.admin, 'DELETE', `/members/${leaver}?reassignTo=${heir}`);
    expect(res.status).toBe(204);

    const ws = t.owner.workspace.id;
    const owners = async (table: string, column: string, id: string) => (await tenantRows(h, ws, `SELECT ${column} AS who FROM ${table} WHERE id = ?`, [id]))[0]!['who'];
    expect(await owners('companies', 'owner_id', company)).toBe(heir);
    expect(await owners('companies', 'owner_id', trashed)).toBe(heir);
    expect(await owners('companies', 'owner_id', keptCompany)).toBe(t.owner.user.id);
    expect(await owners('contacts', 'owner_id', contact)).toBe(heir);
    expect(await owners('deals', 'owner_id', deal)).toBe(heir);
    expect(await owners('tasks', 'assignee_id', task)).toBe(heir);
    expect(await owners('tasks', 'assignee_id', otherTask)).toBe(t.admin.user.id);
    expect(await owners('projects', 'manager_id', project)).toBe(heir);
    expect(await tenantRows(h, ws, 'SELECT id FROM companies WHERE owner_id = ? UNION ALL SELECT id FROM tasks WHERE assignee_id = ?', [leaver, leaver])).toEqual([]);

    const got = await ok<{ ownerId: string; version: number }>(wsCall(h, t.owner, 'GET', `/companies/${company}`));
    expect(got).toMatchObject({ ownerId: heir, version: 2 });
    const history = await historyOf(h, ws, 'company', company);
    const last = history.at(-1)!;
    expect(last.actorId).toBe(t.admin.user.id);
    expect(last.changes).toEqual({ ownerId: [leaver, heir] });
    expect((await historyOf(h, ws, 'task', task)).at(-1)!.changes).toEqual({ assigneeId: [leaver, heir] });
    expect(await membershipOf(h, ws, leaver)).toBeUndefined();
  });

  it('refuses a reassignTo that is not another member (400) and then changes nothing', async () => {
    const t = await team('BadHeir');
    const other = await team('Stranger');
    const company = await ok<{ id: string }>(wsCall(h, t.owner, 'POST', '/companies', { name: 'Stays', ownerId: t.member.user.id }), 201);
    for (const heir of [other.owner.user.id, t.member.user.id, 'nobody']) {
      const res = await wsCall(h, t.owner, 'DELETE', `/members/${t.member.user.id}?reassignTo=${heir}`);
      expect(res.status, heir).toBe(400);
      expect((await errorOf(res)).fields).toEqual({ reassignTo: 'Choose another member of this workspace.' });
    }
    expect(await roleOf(t, t.member)).toBe('member');
    expect((await ok<{ ownerId: string; version: number }>(wsCall(h, t.owner, 'GET', `/companies/${company.id}`))).version).toBe(1);
  });

  it('never removes the owner, lets admins remove admins, and keeps members and outsiders out', async () => {
    const t = await team('Guards');
    const other = await team('Elsewhere');
    for (const who of [t.admin, t.owner]) {
      const res = await wsCall(h, who, 'DELETE', `/members/${t.owner.user.id}`);
      expect(res.status).toBe(403);
      expect((await errorOf(res)).message).toMatch(/Transfer ownership/);
    }
    const byMember = await wsCall(h, t.member, 'DELETE', `/members/${t.extra.user.id}`);
    expect(byMember.status).toBe(403);
    expect(await roleOf(t, t.extra)).toBe('member');
    expect((await wsCall(h, t.owner, 'DELETE', `/members/${other.member.user.id}`)).status).toBe(404);
    expect((await call(h.app, 'DELETE', `/w/${other.owner.workspace.slug}/members/${other.member.user.id}`, undefined, { cookie: t.owner.cookie })).status).toBe(404);
    expect(await roleOf(other, other.member)).toBe('member');

    await ok(wsCall(h, t.owner, 'PATCH', `/members/${t.extra.user.id}`, { role: 'admin' }));
    expect((await wsCall(h, t.admin, 'DELETE', `/members/${t.extra.user.id}`)).status).toBe(204);
    expect(await roleOf(t, t.extra)).toBeUndefined();
    expect(await roleOf(t, t.owner)).toBe('owner');
  });

  it('frees the seat on free: after a removal the next invitee fits again', async () => {
    const owner = await signUp(h.app, { workspaceName: 'Seat s.r.o.' });
    const first = await signUp(h.app, {});
    await addMember(h, owner, first, 'member');
    const usage = async () => (await ok<{ usage: { members: number } }>(wsCall(h, owner, 'GET', ''))).usage.members;
    expect(await usage()).toBe(2);
    expect((await wsCall(h, owner, 'DELETE', `/members/${first.user.id}`)).status).toBe(204);
    expect(await usage()).toBe(1);
  });
});

describe('POST /w/:ws/leave', () => {
  it('lets a member leave (optionally handing records over); afterwards the workspace is gone for them', async () => {
    const t = await team('Leave');
    const task = await insertAssignedTask(t, 'Mine', t.member.user.id);
    const res = await wsCall(h, t.member, 'POST', '/leave', { reassignTo: t.admin.user.id });
    expect(res.status).toBe(204);
    expect(await roleOf(t, t.member)).toBeUndefined();
    expect((await wsCall(h, t.member, 'GET', '/members')).status).toBe(404);
    expect((await tenantRows(h, t.owner.workspace.id, 'SELECT assignee_id AS who FROM tasks WHERE id = ?', [task])).map((r) => r['who'])).toEqual([t.admin.user.id]);

    expect((await wsCall(h, t.extra, 'POST', '/leave', {})).status).toBe(204);
    expect(await roleOf(t, t.extra)).toBeUndefined();
  });

  it('does not let the owner leave (403) and validates the body', async () => {
    const t = await team('Stay');
    const res = await wsCall(h, t.owner, 'POST', '/leave', {});
    expect(res.status).toBe(403);
    expect((await errorOf(res)).message).toMatch(/Transfer ownership/);
    const bad = await wsCall(h, t.admin, 'POST', '/leave', { reassignTo: 42 });
    expect(bad.status).toBe(400);
    expect(Object.keys((await errorOf(bad)).fields ?? {})).toEqual(['reassignTo']);
    expect(await roleOf(t, t.owner)).toBe('owner');
    expect(await roleOf(t, t.admin)).toBe('admin');
  });
});

describe('POST /w/:ws/transfer-ownership', () => {
  it('makes the target the owner and the previous owner an admin, in one step', async () => {
    const t = await team('Transfer');
    expect((await wsCall(h, t.owner, 'POST', '/transfer-ownership', { userId: t.member.user.id })).status).toBe(204);
    expect(await roleOf(t, t.member)).toBe('owner');
    expect(await roleOf(t, t.owner)).toBe('admin');
    const roles = (await members(t.admin)).map((m) => m.role).sort();
    expect(roles).toEqual(['admin', 'admin', 'member', 'owner']);
    // The new owner holds the owner's powers; the previous one no longer does.
    expect((await wsCall(h, t.owner, 'POST', '/transfer-ownership', { userId: t.owner.user.id })).status).toBe(403);
    expect((await wsCall(h, t.member, 'POST', '/leave', {})).status).toBe(403);
    expect((await wsCall(h, t.owner, 'POST', '/leave', {})).status).toBe(204);
  });

  it('is for the owner only, and only to another member of this workspace', async () => {
    const t = await team('NoTransfer');
    const other = await team('Foreign');
    for (const who of [t.admin, t.member]) {
      const res = await wsCall(h, who, 'POST', '/transfer-ownership', { userId: who.user.id });
      expect(res.status).toBe(403);
      expect((await errorOf(res)).code).toBe('forbidden');
    }
    const self = await wsCall(h, t.owner, 'POST', '/transfer-ownership', { userId: t.owner.user.id });
    expect(self.status).toBe(400);
    expect((await errorOf(self)).fields?.['userId']).toMatch(/already own/);
    const foreign = await wsCall(h, t.owner, 'POST', '/transfer-ownership', { userId: other.member.user.id });
    expect(foreign.status).toBe(400);
    expect((await errorOf(foreign)).fields).toEqual({ userId: 'Not a member of this workspace.' });
    expect((await wsCall(h, t.owner, 'POST', '/transfer-ownership', {})).status).toBe(400);
    expect((await call(h.app, 'POST', `/w/${other.owner.workspace.slug}/transfer-ownership`, { userId: t.owner.user.id }, { cookie: t.owner.cookie })).status).toBe(404);
    expect(await roleOf(t, t.owner)).toBe('owner');
    expect(await roleOf(other, other.owner)).toBe('owner');
    expect(await membershipOf(h, t.owner.workspace.id, other.member.user.id)).toBeUndefined();
    const body = await json<{ items: MemberBody[] }>(await wsCall(h, t.owner, 'GET', '/members'));
    expect(body.items.filter((m) => m.role === 'owner')).toHaveLength(1);
  });
});
