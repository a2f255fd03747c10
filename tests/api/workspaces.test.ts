import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { memberships } from '../../db/control/schema.ts';
import { call, createHarness, errorOf, json, signUp, workspaceRow, type Harness, type MeBody, type SignedUp, type WorkspaceBody } from './support.ts';

let h: Harness;
let owner: SignedUp;
let member: SignedUp;
let admin: SignedUp;

beforeAll(async () => {
  h = createHarness();
  owner = await signUp(h.app, { name: 'Olga Owner', workspaceName: 'Alpha Works' });
  member = await signUp(h.app, { name: 'Milan Member', workspaceName: 'Milan Solo' });
  admin = await signUp(h.app, { name: 'Adam Admin', workspaceName: 'Adam Solo' });
  await h.control.insert(memberships).values([
    { workspaceId: owner.workspace.id, userId: member.user.id, role: 'member', createdAt: h.clock.ms },
    { workspaceId: owner.workspace.id, userId: admin.user.id, role: 'admin', createdAt: h.clock.ms },
  ]);
});
afterAll(() => h.close());

const path = () => `/w/${owner.workspace.slug}`;

describe('GET /w/:ws', () => {
  it('answers the workspace with plan free, limits and the caller’s role', async () => {
    const res = await call(h.app, 'GET', path(), undefined, { cookie: owner.cookie });
    expect(res.status).toBe(200);
    const ws = await json<WorkspaceBody>(res);
    expect(ws).toMatchObject({
      id: owner.workspace.id,
      slug: 'alpha-works',
      name: 'Alpha Works',
      plan: 'free',
      role: 'owner',
      country: 'CZ',
      currency: 'CZK',
      limits: { members: 2, records: 2500 },
    });
    expect(ws.limits.storageBytes).toBeGreaterThan(0);
    expect(ws.createdAt).toBe(owner.workspace.createdAt);
    expect(JSON.stringify(ws)).not.toMatch(/dbLocation|db_location|schemaVersion|migration/);
  });

  it('reports each member’s own role', async () => {
    const asMember = await json<WorkspaceBody>(await call(h.app, 'GET', path(), undefined, { cookie: member.cookie }));
    expect(asMember.role).toBe('member');
    expect(asMember.id).toBe(owner.workspace.id);
    const asAdmin = await json<WorkspaceBody>(await call(h.app, 'GET', path(), undefined, { cookie: admin.cookie }));
    expect(asAdmin.role).toBe('admin');
  });

  it('lists shared workspaces in /me with the member’s role', async () => {
    const me = await json<MeBody>(await call(h.app, 'GET', '/me', undefined, { cookie: member.cookie }));
    const roles = Object.fromEntries(me.workspaces.map((w) => [w.id, w.role]));
    expect(roles).toEqual({ [owner.workspace.id]: 'member', [member.workspace.id]: 'owner' });
  });
});

describe('PATCH /w/:ws', () => {
  it('renames the workspace, keeps the slug, and persists', async () => {
    const before = await workspaceRow(h, owner.workspace.id);
    h.clock.advance(5000);
    const res = await call(h.app, 'PATCH', path(), { name: '  Alpha Works Group ' }, { cookie: owner.cookie });
    expect(res.status).toBe(200);
    const ws = await json<WorkspaceBody>(res);
    expect(ws).toMatchObject({ name: 'Alpha Works Group', slug: 'alpha-works', role: 'owner', plan: 'free' });
    expect(Date.parse(ws.updatedAt)).toBe(h.clock.ms);
    const again = await json<WorkspaceBody>(await call(h.app, 'GET', path(), undefined, { cookie: owner.cookie }));
    expect(again.name).toBe('Alpha Works Group');
    const row = await workspaceRow(h, owner.workspace.id);
    expect(row.name).toBe('Alpha Works Group');
    expect(row.updatedAt).toBeGreaterThan(before.updatedAt);
    const me = await json<MeBody>(await call(h.app, 'GET', '/me', undefined, { cookie: owner.cookie }));
    expect(me.workspaces.find((w) => w.id === owner.workspace.id)?.name).toBe('Alpha Works Group');
  });

  it('lets an admin rename it', async () => {
    const res = await call(h.app, 'PATCH', path(), { name: 'Alpha by Admin' }, { cookie: admin.cookie });
    expect(res.status).toBe(200);
    expect((await json<WorkspaceBody>(res)).role).toBe('admin');
    expect((await workspaceRow(h, owner.workspace.id)).name).toBe('Alpha by Admin');
  });

  it('accepts an empty patch and changes nothing but updatedAt', async () => {
    const before = await workspaceRow(h, owner.workspace.id);
    const res = await call(h.app, 'PATCH', path(), {}, { cookie: owner.cookie });
    expect(res.status).toBe(200);
    expect((await json<WorkspaceBody>(res)).name).toBe(before.name);
  });

  it('rejects a blank, too long or non-string name with 400 fields.name', async () => {
    for (const name of ['', '   ', 'x'.repeat(201), 42, null]) {
      const res = await call(h.app, 'PATCH', path(), { name }, { cookie: owner.cookie });
      expect(res.status, JSON.stringify(name)).toBe(400);
      const err = await errorOf(res);
      expect(err.code).toBe('validation_failed');
      expect(err.fields?.['name']).toBeTruthy();
    }
    expect((await workspaceRow(h, owner.workspace.id)).name).toBe('Alpha by Admin');
  });

  it('rejects unknown fields (no changing plan or slug through PATCH)', async () => {
    const res = await call(h.app, 'PATCH', path(), { name: 'Ok', plan: 'pro', slug: 'mine' }, { cookie: owner.cookie });
    expect(res.status).toBe(400);
    const err = await errorOf(res);
    expect(err.fields).toHaveProperty('plan');
    expect(err.fields).toHaveProperty('slug');
    const row = await workspaceRow(h, owner.workspace.id);
    expect(row).toMatchObject({ name: 'Alpha by Admin', plan: 'free', slug: 'alpha-works' });
  });

  it('forbids a member (403) and changes nothing', async () => {
    const res = await call(h.app, 'PATCH', path(), { name: 'Member Was Here' }, { cookie: member.cookie });
    expect(res.status).toBe(403);
    expect((await errorOf(res)).code).toBe('forbidden');
    expect((await workspaceRow(h, owner.workspace.id)).name).toBe('Alpha by Admin');
  });

  it('lets the member rename their own workspace', async () => {
    const res = await call(h.app, 'PATCH', `/w/${member.workspace.slug}`, { name: 'Milan & Co' }, { cookie: member.cookie });
    expect(res.status).toBe(200);
    expect((await json<WorkspaceBody>(res)).name).toBe('Milan & Co');
  });
});
