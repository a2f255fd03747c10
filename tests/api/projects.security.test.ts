// Who reaches which projects: another workspace's ids answer 404 (never 403 or data), the free
// plan reads but cannot write (402, nothing written), a downgrade leaves pro data readable and
// read-only until the next upgrade, and workflow changes are for owners and admins.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addMember, caller, snapshot, type Caller } from './crm-support.ts';
import { errorWith, proUser, type Milestone, type Page, type Project } from './projects-support.ts';
import { expectAllNotFound, expectAllUnauthenticated, type RouteCase } from './records-support.ts';
import { createHarness, setPlan, signUp, type Harness, type SignedUp } from './support.ts';

let h: Harness;
let alice: SignedUp;
let a: Caller;
let bob: SignedUp;
let b: Caller;
let project: Project;
let milestone: Milestone;

beforeAll(async () => {
  h = createHarness({ startAt: Date.parse('2026-11-27T10:00:00Z') });
  ({ user: alice, call: a } = await proUser(h, { name: 'Alice', workspaceName: 'Alfa' }));
  ({ user: bob, call: b } = await proUser(h, { name: 'Bob', workspaceName: 'Bravo Tajné' }));
  project = await b.ok<Project>('POST', '/projects', { name: 'Bobův tajný projekt' });
  milestone = await b.ok<Milestone>('POST', `/projects/${project.id}/milestones`, { name: 'Bobův milník' });
});
afterAll(() => h.close());

const routes = (): RouteCase[] => [
  { method: 'GET', path: `/projects/${project.id}` },
  { method: 'PATCH', path: `/projects/${project.id}`, body: { name: 'Pwned' } },
  { method: 'DELETE', path: `/projects/${project.id}` },
  { method: 'POST', path: `/projects/${project.id}/restore` },
  { method: 'GET', path: `/projects/${project.id}/history` },
  { method: 'GET', path: `/projects/${project.id}/milestones` },
  { method: 'POST', path: `/projects/${project.id}/milestones`, body: { name: 'Pwned' } },
  { method: 'PATCH', path: `/projects/${project.id}/milestones/${milestone.id}`, body: { done: true } },
  { method: 'DELETE', path: `/projects/${project.id}/milestones/${milestone.id}` },
  { method: 'POST', path: `/projects/${project.id}/milestones/${milestone.id}/restore` },
];

describe('another workspace', () => {
  it('answers 404 for every project route with bob’s ids, via alice’s slug and via bob’s, and changes nothing', async () => {
    const before = await snapshot(h, bob.workspace.id, 'projects');
    const milestonesBefore = await snapshot(h, bob.workspace.id, 'milestones');
    await expectAllNotFound(h, alice, bob, routes());
    // Bob's statuses through his slug: alice is no member there.
    const status = await b.ok<{ id: string }>('POST', '/project-statuses', { name: 'Bobův stav' });
    await expectAllNotFound(h, alice, bob, [
      { method: 'PATCH', path: `/project-statuses/${status.id}`, body: { name: 'Pwned' } },
      { method: 'DELETE', path: `/project-statuses/${status.id}` },
    ]);
    expect(await snapshot(h, bob.workspace.id, 'projects')).toBe(before);
    expect(await snapshot(h, bob.workspace.id, 'milestones')).toBe(milestonesBefore);
    expect((await b.ok<Project>('GET', `/projects/${project.id}`)).name).toBe('Bobův tajný projekt');
  });

  it('never lists or finds bob’s projects in alice’s workspace', async () => {
    await a.ok('POST', '/projects', { name: 'Alenin projekt' });
    const list = await a.ok<Page<Project>>('GET', '/projects?limit=200');
    expect(JSON.stringify(list)).not.toContain('Bob');
    const search = await a.ok<{ items: unknown[] }>('GET', '/search?q=tajny');
    expect(search.items).toEqual([]);
    expect((await a('GET', `/projects?companyId=${project.id}`)).status).toBe(200);
  });

  it('does not let alice put bob’s milestone under her own project', async () => {
    const mine = await a.ok<Project>('POST', '/projects', { name: 'Můj' });
    for (const method of ['PATCH', 'DELETE'] as const) {
      expect((await a(method, `/projects/${mine.id}/milestones/${milestone.id}`, method === 'PATCH' ? { done: true } : undefined)).status).toBe(404);
    }
    expect((await b.ok<{ items: Milestone[] }>('GET', `/projects/${project.id}/milestones`)).items[0]!.done).toBe(false);
  });

  it('asks for a session on every route', async () => {
    await expectAllUnauthenticated(h, bob, routes());
  });
});

describe('the free plan', () => {
  it('reads projects (empty) but refuses every write with 402, writing nothing', async () => {
    const free = await signUp(h.app, { name: 'Fiona Free' });
    const f = caller(h, free);
    expect((await f.ok<Page<Project>>('GET', '/projects')).items).toEqual([]);
    expect((await f.ok<{ items: unknown[] }>('GET', '/project-statuses')).items).toHaveLength(6);
    const before = await snapshot(h, free.workspace.id, 'projects');
    const error = await errorWith(await f('POST', '/projects', { name: 'Zdarma?' }), 402);
    expect(error.code).toBe('plan_required');
    expect(error.message).toMatch(/Pro/);
    expect((await f('POST', '/project-statuses', { name: 'Nový' })).status).toBe(402);
    expect((await f('PUT', '/project-statuses/order', { ids: ['preparation'] })).status).toBe(402);
    expect((await f('PATCH', '/project-statuses/review', { name: 'Revize' })).status).toBe(402);
    expect((await f('DELETE', '/project-statuses/review')).status).toBe(402);
    expect(await snapshot(h, free.workspace.id, 'projects')).toBe(before);
    expect((await f.ok<{ items: { name: string }[] }>('GET', '/project-statuses')).items.map((s) => s.name)).toContain('Review');
  });
});

describe('after a downgrade', () => {
  it('keeps pro data readable but read-only, and writable again after upgrading', async () => {
    const { user: carol, call: c } = await proUser(h, { name: 'Carol' });
    const p = await c.ok<Project>('POST', '/projects', { name: 'Z doby Pro', budget: { hours: 40 } });
    const m = await c.ok<Milestone>('POST', `/projects/${p.id}/milestones`, { name: 'Předání' });
    await setPlan(h, carol.workspace.id, 'free');

    expect((await c.ok<Project>('GET', `/projects/${p.id}`)).budget.hours).toBe(40);
    expect((await c.ok<Page<Project>>('GET', '/projects')).items.map((x) => x.id)).toEqual([p.id]);
    expect((await c.ok<{ items: Milestone[] }>('GET', `/projects/${p.id}/milestones`)).items.map((x) => x.id)).toEqual([m.id]);
    expect((await c('GET', `/projects/${p.id}/history`)).status).toBe(200);

    const before = [await snapshot(h, carol.workspace.id, 'projects'), await snapshot(h, carol.workspace.id, 'milestones')];
    for (const [method, path, body] of [
      ['POST', '/projects', { name: 'Nový' }],
      ['PATCH', `/projects/${p.id}`, { name: 'Změna' }],
      ['DELETE', `/projects/${p.id}`, undefined],
      ['POST', `/projects/${p.id}/restore`, undefined],
      ['POST', `/projects/${p.id}/milestones`, { name: 'Další' }],
      ['PATCH', `/projects/${p.id}/milestones/${m.id}`, { done: true }],
      ['DELETE', `/projects/${p.id}/milestones/${m.id}`, undefined],
      ['POST', `/projects/${p.id}/milestones/${m.id}/restore`, undefined],
    ] as const) {
      expect((await errorWith(await c(method, path, body), 402)).code, `${method} ${path}`).toBe('plan_required');
    }
    expect([await snapshot(h, carol.workspace.id, 'projects'), await snapshot(h, carol.workspace.id, 'milestones')]).toEqual(before);

    await setPlan(h, carol.workspace.id, 'pro');
    expect((await c.ok<Project>('PATCH', `/projects/${p.id}`, { name: 'Zase Pro' })).name).toBe('Zase Pro');
  });
});

describe('roles', () => {
  it('lets members use the workflow but only owners and admins change it (403, nothing written)', async () => {
    const member = await signUp(h.app, { name: 'Marek Člen' });
    await addMember(h, alice.workspace.id, member.user.id, 'member');
    const m = caller(h, member, alice.workspace.slug);
    expect((await m.ok<{ items: unknown[] }>('GET', '/project-statuses')).items.length).toBeGreaterThan(0);
    const before = await snapshot(h, alice.workspace.id, 'project_statuses');
    for (const [method, path, body] of [
      ['POST', '/project-statuses', { name: 'Od člena' }],
      ['PATCH', '/project-statuses/review', { name: 'Od člena' }],
      ['DELETE', '/project-statuses/review', undefined],
      ['PUT', '/project-statuses/order', { ids: ['review'] }],
    ] as const) {
      expect((await errorWith(await m(method, path, body), 403)).code).toBe('forbidden');
    }
    expect(await snapshot(h, alice.workspace.id, 'project_statuses')).toBe(before);
    const admin = await signUp(h.app, { name: 'Adam Admin' });
    await addMember(h, alice.workspace.id, admin.user.id, 'admin');
    expect((await caller(h, admin, alice.workspace.slug)('PATCH', '/project-statuses/review', { name: 'Kontrola' })).status).toBe(200);
  });
});
