// Deleting a project status that holds projects, with `moveTo`: every project of it (live and
// trashed) moves to another status and the status goes, in one transaction; bad targets are
// 400s that write nothing, and without `moveTo` the status in use is still refused.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addMember, caller, historyOf, snapshot, tenantRows, type Caller } from './crm-support.ts';
import { errorWith, proUser, type Project, type ProjectStatus } from './projects-support.ts';
import { call, createHarness, json, setPlan, signUp, type Harness, type SignedUp } from './support.ts';

let h: Harness;
let alice: SignedUp;
let bob: SignedUp;
let a: Caller;
let b: Caller;
let bobStatus: string;

beforeAll(async () => {
  h = createHarness({ startAt: Date.parse('2026-11-27T10:00:00Z') });
  ({ user: alice, call: a } = await proUser(h, { workspaceName: 'Alpha' }));
  ({ user: bob, call: b } = await proUser(h, { workspaceName: 'Beta' }));
  bobStatus = (await b.ok<ProjectStatus>('POST', '/project-statuses', { name: 'Beta only' })).id;
});
afterAll(() => h.close());

const statuses = async () => (await a.ok<{ items: ProjectStatus[] }>('GET', '/project-statuses')).items;
const alphaState = async () =>
  [await snapshot(h, alice.workspace.id, 'project_statuses'), await snapshot(h, alice.workspace.id, 'projects'), await snapshot(h, alice.workspace.id, 'record_history')].join('\n');

/** A fresh status with `n` live projects and one project in the trash. */
async function doomedStatus(name: string, n: number) {
  const status = await a.ok<ProjectStatus>('POST', '/project-statuses', { name, kind: 'planned' });
  const live: Project[] = [];
  for (let i = 0; i < n; i++) live.push(await a.ok<Project>('POST', '/projects', { name: `${name} ${i + 1}`, statusId: status.id }));
  const trashed = await a.ok<Project>('POST', '/projects', { name: `${name} trashed`, statusId: status.id });
  expect((await a('DELETE', `/projects/${trashed.id}`)).status).toBe(204);
  return { status, live, trashed };
}

describe('DELETE /project-statuses/{id}?moveTo=', () => {
  it('moves the live and trashed projects to the target and deletes the status', async () => {
    const { status, live, trashed } = await doomedStatus('Nabídka', 3);
    const alreadyDone = await a.ok<Project>('POST', '/projects', { name: 'Hotovo dřív', statusId: 'done' });

    expect((await a('DELETE', `/project-statuses/${status.id}?moveTo=done`)).status).toBe(204);

    const list = await statuses();
    expect(list.map((s) => s.id)).not.toContain(status.id);
    expect(list.map((s) => s.position)).toEqual(list.map((_, i) => i + 1));
    // The portfolio counts them as done now (the kind follows the status).
    const done = await a.ok<{ items: Project[] }>('GET', '/projects?kind=done&limit=200');
    expect(new Set(done.items.map((p) => p.id))).toEqual(new Set([alreadyDone.id, ...live.map((p) => p.id)]));
    for (const p of live) {
      const now = await a.ok<Project>('GET', `/projects/${p.id}`);
      expect(now).toMatchObject({ statusId: 'done', status: { id: 'done', kind: 'done' }, version: p.version + 1 });
    }
    // The trashed project moved too, and a restore brings it back into the target status.
    expect((await tenantRows(h, alice.workspace.id, 'SELECT status_id FROM projects WHERE id = ?', [trashed.id]))[0]?.['status_id']).toBe('done');
    expect(await tenantRows(h, alice.workspace.id, 'SELECT id FROM projects WHERE status_id = ?', [status.id])).toEqual([]);
    const restored = await a.ok<Project>('POST', `/projects/${trashed.id}/restore`, undefined, 200);
    expect(restored.statusId).toBe('done');

    // Each project's history shows the status change, by the caller.
    expect((await historyOf(h, alice.workspace.id, 'project', live[0]!.id)).at(-1)).toEqual({ action: 'update', changes: { statusId: [status.id, 'done'] }, actorId: alice.user.id });
    expect((await historyOf(h, alice.workspace.id, 'project', trashed.id)).map((r) => r.action)).toEqual(['create', 'delete', 'update', 'restore']);
    // A project already in the target is untouched.
    expect(await a.ok<Project>('GET', `/projects/${alreadyDone.id}`)).toMatchObject({ version: alreadyDone.version });
  });

  it('deletes an empty status with moveTo as without it', async () => {
    const empty = await a.ok<ProjectStatus>('POST', '/project-statuses', { name: 'Prázdný' });
    expect((await a('DELETE', `/project-statuses/${empty.id}?moveTo=in_progress`)).status).toBe(204);
    expect((await statuses()).map((s) => s.id)).not.toContain(empty.id);
  });

  it('still refuses a status in use without moveTo (409, naming moveTo)', async () => {
    const { status } = await doomedStatus('Stále plný', 2);
    const before = await alphaState();
    const error = await errorWith(await a('DELETE', `/project-statuses/${status.id}`), 409);
    expect(error.message).toBe('Move the 2 projects in “Stále plný” to another status first.');
    expect(error.fields).toHaveProperty('moveTo');
    expect(await alphaState()).toBe(before);
  });

  it('answers 400 on moveTo for itself, an unknown id, another workspace’s status and a malformed id, writing nothing', async () => {
    const { status } = await doomedStatus('Terč', 1);
    const before = await alphaState();
    for (const moveTo of [status.id, 'no_such_status', bobStatus, '', 'a%20b', 'x'.repeat(65), '..%2F..']) {
      const error = await errorWith(await a('DELETE', `/project-statuses/${status.id}?moveTo=${moveTo}`), 400);
      expect(error.code).toBe('validation_failed');
      expect(Object.keys(error.fields ?? {}), moveTo).toEqual(['moveTo']);
    }
    expect(await alphaState()).toBe(before);
  });

  it('keeps the last status: with moveTo there is nowhere else to go (400), without it 409', async () => {
    const { user, call: c } = await proUser(h, { workspaceName: 'Minimal' });
    const ids = (await c.ok<{ items: ProjectStatus[] }>('GET', '/project-statuses')).items.map((s) => s.id);
    for (const id of ids.slice(1)) expect((await c('DELETE', `/project-statuses/${id}`)).status).toBe(204);
    await c.ok<Project>('POST', '/projects', { name: 'Jediný' });
    expect(Object.keys((await errorWith(await c('DELETE', `/project-statuses/${ids[0]}?moveTo=${ids[0]}`), 400)).fields ?? {})).toEqual(['moveTo']);
    expect((await errorWith(await c('DELETE', `/project-statuses/${ids[0]}?moveTo=done`), 400)).fields).toHaveProperty('moveTo');
    expect((await errorWith(await c('DELETE', `/project-statuses/${ids[0]}`), 409)).message).toMatch(/Move the 1 project/);
    expect((await tenantRows(h, user.workspace.id, 'SELECT status_id FROM projects')).map((r) => r['status_id'])).toEqual([ids[0]]);
  });

  it('answers 403 to a member, 404 across workspaces and 402 on Free, writing nothing', async () => {
    const { status } = await doomedStatus('Hlídaný', 1);
    const member = await signUp(h.app, { workspaceName: 'Member home' });
    await addMember(h, alice.workspace.id, member.user.id, 'member');
    const before = await alphaState();
    expect((await caller(h, member, alice.workspace.slug)('DELETE', `/project-statuses/${status.id}?moveTo=done`)).status).toBe(403);
    expect((await caller(h, bob, alice.workspace.slug)('DELETE', `/project-statuses/${status.id}?moveTo=done`)).status).toBe(404);
    expect((await b('DELETE', `/project-statuses/${status.id}?moveTo=done`)).status).toBe(404);
    expect((await a('DELETE', '/project-statuses/no_such_status?moveTo=done')).status).toBe(404);
    await setPlan(h, alice.workspace.id, 'free');
    expect((await a('DELETE', `/project-statuses/${status.id}?moveTo=done`)).status).toBe(402);
    await setPlan(h, alice.workspace.id, 'pro');
    expect(await alphaState()).toBe(before);
  });

  it('documents moveTo as a query parameter of the delete', async () => {
    const doc = await json<{ paths: Record<string, Record<string, { parameters?: { name: string; in: string }[] }>> }>(await call(h.app, 'GET', '/openapi.json'));
    const params = doc.paths['/w/{ws}/project-statuses/{id}']?.['delete']?.parameters ?? [];
    expect(params).toContainEqual(expect.objectContaining({ name: 'moveTo', in: 'query' }));
  });
});
