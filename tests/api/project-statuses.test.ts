// The project workflow: the six default statuses, adding, renaming, changing the kind,
// reordering and deleting (never one in use, never the last), and how projects follow.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { snapshot, type Caller } from './crm-support.ts';
import { errorWith, proUser, type Project, type ProjectStatus } from './projects-support.ts';
import { call, createHarness, json, setPlan, type Harness, type SignedUp } from './support.ts';

let h: Harness;
let alice: SignedUp;
let a: Caller;

beforeAll(async () => {
  h = createHarness({ startAt: Date.parse('2026-11-27T10:00:00Z') });
  ({ user: alice, call: a } = await proUser(h));
});
afterAll(() => h.close());

const statuses = async (c: Caller = a) => (await c.ok<{ items: ProjectStatus[]; nextCursor: null }>('GET', '/project-statuses')).items;

describe('the default workflow', () => {
  it('has six statuses in order, each with its kind', async () => {
    const list = await statuses();
    expect(list.map((s) => [s.id, s.name, s.kind, s.position])).toEqual([
      ['preparation', 'Preparation', 'planned', 1],
      ['in_progress', 'In progress', 'active', 2],
      ['review', 'Review', 'active', 3],
      ['done', 'Done', 'done', 4],
      ['on_hold', 'On hold', 'on_hold', 5],
      ['cancelled', 'Cancelled', 'cancelled', 6],
    ]);
  });

  it('is named in Czech for a workspace started in Czech', async () => {
    const res = await call(h.app, 'POST', '/auth/signup', { email: 'cesky@example.cz', password: 'correct horse battery staple', name: 'Jana', workspaceName: 'Česká firma', locale: 'cs' });
    expect(res.status).toBe(201);
    const body = await json<{ workspace: { slug: string } }>(res);
    const cookie = res.headers.getSetCookie().find((c) => c.startsWith('tandem_session='))!.split(';')[0]!;
    const list = await json<{ items: ProjectStatus[] }>(await call(h.app, 'GET', `/w/${body.workspace.slug}/project-statuses`, undefined, { cookie }));
    expect(list.items.map((s) => s.name)).toEqual(['Příprava', 'Probíhá', 'Kontrola', 'Dokončeno', 'Pozastaveno', 'Zrušeno']);
  });
});

describe('changing the workflow', () => {
  it('adds a status at the end (kind active by default), renames it and changes its kind; projects show the new name', async () => {
    const created = await a.ok<ProjectStatus>('POST', '/project-statuses', { name: '  Čeká na podpis  ' });
    expect(created).toMatchObject({ name: 'Čeká na podpis', kind: 'active', position: 7 });
    const p = await a.ok<Project>('POST', '/projects', { name: 'Smlouva', statusId: created.id });
    expect(p.status).toEqual({ id: created.id, name: 'Čeká na podpis', kind: 'active' });
    const renamed = await a.ok<ProjectStatus>('PATCH', `/project-statuses/${created.id}`, { name: 'U klienta', kind: 'on_hold' });
    expect(renamed).toMatchObject({ id: created.id, name: 'U klienta', kind: 'on_hold', position: 7 });
    expect((await a.ok<Project>('GET', `/projects/${p.id}`)).status).toEqual({ id: created.id, name: 'U klienta', kind: 'on_hold' });
    // The kind drives the portfolio's filters.
    const onHold = await a.ok<{ items: Project[] }>('GET', '/projects?kind=on_hold');
    expect(onHold.items.map((x) => x.id)).toEqual([p.id]);
  });

  it('reorders: every id exactly once, positions renumbered', async () => {
    const ids = (await statuses()).map((s) => s.id);
    const reversed = [...ids].reverse();
    const res = await a.ok<{ items: ProjectStatus[] }>('PUT', '/project-statuses/order', { ids: reversed });
    expect(res.items.map((s) => s.id)).toEqual(reversed);
    expect(res.items.map((s) => s.position)).toEqual(reversed.map((_, i) => i + 1));
    expect((await statuses()).map((s) => s.id)).toEqual(reversed);
    // New projects start in the first status of the (new) order.
    expect((await a.ok<Project>('POST', '/projects', { name: 'Nový' })).statusId).toBe(reversed[0]);
    await a.ok('PUT', '/project-statuses/order', { ids });
  });

  it('deletes an unused status and closes the gap; refuses one in use (409) and the last one', async () => {
    const used = await a.ok<ProjectStatus>('POST', '/project-statuses', { name: 'Používaný', kind: 'planned' });
    const p = await a.ok<Project>('POST', '/projects', { name: 'V používaném', statusId: used.id });
    const error = await errorWith(await a('DELETE', `/project-statuses/${used.id}`), 409);
    expect(error.message).toMatch(/Move the 1 project in “Používaný”/);
    await a.ok('PATCH', `/projects/${p.id}`, { statusId: 'done' });
    expect((await a('DELETE', `/project-statuses/${used.id}`)).status).toBe(204);
    const list = await statuses();
    expect(list.map((s) => s.id)).not.toContain(used.id);
    expect(list.map((s) => s.position)).toEqual(list.map((_, i) => i + 1));
  });

  it('keeps at least one status', async () => {
    const { call: c } = await proUser(h, { name: 'Minimalist' });
    const ids = (await statuses(c)).map((s) => s.id);
    for (const id of ids.slice(1)) expect((await c('DELETE', `/project-statuses/${id}`)).status).toBe(204);
    const error = await errorWith(await c('DELETE', `/project-statuses/${ids[0]}`), 409);
    expect(error.message).toMatch(/at least one status/);
    expect(await statuses(c)).toHaveLength(1);
  });
});

describe('bad input', () => {
  it('refuses blank, long and duplicate names, unknown kinds and fields (nothing written)', async () => {
    const before = await snapshot(h, alice.workspace.id, 'project_statuses');
    const fieldsOf = async (method: string, path: string, body: unknown, status = 400) => Object.keys((await errorWith(await a(method, path, body), status)).fields ?? {});
    expect(await fieldsOf('POST', '/project-statuses', { name: ' ' })).toEqual(['name']);
    expect(await fieldsOf('POST', '/project-statuses', { name: 'x'.repeat(201) })).toEqual(['name']);
    expect(await fieldsOf('POST', '/project-statuses', { name: 'X', kind: 'paused' })).toEqual(['kind']);
    expect(await fieldsOf('POST', '/project-statuses', { name: 'X', colour: 'red' })).toEqual(['colour']);
    expect(await fieldsOf('POST', '/project-statuses', { name: 'review' }, 409)).toEqual(['name']);
    expect(await fieldsOf('PATCH', '/project-statuses/in_progress', { name: 'DONE' }, 409)).toEqual(['name']);
    expect(await fieldsOf('PATCH', '/project-statuses/in_progress', { kind: null })).toEqual(['kind']);
    expect(await fieldsOf('PUT', '/project-statuses/order', { ids: ['review', 'review'] })).toEqual(['ids']);
    expect(await fieldsOf('PUT', '/project-statuses/order', { ids: [] })).toEqual(['ids']);
    expect(await fieldsOf('PUT', '/project-statuses/order', { ids: ['nope'] })).toEqual(['ids']);
    expect(await snapshot(h, alice.workspace.id, 'project_statuses')).toBe(before);
  });

  it('answers 404 for an unknown status', async () => {
    expect((await a('PATCH', '/project-statuses/nope', { name: 'X' })).status).toBe(404);
    expect((await a('DELETE', '/project-statuses/nope')).status).toBe(404);
  });

  it('caps the workflow at 30 statuses', async () => {
    const { user, call: c } = await proUser(h, { name: 'Collector' });
    for (let i = (await statuses(c)).length; i < 30; i++) await c.ok('POST', '/project-statuses', { name: `Stav ${i}` });
    const error = await errorWith(await c('POST', '/project-statuses', { name: 'Třicátý první' }), 409);
    expect(error.message).toMatch(/at most 30/);
    await setPlan(h, user.workspace.id, 'free');
    expect((await c('POST', '/project-statuses', { name: 'Zdarma' })).status).toBe(402);
  });
});
