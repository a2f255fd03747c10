import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addMember, caller, snapshot, type Caller } from './crm-support.ts';
import { createHarness, errorOf, signUp, type Harness, type SignedUp } from './support.ts';

interface Stage {
  id: string;
  name: string;
  position: number;
  kind: 'open' | 'won' | 'lost';
  probability: number | null;
}
interface Stages {
  items: Stage[];
  nextCursor: null;
}

let h: Harness;
let owner: SignedUp;
let o: Caller;

beforeAll(async () => {
  h = createHarness();
  owner = await signUp(h.app);
  o = caller(h, owner);
});
afterAll(() => h.close());

const ids = async () => (await o.ok<Stages>('GET', '/deal-stages')).items.map((s) => s.id);

describe('the default pipeline', () => {
  it('starts with lead → qualified → proposal → negotiation → won → lost, numbered from 1', async () => {
    const { items, nextCursor } = await o.ok<Stages>('GET', '/deal-stages');
    expect(nextCursor).toBeNull();
    expect(items.map((s) => [s.id, s.position, s.kind, s.probability])).toEqual([
      ['lead', 1, 'open', 10],
      ['qualified', 2, 'open', 25],
      ['proposal', 3, 'open', 50],
      ['negotiation', 4, 'open', 75],
      ['won', 5, 'won', 100],
      ['lost', 6, 'lost', 0],
    ]);
  });
});

describe('shaping the pipeline (owner)', () => {
  it('adds an open stage after the last open one and a closed one at the end', async () => {
    const demo = await o.ok<Stage>('POST', '/deal-stages', { name: 'Demo', probability: 60 });
    expect(demo).toMatchObject({ name: 'Demo', kind: 'open', probability: 60, position: 5 });
    expect(await ids()).toEqual(['lead', 'qualified', 'proposal', 'negotiation', demo.id, 'won', 'lost']);
    const parked = await o.ok<Stage>('POST', '/deal-stages', { name: 'Parked', kind: 'lost' });
    expect(parked).toMatchObject({ kind: 'lost', probability: 0, position: 8 });
    const positions = (await o.ok<Stages>('GET', '/deal-stages')).items.map((s) => s.position);
    expect(positions).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
  });

  it('renames, changes kind and default probability', async () => {
    const renamed = await o.ok<Stage>('PATCH', '/deal-stages/qualified', { name: 'Kvalifikováno', probability: 30 });
    expect(renamed).toMatchObject({ id: 'qualified', name: 'Kvalifikováno', probability: 30, kind: 'open' });
    const closed = await o.ok<Stage>('PATCH', '/deal-stages/negotiation', { kind: 'won' });
    expect(closed.kind).toBe('won');
    await o.ok<Stage>('PATCH', '/deal-stages/negotiation', { kind: 'open', name: 'Negotiation' });
  });

  it('rejects a second stage with the same name (any case)', async () => {
    const before = await snapshot(h, owner.workspace.id, 'deal_stages');
    for (const [method, path, body] of [
      ['POST', '/deal-stages', { name: 'lead' }],
      ['PATCH', '/deal-stages/proposal', { name: 'WON' }],
    ] as const) {
      const res = await o(method, path, body);
      expect(res.status).toBe(409);
      expect((await errorOf(res)).message).toContain('already');
    }
    expect(await snapshot(h, owner.workspace.id, 'deal_stages')).toBe(before);
    // Renaming a stage to its own name (another case) is fine.
    expect((await o('PATCH', '/deal-stages/lead', { name: 'LEAD' })).status).toBe(200);
    await o.ok<Stage>('PATCH', '/deal-stages/lead', { name: 'Lead' });
  });

  it('reorders with every id exactly once', async () => {
    const current = await ids();
    const reversed = [...current].reverse();
    const res = await o.ok<Stages>('PUT', '/deal-stages/order', { ids: reversed });
    expect(res.items.map((s) => s.id)).toEqual(reversed);
    expect(res.items.map((s) => s.position)).toEqual(reversed.map((_, i) => i + 1));
    expect(await ids()).toEqual(reversed);
    // The board follows the new order.
    const board = await o.ok<{ columns: { stage: Stage }[] }>('GET', '/deals/board');
    expect(board.columns.map((c) => c.stage.id)).toEqual(reversed);
    await o.ok<Stages>('PUT', '/deal-stages/order', { ids: current });
  });

  it('refuses reorders that miss, repeat or invent a stage, changing nothing', async () => {
    const current = await ids();
    const before = await snapshot(h, owner.workspace.id, 'deal_stages');
    const bad: unknown[] = [
      { ids: current.slice(1) },
      { ids: [...current, current[0]] },
      { ids: [...current.slice(1), current[1]] },
      { ids: [...current.slice(1), 'invented'] },
      { ids: [] },
      { ids: 'lead,won' },
      { ids: [1, 2] },
      {},
      { ids: current, extra: true },
    ];
    for (const body of bad) {
      const res = await o('PUT', '/deal-stages/order', body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect((await errorOf(res)).code).toBe('validation_failed');
    }
    expect(await snapshot(h, owner.workspace.id, 'deal_stages')).toBe(before);
  });

  it('deletes an empty stage and closes the gap in positions', async () => {
    const temp = await o.ok<Stage>('POST', '/deal-stages', { name: 'Temporary' });
    expect((await o('DELETE', `/deal-stages/${temp.id}`)).status).toBe(204);
    expect(await ids()).not.toContain(temp.id);
    const positions = (await o.ok<Stages>('GET', '/deal-stages')).items.map((s) => s.position);
    expect(positions).toEqual(positions.map((_, i) => i + 1));
    expect((await o('DELETE', `/deal-stages/${temp.id}`)).status).toBe(404);
  });

  it('refuses to delete a stage while a live deal is in it (409), and allows it once the deal is trashed', async () => {
    const stage = await o.ok<Stage>('POST', '/deal-stages', { name: 'Busy' });
    const deal = await o.ok<{ id: string }>('POST', '/deals', { title: 'Sitting here', stage: stage.id });
    const before = await snapshot(h, owner.workspace.id, 'deal_stages');
    const res = await o('DELETE', `/deal-stages/${stage.id}`);
    expect(res.status).toBe(409);
    const err = await errorOf(res);
    expect(err.code).toBe('conflict');
    expect(err.message).toContain('1 deal');
    expect(await snapshot(h, owner.workspace.id, 'deal_stages')).toBe(before);
    expect((await o('DELETE', `/deals/${deal.id}`)).status).toBe(204);
    expect((await o('DELETE', `/deal-stages/${stage.id}`)).status).toBe(204);
    // The trashed deal comes back into the first open stage.
    const restored = await o.ok<{ stage: string }>('POST', `/deals/${deal.id}/restore`, undefined, 200);
    expect(restored.stage).toBe('lead');
  });

  it('keeps at least one open stage', async () => {
    const opens = (await o.ok<Stages>('GET', '/deal-stages')).items.filter((s) => s.kind === 'open');
    for (const s of opens.slice(1)) {
      expect((await o('PATCH', `/deal-stages/${s.id}`, { kind: 'lost' })).status).toBe(200);
    }
    const last = opens[0]!;
    const before = await snapshot(h, owner.workspace.id, 'deal_stages');
    const close = await o('PATCH', `/deal-stages/${last.id}`, { kind: 'won' });
    expect(close.status).toBe(409);
    expect((await errorOf(close)).message).toContain('open stage');
    const del = await o('DELETE', `/deal-stages/${last.id}`);
    expect(del.status).toBe(409);
    expect(await snapshot(h, owner.workspace.id, 'deal_stages')).toBe(before);
    for (const s of opens.slice(1)) await o.ok<Stage>('PATCH', `/deal-stages/${s.id}`, { kind: 'open' });
  });
});

describe('roles', () => {
  it('lets members read the pipeline but not change it (403, nothing written)', async () => {
    const member = await signUp(h.app);
    await addMember(h, owner.workspace.id, member.user.id, 'member');
    const m = caller(h, member, owner.workspace.slug);
    expect((await m.ok<Stages>('GET', '/deal-stages')).items.length).toBeGreaterThan(0);
    const before = await snapshot(h, owner.workspace.id, 'deal_stages');
    for (const [method, path, body] of [
      ['POST', '/deal-stages', { name: 'Mine' }],
      ['POST', '/deal-stages', { name: '' }],
      ['PATCH', '/deal-stages/lead', { name: 'Hijacked' }],
      ['PUT', '/deal-stages/order', { ids: await ids() }],
      ['DELETE', '/deal-stages/lost', undefined],
      ['DELETE', '/deal-stages/no-such-stage', undefined],
    ] as const) {
      const res = await m(method, path, body);
      expect(res.status, `${method} ${path}`).toBe(403);
      expect((await errorOf(res)).code).toBe('forbidden');
    }
    expect(await snapshot(h, owner.workspace.id, 'deal_stages')).toBe(before);
    // Members still move deals through the pipeline.
    const deal = await m.ok<{ id: string }>('POST', '/deals', { title: 'Member deal' });
    expect((await m('POST', `/deals/${deal.id}/move`, { stage: 'won' })).status).toBe(200);
  });

  it('lets admins change the pipeline', async () => {
    const admin = await signUp(h.app);
    await addMember(h, owner.workspace.id, admin.user.id, 'admin');
    const ad = caller(h, admin, owner.workspace.slug);
    const stage = await ad.ok<Stage>('POST', '/deal-stages', { name: 'Admin stage' });
    expect((await ad('PATCH', `/deal-stages/${stage.id}`, { probability: 5 })).status).toBe(200);
    expect((await ad('DELETE', `/deal-stages/${stage.id}`)).status).toBe(204);
  });
});
