import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { memberships } from '../../db/control/schema.ts';
import { createHarness, signUp, type Harness } from './support.ts';

let h: Harness;
beforeAll(() => {
  h = createHarness();
});
afterAll(() => h.close());

describe('GET /w/:ws/members', () => {
  it('lists the members of the workspace with their roles, and nobody else', async () => {
    const alice = await signUp(h.app, { name: 'Alice Nováková', workspaceName: 'Alice s.r.o.' });
    const bob = await signUp(h.app, { name: 'Bob Dvořák', workspaceName: 'Bob s.r.o.' });
    const carol = await signUp(h.app, { name: 'Carol Černá', workspaceName: 'Carol s.r.o.' });
    await h.control.insert(memberships).values({ workspaceId: alice.workspace.id, userId: bob.user.id, role: 'member', createdAt: Date.now() });

    const res = await h.app.request(`/api/v1/w/${alice.workspace.slug}/members`, { headers: { cookie: alice.cookie } });
    expect(res.status).toBe(200);
    const body = (await res.json()) as { items: { userId: string; name: string; role: string }[] };
    expect(body.items.map((m) => [m.name, m.role])).toEqual([
      ['Alice Nováková', 'owner'],
      ['Bob Dvořák', 'member'],
    ]);
    expect(body.items.some((m) => m.userId === carol.user.id)).toBe(false);
  });

  it('answers 404 to someone outside the workspace and 401 without a session', async () => {
    const dave = await signUp(h.app, { name: 'Dave', workspaceName: 'Dave s.r.o.' });
    const erin = await signUp(h.app, { name: 'Erin', workspaceName: 'Erin s.r.o.' });
    expect((await h.app.request(`/api/v1/w/${dave.workspace.slug}/members`, { headers: { cookie: erin.cookie } })).status).toBe(404);
    expect((await h.app.request(`/api/v1/w/${dave.workspace.slug}/members`)).status).toBe(401);
  });
});
