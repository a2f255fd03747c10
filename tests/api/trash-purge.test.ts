import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TRASH_RETENTION_MS, purgeTrash } from '../../api/domain/trash/purge-trash.ts';
import { ok, tenantClient, wsCall } from './records-support.ts';
import { createHarness, signUp, type Harness, type SignedUp } from './support.ts';

let h: Harness;
let alice: SignedUp;
beforeAll(async () => {
  h = createHarness();
  alice = await signUp(h.app, { workspaceName: 'Purge s.r.o.' });
});
afterAll(() => h.close());

describe('trash retention', () => {
  it('deletes for good, with tags and history, only what has been in the trash for over 30 days', async () => {
    const old = await ok<{ id: string }>(wsCall(h, alice, 'POST', '/companies', { name: 'Stará firma', tags: ['vip'] }), 201);
    const recent = await ok<{ id: string }>(wsCall(h, alice, 'POST', '/companies', { name: 'Nedávná firma' }), 201);
    const live = await ok<{ id: string }>(wsCall(h, alice, 'POST', '/companies', { name: 'Živá firma' }), 201);
    await ok(wsCall(h, alice, 'DELETE', `/companies/${old.id}`), 204);
    h.clock.advance(TRASH_RETENTION_MS - 60_000);
    await ok(wsCall(h, alice, 'DELETE', `/companies/${recent.id}`), 204);
    h.clock.advance(120_000);

    const db = await tenantClient(h, alice);
    expect(await purgeTrash(db, h.clock.ms)).toBe(1);
    const ids = (await db.execute('SELECT id FROM companies')).rows.map((r) => r['id']);
    expect(ids.sort()).toEqual([recent.id, live.id].sort());
    const leftovers = await db.execute({ sql: 'SELECT (SELECT count(*) FROM record_tags WHERE entity_id = ?1) + (SELECT count(*) FROM record_history WHERE entity_id = ?1) AS n', args: [old.id] });
    expect(leftovers.rows[0]!['n']).toBe(0);
    expect((await db.execute({ sql: 'SELECT count(*) AS n FROM record_history WHERE entity_id = ?', args: [recent.id] })).rows[0]!['n']).toBeGreaterThan(0);
    // The restore route no longer finds it.
    expect((await wsCall(h, alice, 'POST', `/companies/${old.id}/restore`)).status).toBe(404);
  });
});
