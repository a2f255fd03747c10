// project_totals (migration 0007) is kept by triggers: whatever path writes time entries and
// expenses — create, change, move between projects, trash, restore, timesheet cells, the timer,
// the purge — the totals must equal a fresh sum of the live rows. And a purged project takes its
// bookings, milestones and team with it while its tasks stay as ordinary tasks.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TRASH_RETENTION_MS, purgeTrash } from '../../api/domain/trash/purge-trash.ts';
import { ok, tenantClient, wsCall } from './records-support.ts';
import { createHarness, type Harness, type SignedUp } from './support.ts';
import { book, insertProject, insertProjectTask, proUser, setRates, trashProject } from './time-support.ts';

let h: Harness;
let owner: SignedUp;
beforeAll(async () => {
  h = createHarness();
  owner = await proUser(h, { workspaceName: 'Totals s.r.o.' });
  await setRates(h, owner, owner.user.id, { costRate: 50_000, billRate: 120_000 });
});
afterAll(() => h.close());

async function mismatches(): Promise<unknown[]> {
  const db = await tenantClient(h, owner);
  const rs = await db.execute(`
    WITH fresh AS (
      SELECT project_id, sum(minutes) AS minutes, sum(revenue) AS revenue, sum(cost) AS cost, sum(expenses) AS expenses FROM (
        SELECT project_id, minutes, revenue_amount AS revenue, cost_amount AS cost, 0 AS expenses FROM time_entries WHERE deleted_at IS NULL
        UNION ALL SELECT project_id, 0, 0, 0, amount FROM expenses WHERE deleted_at IS NULL) GROUP BY project_id)
    SELECT f.project_id, f.minutes, t.minutes AS kept_minutes, f.revenue, t.revenue AS kept_revenue, f.cost, t.cost AS kept_cost, f.expenses, t.expenses AS kept_expenses
      FROM fresh f LEFT JOIN project_totals t ON t.project_id = f.project_id
     WHERE t.project_id IS NULL OR f.minutes <> t.minutes OR f.revenue <> t.revenue OR f.cost <> t.cost OR f.expenses <> t.expenses
    UNION ALL
    SELECT t.project_id, 0, t.minutes, 0, t.revenue, 0, t.cost, 0, t.expenses FROM project_totals t
     WHERE t.project_id NOT IN (SELECT project_id FROM fresh) AND (t.minutes <> 0 OR t.revenue <> 0 OR t.cost <> 0 OR t.expenses <> 0)`);
  return rs.rows;
}

async function totals(projectId: string) {
  const db = await tenantClient(h, owner);
  return (await db.execute({ sql: 'SELECT minutes, revenue, cost, expenses FROM project_totals WHERE project_id = ?', args: [projectId] })).rows[0];
}

describe('project totals kept by triggers', () => {
  it('equal the sums of the live entries after every kind of write', async () => {
    const a = await insertProject(h, owner, { name: 'Alfa' });
    const b = await insertProject(h, owner, { name: 'Beta' });
    const e1 = await book(h, owner, { projectId: a, minutes: 90 });
    const e2 = await book(h, owner, { projectId: a, minutes: 30, billable: false });
    expect(await totals(a)).toMatchObject({ minutes: 120, revenue: 180_000, cost: 100_000 });
    expect(await mismatches()).toEqual([]);

    await ok(wsCall(h, owner, 'PATCH', `/time-entries/${e1.id}`, { minutes: 45 }));
    await ok(wsCall(h, owner, 'PATCH', `/time-entries/${e2.id}`, { projectId: b }));
    expect(await totals(a)).toMatchObject({ minutes: 45, revenue: 90_000 });
    expect(await totals(b)).toMatchObject({ minutes: 30, revenue: 0 });
    expect(await mismatches()).toEqual([]);

    expect((await wsCall(h, owner, 'DELETE', `/time-entries/${e1.id}`)).status).toBe(204);
    expect(await totals(a)).toMatchObject({ minutes: 0, revenue: 0, cost: 0 });
    await ok(wsCall(h, owner, 'POST', `/time-entries/${e1.id}/restore`));
    expect(await totals(a)).toMatchObject({ minutes: 45 });

    const x = await ok<{ id: string }>(wsCall(h, owner, 'POST', '/expenses', { projectId: a, date: '2026-11-24', amount: { amount: 12_345, currency: 'CZK' } }), 201);
    await ok(wsCall(h, owner, 'PATCH', `/expenses/${x.id}`, { amount: { amount: 10_000, currency: 'CZK' } }));
    expect(await totals(a)).toMatchObject({ expenses: 10_000 });
    expect((await wsCall(h, owner, 'DELETE', `/expenses/${x.id}`)).status).toBe(204);
    expect(await totals(a)).toMatchObject({ expenses: 0 });

    await ok(wsCall(h, owner, 'PUT', '/timesheet/cells', { projectId: b, date: '2026-11-25', minutes: 240 }));
    await ok(wsCall(h, owner, 'PUT', '/timesheet/cells', { projectId: b, date: '2026-11-25', minutes: 60 }));
    expect(await totals(b)).toMatchObject({ minutes: 90 });
    expect(await mismatches()).toEqual([]);

    // The portfolio's figures read the same totals.
    const project = await ok<{ figures: { actual: { minutes: number; expenses: { amount: number } } } }>(wsCall(h, owner, 'GET', `/projects/${a}`));
    expect(project.figures.actual).toMatchObject({ minutes: 45, expenses: { amount: 0 } });
  });
});

describe('purging a project', () => {
  it('removes its bookings, expenses, milestones, team and totals, and detaches its tasks', async () => {
    const p = await insertProject(h, owner, { name: 'Zaniklý' });
    const keep = await insertProject(h, owner, { name: 'Zůstává' });
    await book(h, owner, { projectId: p, minutes: 60 });
    await book(h, owner, { projectId: keep, minutes: 15 });
    await ok(wsCall(h, owner, 'POST', '/expenses', { projectId: p, date: '2026-11-24', amount: { amount: 5_000, currency: 'CZK' } }), 201);
    await ok(wsCall(h, owner, 'POST', `/projects/${p}/milestones`, { name: 'Spuštění' }), 201);
    const task = await insertProjectTask(h, owner, p, 'Přežije');
    await trashProject(h, owner, p);
    h.clock.advance(TRASH_RETENTION_MS + 60_000);

    const db = await tenantClient(h, owner);
    const keptBefore = await totals(keep);
    expect(await purgeTrash(db, h.clock.ms)).toBeGreaterThanOrEqual(1);
    const left = await db.execute({
      sql: `SELECT (SELECT count(*) FROM projects WHERE id = ?1) + (SELECT count(*) FROM time_entries WHERE project_id = ?1) + (SELECT count(*) FROM expenses WHERE project_id = ?1)
             + (SELECT count(*) FROM milestones WHERE project_id = ?1) + (SELECT count(*) FROM project_totals WHERE project_id = ?1) AS n`,
      args: [p],
    });
    expect(left.rows[0]!['n']).toBe(0);
    const t = (await db.execute({ sql: 'SELECT title, project_id, deleted_at FROM tasks WHERE id = ?', args: [task] })).rows[0]!;
    expect(t).toMatchObject({ title: 'Přežije', project_id: null, deleted_at: null });
    expect(await totals(keep)).toEqual(keptBefore);
    expect(await mismatches()).toEqual([]);
  });
});
