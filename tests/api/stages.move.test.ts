// Deleting a deal stage that holds deals, with `moveTo`: every deal of it (live and trashed)
// moves to another stage and the stage goes, in one transaction; bad targets are 400s that
// write nothing, and without `moveTo` the stage in use is still refused.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addMember, caller, historyOf, snapshot, tenantRows, type Caller } from './crm-support.ts';
import { call, createHarness, errorOf, json, signUp, type Harness, type SignedUp } from './support.ts';

interface Stage {
  id: string;
  name: string;
  position: number;
  kind: 'open' | 'won' | 'lost';
  probability: number | null;
}
interface Deal {
  id: string;
  stage: string;
  probability: number | null;
  version: number;
}
interface Board {
  columns: { stage: Stage; items: Deal[]; count: number }[];
}

let h: Harness;
let alice: SignedUp;
let bob: SignedUp;
let a: Caller;
let b: Caller;
let bobStage: string;

beforeAll(async () => {
  h = createHarness();
  alice = await signUp(h.app, { workspaceName: 'Alpha' });
  bob = await signUp(h.app, { workspaceName: 'Beta' });
  a = caller(h, alice);
  b = caller(h, bob);
  bobStage = (await b.ok<Stage>('POST', '/deal-stages', { name: 'Beta only' })).id;
});
afterAll(() => h.close());

const stages = async () => (await a.ok<{ items: Stage[] }>('GET', '/deal-stages')).items;
const column = async (stage: string) => (await a.ok<Board>('GET', '/deals/board')).columns.find((c) => c.stage.id === stage);
const dealRows = (stage: string) =>
  tenantRows(h, alice.workspace.id, 'SELECT id, position, deleted_at FROM deals WHERE stage = ? ORDER BY position, id', [stage]);
const alphaState = async () => [await snapshot(h, alice.workspace.id, 'deal_stages'), await snapshot(h, alice.workspace.id, 'deals'), await snapshot(h, alice.workspace.id, 'record_history')].join('\n');

/** A fresh open stage with `n` live deals and one deal in the trash. */
async function doomedStage(name: string, n: number, probability = 40) {
  const stage = await a.ok<Stage>('POST', '/deal-stages', { name, probability });
  const live: Deal[] = [];
  for (let i = 0; i < n; i++) live.push(await a.ok<Deal>('POST', '/deals', { title: `${name} ${i + 1}`, stage: stage.id }));
  const trashed = await a.ok<Deal>('POST', '/deals', { title: `${name} trashed`, stage: stage.id });
  expect((await a('DELETE', `/deals/${trashed.id}`)).status).toBe(204);
  return { stage, live, trashed };
}

describe('DELETE /deal-stages/{id}?moveTo=', () => {
  it('moves the live and trashed deals to the end of the target column and deletes the stage', async () => {
    const { stage, live, trashed } = await doomedStage('Demo', 3);
    // One deal of the stage got its probability by hand: it keeps it.
    const handSet = await a.ok<Deal>('PATCH', `/deals/${live[0]!.id}`, { probability: 66 });
    const resident = [await a.ok<Deal>('POST', '/deals', { title: 'Already here 1', stage: 'proposal' }), await a.ok<Deal>('POST', '/deals', { title: 'Already here 2', stage: 'proposal' })];
    const targetBefore = (await column('proposal'))!.items.map((d) => d.id);
    const movedOrder = (await column(stage.id))!.items.map((d) => d.id);
    expect(targetBefore).toHaveLength(2);
    expect(movedOrder).toHaveLength(3);

    expect((await a('DELETE', `/deal-stages/${stage.id}?moveTo=proposal`)).status).toBe(204);

    const list = await stages();
    expect(list.map((s) => s.id)).not.toContain(stage.id);
    expect(list.map((s) => s.position)).toEqual(list.map((_, i) => i + 1));
    const target = (await column('proposal'))!;
    expect(target.count).toBe(5);
    expect(target.items.map((d) => d.id)).toEqual([...targetBefore, ...movedOrder]);
    // Board keys stay strictly increasing and unique in the column.
    const keys = (await dealRows('proposal')).filter((r) => r['deleted_at'] === null).map((r) => String(r['position']));
    expect(new Set(keys).size).toBe(keys.length);
    expect([...keys].sort()).toEqual(keys);
    expect(keys).toHaveLength(5);
    // The trashed deal moved too, and a restore brings it back into the target stage.
    expect((await tenantRows(h, alice.workspace.id, 'SELECT stage FROM deals WHERE id = ?', [trashed.id]))[0]?.['stage']).toBe('proposal');
    expect(await tenantRows(h, alice.workspace.id, 'SELECT id FROM deals WHERE stage = ?', [stage.id])).toEqual([]);
    const restored = await a.ok<Deal>('POST', `/deals/${trashed.id}/restore`, undefined, 200);
    expect(restored.stage).toBe('proposal');

    // The probability follows the stage as a PATCH of the stage would, unless set by hand; versions go up.
    const moved = await a.ok<Deal>('GET', `/deals/${live[1]!.id}`);
    expect(moved).toMatchObject({ stage: 'proposal', probability: 50, version: live[1]!.version + 1 });
    expect(await a.ok<Deal>('GET', `/deals/${live[0]!.id}`)).toMatchObject({ stage: 'proposal', probability: 66, version: handSet.version + 1 });
    expect(resident.map((d) => d.stage)).toEqual(['proposal', 'proposal']);

    // Each deal's history shows the stage change, by the caller.
    const history = await historyOf(h, alice.workspace.id, 'deal', live[1]!.id);
    expect(history.at(-1)).toEqual({ action: 'update', changes: { stage: [stage.id, 'proposal'], probability: [40, 50] }, actorId: alice.user.id });
    expect((await historyOf(h, alice.workspace.id, 'deal', live[0]!.id)).at(-1)?.changes).toEqual({ stage: [stage.id, 'proposal'] });
    const trashedHistory = await historyOf(h, alice.workspace.id, 'deal', trashed.id);
    expect(trashedHistory.map((r) => r.action)).toEqual(['create', 'delete', 'update', 'restore']);
  });

  it('into an empty won stage: cards start the column, probabilities become the won default', async () => {
    const { stage, live } = await doomedStage('Shortlist', 2, 30);
    const won = await a.ok<Stage>('POST', '/deal-stages', { name: 'Signed', kind: 'won' });
    expect((await a('DELETE', `/deal-stages/${stage.id}?moveTo=${won.id}`)).status).toBe(204);
    const target = (await column(won.id))!;
    expect(target.count).toBe(2);
    expect(target.items.map((d) => d.probability)).toEqual([100, 100]);
    expect(new Set(target.items.map((d) => d.id))).toEqual(new Set(live.map((d) => d.id)));
  });

  it('deletes an empty stage with moveTo as without it', async () => {
    const empty = await a.ok<Stage>('POST', '/deal-stages', { name: 'Nothing here' });
    expect((await a('DELETE', `/deal-stages/${empty.id}?moveTo=lead`)).status).toBe(204);
    expect((await stages()).map((s) => s.id)).not.toContain(empty.id);
  });

  it('still refuses a stage in use without moveTo (409, naming moveTo)', async () => {
    const { stage } = await doomedStage('Still busy', 2);
    const before = await alphaState();
    const res = await a('DELETE', `/deal-stages/${stage.id}`);
    expect(res.status).toBe(409);
    const error = await errorOf(res);
    expect(error.message).toBe('Move the 2 deals in “Still busy” to another stage first.');
    expect(error.fields).toHaveProperty('moveTo');
    expect(await alphaState()).toBe(before);
  });

  it('answers 400 on moveTo for itself, an unknown id, another workspace’s stage and a malformed id, writing nothing', async () => {
    const { stage } = await doomedStage('Target practice', 1);
    const before = await alphaState();
    for (const moveTo of [stage.id, 'no-such-stage', bobStage, '', 'a%20b', 'x'.repeat(65), '%27%3B--']) {
      const res = await a('DELETE', `/deal-stages/${stage.id}?moveTo=${moveTo}`);
      expect(res.status, moveTo).toBe(400);
      const error = await errorOf(res);
      expect(error.code).toBe('validation_failed');
      expect(Object.keys(error.fields ?? {}), moveTo).toEqual(['moveTo']);
    }
    expect(await alphaState()).toBe(before);
  });

  it('keeps the last open stage, even with moveTo', async () => {
    const carol = await signUp(h.app, { workspaceName: 'Gamma' });
    const c = caller(h, carol);
    for (const id of ['qualified', 'proposal', 'negotiation']) expect((await c('DELETE', `/deal-stages/${id}`)).status).toBe(204);
    await c.ok<Deal>('POST', '/deals', { title: 'Lonely', stage: 'lead' });
    const res = await c('DELETE', '/deal-stages/lead?moveTo=won');
    expect(res.status).toBe(409);
    expect((await errorOf(res)).message).toMatch(/at least one open stage/);
    const [deal] = await tenantRows(h, carol.workspace.id, 'SELECT stage FROM deals');
    expect(deal?.['stage']).toBe('lead');
  });

  it('answers 403 to a member and 404 across workspaces, writing nothing', async () => {
    const { stage } = await doomedStage('Guarded', 1);
    const member = await signUp(h.app, { workspaceName: 'Member home' });
    await addMember(h, alice.workspace.id, member.user.id, 'member');
    const before = await alphaState();
    expect((await caller(h, member, alice.workspace.slug)('DELETE', `/deal-stages/${stage.id}?moveTo=lead`)).status).toBe(403);
    // Bob under Alice's slug, and Alice's stage id in Bob's own workspace.
    expect((await caller(h, bob, alice.workspace.slug)('DELETE', `/deal-stages/${stage.id}?moveTo=lead`)).status).toBe(404);
    expect((await b('DELETE', `/deal-stages/${stage.id}?moveTo=lead`)).status).toBe(404);
    expect((await a('DELETE', `/deal-stages/no-such-stage?moveTo=lead`)).status).toBe(404);
    expect(await alphaState()).toBe(before);
  });

  it('documents moveTo as a query parameter of the delete', async () => {
    const doc = await json<{ paths: Record<string, Record<string, { parameters?: { name: string; in: string }[] }>> }>(await call(h.app, 'GET', '/openapi.json'));
    const params = doc.paths['/w/{ws}/deal-stages/{id}']?.['delete']?.parameters ?? [];
    expect(params).toContainEqual(expect.objectContaining({ name: 'moveTo', in: 'query' }));
  });
});
