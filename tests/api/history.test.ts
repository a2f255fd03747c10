import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newId } from '../../api/lib/ids.ts';
import { insertDeal, insertTask, ok, tenantClient, wsCall } from './records-support.ts';
import { createHarness, errorOf, signUp, type Harness, type SignedUp } from './support.ts';

interface Entry {
  id: string;
  action: 'create' | 'update' | 'delete' | 'restore';
  changes: Record<string, [unknown, unknown]>;
  actorId: string | null;
  at: string;
}
interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

let h: Harness;
let alice: SignedUp;

beforeAll(async () => {
  h = createHarness();
  alice = await signUp(h.app, { workspaceName: 'Alpha' });
});
afterAll(() => h.close());

const history = (path: string, query = '') => ok<Page<Entry>>(wsCall(h, alice, 'GET', `${path}/history${query ? `?${query}` : ''}`));

describe('record history', () => {
  it('shows who changed which field from what to what, newest first', async () => {
    const start = h.clock.ms;
    const c = await ok<{ id: string }>(wsCall(h, alice, 'POST', '/companies', { name: 'Původní', email: 'a@b.cz', tags: ['A'] }), 201);
    h.clock.advance(60_000);
    await ok(wsCall(h, alice, 'PATCH', `/companies/${c.id}`, { name: 'Nový název', email: null }));
    h.clock.advance(60_000);
    await ok(wsCall(h, alice, 'DELETE', `/companies/${c.id}`), 204);
    h.clock.advance(60_000);
    await ok(wsCall(h, alice, 'POST', `/companies/${c.id}/restore`));

    const page = await history(`/companies/${c.id}`);
    expect(page.nextCursor).toBeNull();
    expect(page.items.map((e) => [e.action, e.at])).toEqual([
      ['restore', new Date(start + 180_000).toISOString()],
      ['delete', new Date(start + 120_000).toISOString()],
      ['update', new Date(start + 60_000).toISOString()],
      ['create', new Date(start).toISOString()],
    ]);
    for (const e of page.items) expect(e.actorId).toBe(alice.user.id);
    expect(page.items[2]!.changes).toEqual({ name: ['Původní', 'Nový název'], email: ['a@b.cz', null] });
    expect(page.items[3]!.changes).toMatchObject({ name: [null, 'Původní'], email: [null, 'a@b.cz'], tags: [null, ['A']], country: [null, 'CZ'] });
    expect(page.items[0]!.changes).toEqual({});
  });

  it('keeps the history of a record in the trash readable', async () => {
    const contact = await ok<{ id: string }>(wsCall(h, alice, 'POST', '/contacts', { firstName: 'Eva', lastName: 'Koš' }), 201);
    await ok(wsCall(h, alice, 'DELETE', `/contacts/${contact.id}`), 204);
    expect((await history(`/contacts/${contact.id}`)).items.map((e) => e.action)).toEqual(['delete', 'create']);
    const activity = await ok<{ id: string }>(wsCall(h, alice, 'POST', '/activities', { type: 'note', subject: 'Pryč' }), 201);
    await ok(wsCall(h, alice, 'DELETE', `/activities/${activity.id}`), 204);
    expect((await history(`/activities/${activity.id}`)).items.map((e) => e.action)).toEqual(['delete', 'create']);
  });

  it('pages through a long history without repeats or gaps, also within one millisecond', async () => {
    const c = await ok<{ id: string }>(wsCall(h, alice, 'POST', '/companies', { name: 'v0' }), 201);
    for (let i = 1; i <= 40; i++) {
      // Half the edits share their millisecond with the previous one.
      if (i % 2 === 0) h.clock.advance(1);
      await ok(wsCall(h, alice, 'PATCH', `/companies/${c.id}`, { name: `v${i}` }));
    }
    const seen: Entry[] = [];
    let cursor: string | null = null;
    do {
      const page: Page<Entry> = await history(`/companies/${c.id}`, `limit=6${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
      expect(page.items.length).toBeLessThanOrEqual(6);
      seen.push(...page.items);
      cursor = page.nextCursor;
    } while (cursor && seen.length < 100);
    expect(seen).toHaveLength(41);
    // Newest first: the names run v40 … v1, then the creation.
    expect(seen.slice(0, 40).map((e) => e.changes['name']![1])).toEqual(Array.from({ length: 40 }, (_, i) => `v${40 - i}`));
    expect(seen[40]!.action).toBe('create');
  });

  it('reads the history of deals and tasks under the entity names their modules write', async () => {
    const db = await tenantClient(h, alice);
    const deal = await insertDeal(db, { title: 'Obchod', createdAt: h.clock.ms });
    const task = await insertTask(db, { title: 'Úkol', createdAt: h.clock.ms });
    for (const [entity, id] of [
      ['deal', deal],
      ['task', task],
    ] as const) {
      await db.execute({
        sql: 'INSERT INTO record_history (id, entity, entity_id, action, changes, actor_id, at) VALUES (?, ?, ?, ?, ?, ?, ?)',
        args: [newId(h.clock.ms), entity, id, 'update', JSON.stringify({ title: ['a', 'b'] }), alice.user.id, h.clock.ms],
      });
    }
    expect((await history(`/deals/${deal}`)).items).toEqual([expect.objectContaining({ action: 'update', changes: { title: ['a', 'b'] } })]);
    expect((await history(`/tasks/${task}`)).items).toEqual([expect.objectContaining({ action: 'update', changes: { title: ['a', 'b'] } })]);
    // A task's id is no deal: each collection reads its own table.
    expect((await wsCall(h, alice, 'GET', `/deals/${task}/history`)).status).toBe(404);
  });
});

describe('history errors', () => {
  it('answers 404 for a record that does not exist, or no longer does, in this workspace', async () => {
    const db = await tenantClient(h, alice);
    const c = await ok<{ id: string }>(wsCall(h, alice, 'POST', '/companies', { name: 'Vymazaná' }), 201);
    // Purged from the trash after 30 days: the row is gone, its history rows may linger.
    await db.execute({ sql: 'DELETE FROM companies WHERE id = ?', args: [c.id] });
    for (const path of [`/companies/${c.id}`, '/companies/nope', '/contacts/nope', '/activities/nope', '/deals/nope', '/tasks/nope']) {
      const res = await wsCall(h, alice, 'GET', `${path}/history`);
      expect(res.status, path).toBe(404);
      expect((await errorOf(res)).code).toBe('not_found');
    }
    expect((await wsCall(h, alice, 'GET', '/projects/nope/history')).status).toBe(404);
  });

  it('rejects bad limits, cursors and unknown parameters', async () => {
    const c = await ok<{ id: string }>(wsCall(h, alice, 'POST', '/companies', { name: 'Parametry' }), 201);
    for (const [query, field] of [
      ['limit=0', 'limit'],
      ['limit=201', 'limit'],
      ['limit=x', 'limit'],
      ['cursor=nonsense', 'cursor'],
      ['sort=at', 'sort'],
    ] as const) {
      const res = await wsCall(h, alice, 'GET', `/companies/${c.id}/history?${query}`);
      expect(res.status, query).toBe(400);
      expect(Object.keys((await errorOf(res)).fields ?? {})).toEqual([field]);
    }
  });
});
