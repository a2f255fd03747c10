// Milestone writes in the PROJECT's history (what the project's activity feed reads): one entry
// per create, change, trash and restore, by the right person, in the milestone's transaction;
// nothing for a refused write; the project's version untouched so If-Match edits still pass.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addMember, caller, historyOf, snapshot, type Caller } from './crm-support.ts';
import { errorWith, proUser, type Milestone, type Page, type Project } from './projects-support.ts';
import { createHarness, setPlan, signUp, type Harness, type SignedUp } from './support.ts';

interface Entry {
  id: string;
  action: string;
  changes: Record<string, [unknown, unknown]>;
  actorId: string | null;
  at: string;
}

let h: Harness;
let alice: SignedUp;
let bob: SignedUp;
let a: Caller;
let b: Caller;
let project: Project;

beforeAll(async () => {
  h = createHarness({ startAt: Date.parse('2027-01-10T09:00:00Z') });
  ({ user: alice, call: a } = await proUser(h));
  bob = await signUp(h.app);
  await addMember(h, alice.workspace.id, bob.user.id, 'member');
  b = caller(h, bob, alice.workspace.slug);
  project = await a.ok<Project>('POST', '/projects', { name: 'E-shop' });
});
afterAll(() => h.close());

const base = (projectId = project.id) => `/projects/${projectId}/milestones`;
const feed = async (projectId = project.id, query = 'limit=100') => (await a.ok<Page<Entry>>('GET', `/projects/${projectId}/history?${query}`)).items;
const tick = () => h.clock.advance(1000);

/** Runs `write` and returns the project history entries it added (newest first). */
async function added(write: () => Promise<unknown>, projectId = project.id): Promise<Entry[]> {
  const before = new Set((await feed(projectId)).map((e) => e.id));
  tick();
  await write();
  return (await feed(projectId)).filter((e) => !before.has(e.id));
}

describe('milestone writes in the project history', () => {
  it('records a create once, by whoever made it, with the name and due date', async () => {
    let m!: Milestone;
    const entries = await added(async () => (m = await b.ok<Milestone>('POST', base(), { name: 'Beta', dueOn: '2027-03-12' })));
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({
      action: 'update',
      actorId: bob.user.id,
      changes: { milestoneId: [m.id, m.id], milestone: [null, 'Beta'], milestoneDue: [null, '2027-03-12'] },
    });
    expect(Object.keys(entries[0]!.changes).sort()).toEqual(['milestone', 'milestoneDue', 'milestoneId']);

    let n!: Milestone;
    const undated = await added(async () => (n = await a.ok<Milestone>('POST', base(), { name: 'Návrh', done: true })));
    expect(undated.map((e) => [e.actorId, e.changes])).toEqual([[alice.user.id, { milestoneId: [n.id, n.id], milestone: [null, 'Návrh'], milestoneDone: [null, true] }]]);
  });

  it('records each kind of change once: rename, re-date, check off, several at once', async () => {
    const m = await a.ok<Milestone>('POST', base(), { name: 'Alfa', dueOn: '2027-02-01' });
    const id = m.id;
    const cases: [unknown, Record<string, [unknown, unknown]>][] = [
      [{ name: 'Alfa 2' }, { milestoneId: [id, id], milestone: ['Alfa', 'Alfa 2'] }],
      [{ dueOn: '2027-03-20' }, { milestoneId: [id, id], milestone: ['Alfa 2', 'Alfa 2'], milestoneDue: ['2027-02-01', '2027-03-20'] }],
      [{ done: true }, { milestoneId: [id, id], milestone: ['Alfa 2', 'Alfa 2'], milestoneDone: [false, true] }],
      [
        { name: 'Alfa 3', dueOn: null, done: false },
        { milestoneId: [id, id], milestone: ['Alfa 2', 'Alfa 3'], milestoneDue: ['2027-03-20', null], milestoneDone: [true, false] },
      ],
    ];
    for (const [patch, changes] of cases) {
      const entries = await added(() => b.ok('PATCH', `${base()}/${id}`, patch));
      expect(entries.map((e) => [e.action, e.actorId, e.changes]), JSON.stringify(patch)).toEqual([['update', bob.user.id, changes]]);
    }
    // A change that changes nothing writes nothing, here as on the milestone itself.
    expect(await added(() => b.ok('PATCH', `${base()}/${id}`, { name: 'Alfa 3', done: false }))).toEqual([]);
  });

  it('records a trash and its undo, told apart from a create', async () => {
    const m = await a.ok<Milestone>('POST', base(), { name: 'Dočasný', dueOn: '2027-04-01' });
    const trashed = await added(async () => expect((await b('DELETE', `${base()}/${m.id}`)).status).toBe(204));
    expect(trashed.map((e) => [e.action, e.actorId, e.changes])).toEqual([
      ['update', bob.user.id, { milestoneId: [m.id, m.id], milestone: ['Dočasný', null], milestoneTrashed: [false, true] }],
    ]);
    const restored = await added(() => a.ok('POST', `${base()}/${m.id}/restore`, undefined, 200));
    expect(restored.map((e) => [e.action, e.actorId, e.changes])).toEqual([
      ['update', alice.user.id, { milestoneId: [m.id, m.id], milestone: [null, 'Dočasný'], milestoneTrashed: [true, false] }],
    ]);
  });

  it('leaves the project’s version alone, so an If-Match edit started before still saves', async () => {
    const p = await a.ok<Project>('POST', '/projects', { name: 'Souběh' });
    const m = await b.ok<Milestone>('POST', base(p.id), { name: 'M1', dueOn: '2027-05-01' });
    await b.ok('PATCH', `${base(p.id)}/${m.id}`, { done: true });
    expect((await b('DELETE', `${base(p.id)}/${m.id}`)).status).toBe(204);
    const now = await a.ok<Project>('GET', `/projects/${p.id}`);
    expect([now.version, now.updatedAt]).toEqual([p.version, p.updatedAt]);
    const saved = await a.ok<Project>('PATCH', `/projects/${p.id}`, { name: 'Souběh 2' }, 200, { 'If-Match': String(p.version) });
    expect(saved.version).toBe(p.version + 1);
    // The project's own entries are still what they were; the milestone's stay on the milestone.
    const own = (await historyOf(h, alice.workspace.id, 'project', p.id)).filter((e) => !('milestoneId' in e.changes));
    expect(own.map((e) => e.action)).toEqual(['create', 'update']);
    expect((await historyOf(h, alice.workspace.id, 'milestone', m.id)).map((e) => e.action)).toEqual(['create', 'update', 'delete']);
  });

  it('lists milestone and project changes together, newest first, across pages', async () => {
    const p = await a.ok<Project>('POST', '/projects', { name: 'Pořadí' });
    tick();
    const m = await a.ok<Milestone>('POST', base(p.id), { name: 'První' });
    tick();
    await a.ok('PATCH', `/projects/${p.id}`, { description: 'Popis' });
    tick();
    await b.ok('PATCH', `${base(p.id)}/${m.id}`, { done: true });
    tick();
    expect((await b('DELETE', `${base(p.id)}/${m.id}`)).status).toBe(204);
    const all = await feed(p.id);
    const described = all.map((e) => (e.changes['milestoneTrashed'] ? 'trash' : e.changes['milestoneDone'] ? 'done' : e.changes['milestone'] ? 'milestone' : e.action));
    expect(described).toEqual(['trash', 'done', 'update', 'milestone', 'create']);
    expect(all.map((e) => e.at)).toEqual([...all.map((e) => e.at)].sort().reverse());

    const first = await a.ok<Page<Entry>>('GET', `/projects/${p.id}/history?limit=2`);
    const second = await a.ok<Page<Entry>>('GET', `/projects/${p.id}/history?limit=2&cursor=${encodeURIComponent(first.nextCursor!)}`);
    expect([...first.items, ...second.items].map((e) => e.id)).toEqual(all.slice(0, 4).map((e) => e.id));
  });
});

describe('refused writes leave no trace', () => {
  it('writes no entry for bad input, unknown milestones or a plan without projects', async () => {
    const m = await a.ok<Milestone>('POST', base(), { name: 'Pevný' });
    const before = await snapshot(h, alice.workspace.id, 'record_history');
    const cases: [string, string, unknown, number][] = [
      ['POST', base(), {}, 400],
      ['POST', base(), { name: 'X', dueOn: '12. 3. 2027' }, 400],
      ['PATCH', `${base()}/${m.id}`, { done: 'yes' }, 400],
      ['PATCH', `${base()}/${m.id}`, { name: '' }, 400],
      ['PATCH', `${base()}/nope`, { done: true }, 404],
      ['DELETE', `${base()}/nope`, undefined, 404],
      ['POST', `${base()}/${m.id}/restore`, undefined, 404],
      ['POST', base('nope'), { name: 'X' }, 404],
    ];
    for (const [method, path, body, status] of cases) await errorWith(await b(method, path, body), status);
    await setPlan(h, alice.workspace.id, 'free');
    try {
      await errorWith(await b('POST', base(), { name: 'Zdarma' }), 402);
      await errorWith(await b('PATCH', `${base()}/${m.id}`, { done: true }), 402);
    } finally {
      await setPlan(h, alice.workspace.id, 'pro');
    }
    expect(await snapshot(h, alice.workspace.id, 'record_history')).toBe(before);
  });

  it('answers 404 from another workspace and writes nothing in either', async () => {
    const { user: carol, call: c } = await proUser(h);
    const m = await a.ok<Milestone>('POST', base(), { name: 'Cizí' });
    const mine = await snapshot(h, alice.workspace.id, 'record_history');
    const theirs = await snapshot(h, carol.workspace.id, 'record_history');
    // Alice's ids under Carol's own workspace, and Carol knocking on Alice's workspace.
    const foreign = caller(h, carol, alice.workspace.slug);
    for (const who of [c, foreign]) {
      expect((await who('POST', base(), { name: 'Vetřelec' })).status).toBe(404);
      expect((await who('PATCH', `${base()}/${m.id}`, { done: true })).status).toBe(404);
      expect((await who('DELETE', `${base()}/${m.id}`)).status).toBe(404);
      expect((await who('GET', `/projects/${project.id}/history`)).status).toBe(404);
    }
    expect(await snapshot(h, alice.workspace.id, 'record_history')).toBe(mine);
    expect(await snapshot(h, carol.workspace.id, 'record_history')).toBe(theirs);
  });
});
