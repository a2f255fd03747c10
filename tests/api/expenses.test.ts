import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectAllNotFound, ok, tenantClient, wsCall } from './records-support.ts';
import { createHarness, errorOf, setPlan, signUp, type Harness, type SignedUp } from './support.ts';
import { insertProject, proUser, trashProject, type ExpenseBody } from './time-support.ts';

let h: Harness;
let who: SignedUp;
let project: string;

beforeAll(async () => {
  h = createHarness();
  who = await proUser(h, { name: 'Eva Účetní' });
  project = await insertProject(h, who, { name: 'Rebranding' });
});
afterAll(() => h.close());

const create = (w: SignedUp, body: Record<string, unknown>) =>
  ok<ExpenseBody>(wsCall(h, w, 'POST', '/expenses', { date: '2026-11-25', amount: { amount: 1_250_050, currency: 'CZK' }, ...body }), 201);

async function count(w: SignedUp): Promise<number> {
  const db = await tenantClient(h, w);
  return Number((await db.execute('SELECT count(*) AS n FROM expenses')).rows[0]!['n']);
}

describe('expenses', () => {
  it('records, reads, changes, trashes and restores an expense', async () => {
    const e = await create(who, { projectId: project, category: 'Tisk', note: 'Vizitky' });
    expect(e).toMatchObject({
      projectId: project,
      projectName: 'Rebranding',
      date: '2026-11-25',
      week: '2026-W48',
      amount: { amount: 1_250_050, currency: 'CZK' },
      category: 'Tisk',
      note: 'Vizitky',
      version: 1,
    });
    const res = await wsCall(h, who, 'GET', `/expenses/${e.id}`);
    expect(res.headers.get('etag')).toBe('"1"');
    const changed = await ok<ExpenseBody>(wsCall(h, who, 'PATCH', `/expenses/${e.id}`, { amount: { amount: 99_900, currency: 'CZK' }, category: null, date: '2027-01-03' }));
    expect(changed).toMatchObject({ amount: { amount: 99_900 }, category: null, note: 'Vizitky', date: '2027-01-03', week: '2026-W53', version: 2 });
    expect((await wsCall(h, who, 'PATCH', `/expenses/${e.id}`, { note: 'x' }, { headers: { 'If-Match': '"1"' } })).status).toBe(409);
    expect((await wsCall(h, who, 'DELETE', `/expenses/${e.id}`)).status).toBe(204);
    expect((await wsCall(h, who, 'GET', `/expenses/${e.id}`)).status).toBe(404);
    expect((await ok<ExpenseBody>(wsCall(h, who, 'POST', `/expenses/${e.id}/restore`))).amount.amount).toBe(99_900);
  });

  it('lists a project’s expenses newest first, filtered and in keyset pages', async () => {
    const p = await insertProject(h, who, { name: 'Výstava' });
    for (const [date, category] of [['2026-10-01', 'Cestovné'], ['2026-10-03', 'Materiál'], ['2026-10-02', 'Cestovné']]) await create(who, { projectId: p, date, category });
    const all = await ok<{ items: ExpenseBody[] }>(wsCall(h, who, 'GET', `/expenses?projectId=${p}`));
    expect(all.items.map((e) => e.date)).toEqual(['2026-10-03', '2026-10-02', '2026-10-01']);
    const travel = await ok<{ items: ExpenseBody[] }>(wsCall(h, who, 'GET', `/expenses?projectId=${p}&category=Cestovn%C3%A9&sort=date`));
    expect(travel.items.map((e) => e.date)).toEqual(['2026-10-01', '2026-10-02']);
    const ranged = await ok<{ items: ExpenseBody[] }>(wsCall(h, who, 'GET', `/expenses?projectId=${p}&dateFrom=2026-10-02&dateTo=2026-10-02`));
    expect(ranged.items).toHaveLength(1);
    const first = await ok<{ items: ExpenseBody[]; nextCursor: string }>(wsCall(h, who, 'GET', `/expenses?projectId=${p}&limit=2`));
    const second = await ok<{ items: ExpenseBody[]; nextCursor: string | null }>(wsCall(h, who, 'GET', `/expenses?projectId=${p}&limit=2&cursor=${first.nextCursor}`));
    expect([...first.items, ...second.items].map((e) => e.date)).toEqual(['2026-10-03', '2026-10-02', '2026-10-01']);
    expect(second.nextCursor).toBeNull();
  });

  it('keeps each expense in its project’s currency: a EUR workspace books EUR, a CZK project refuses EUR', async () => {
    const eurWs = await proUser(h, { workspaceName: 'Wien GmbH', currency: 'EUR' });
    const eurProject = await insertProject(h, eurWs, { name: 'Messe', currency: 'EUR' });
    const e = await create(eurWs, { projectId: eurProject, amount: { amount: 12_345, currency: 'eur' } });
    expect(e.amount).toEqual({ amount: 12_345, currency: 'EUR' });
    const res = await wsCall(h, eurWs, 'POST', '/expenses', { projectId: eurProject, date: '2026-11-25', amount: { amount: 100, currency: 'CZK' } });
    expect(res.status).toBe(400);
    expect((await errorOf(res)).fields?.['amount.currency']).toBe("Use the project's currency (EUR).");
    const czk = await create(who, { projectId: project });
    const moved = await wsCall(h, who, 'PATCH', `/expenses/${czk.id}`, { amount: { amount: 100, currency: 'EUR' } });
    expect(moved.status).toBe(400);
    expect((await ok<ExpenseBody>(wsCall(h, who, 'GET', `/expenses/${czk.id}`))).amount.currency).toBe('CZK');
  });
});

describe('expense errors', () => {
  it('names each bad field and writes nothing', async () => {
    const before = await count(who);
    const trashed = await insertProject(h, who, { name: 'Koš' });
    await trashProject(h, who, trashed);
    const base = { projectId: project, date: '2026-11-25', amount: { amount: 100, currency: 'CZK' } };
    const cases: [unknown, string, RegExp][] = [
      [{ ...base, projectId: undefined }, 'projectId', /project/],
      [{ ...base, projectId: 'nope' }, 'projectId', /No such project/],
      [{ ...base, projectId: trashed }, 'projectId', /No such project/],
      [{ ...base, date: '2026-02-29' }, 'date', /2026-11-27/],
      [{ ...base, amount: undefined }, 'amount', /./],
      [{ ...base, amount: 100 }, 'amount', /./],
      [{ ...base, amount: { amount: 0, currency: 'CZK' } }, 'amount.amount', /above zero/],
      [{ ...base, amount: { amount: 10.5, currency: 'CZK' } }, 'amount.amount', /whole number/],
      [{ ...base, amount: { amount: 100, currency: 'KCS' } }, 'amount.currency', /ISO 4217/],
      [{ ...base, category: 'x'.repeat(101) }, 'category', /100/],
      [{ ...base, vat: 21 }, 'vat', /Unknown/],
    ];
    for (const [body, field, message] of cases) {
      const res = await wsCall(h, who, 'POST', '/expenses', body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      const err = await errorOf(res);
      expect(err.fields?.[field], `${JSON.stringify(body)} → ${JSON.stringify(err.fields)}`).toMatch(message);
    }
    expect(await count(who)).toBe(before);
    expect((await wsCall(h, who, 'GET', '/expenses?sort=amount')).status).toBe(400);
    expect((await wsCall(h, who, 'PATCH', '/expenses/nope', { note: 'x' })).status).toBe(404);
  });
});

describe('expense security and plans', () => {
  it('answers 404 to another workspace’s expenses and never records onto its projects', async () => {
    const bob = await proUser(h, { workspaceName: 'Bob' });
    const bobProject = await insertProject(h, bob, { name: 'Bobova výstava' });
    const bobExpense = await create(bob, { projectId: bobProject });
    await expectAllNotFound(h, who, bob, [
      { method: 'GET', path: `/expenses/${bobExpense.id}` },
      { method: 'PATCH', path: `/expenses/${bobExpense.id}`, body: { note: 'x' } },
      { method: 'DELETE', path: `/expenses/${bobExpense.id}` },
      { method: 'POST', path: `/expenses/${bobExpense.id}/restore` },
    ]);
    expect((await wsCall(h, who, 'POST', '/expenses', { projectId: bobProject, date: '2026-11-25', amount: { amount: 1, currency: 'CZK' } })).status).toBe(400);
    expect((await ok<{ items: unknown[] }>(wsCall(h, who, 'GET', `/expenses?projectId=${bobProject}`))).items).toEqual([]);
    expect((await ok<ExpenseBody>(wsCall(h, bob, 'GET', `/expenses/${bobExpense.id}`))).version).toBe(1);
  });

  it('on free writes answer 402 and reads 200; after a downgrade expenses are read-only', async () => {
    const free = await signUp(h.app, { workspaceName: 'Free' });
    const fp = await insertProject(h, free);
    expect((await wsCall(h, free, 'POST', '/expenses', { projectId: fp, date: '2026-11-25', amount: { amount: 1, currency: 'CZK' } })).status).toBe(402);
    expect((await ok<{ items: unknown[] }>(wsCall(h, free, 'GET', '/expenses'))).items).toEqual([]);
    expect(await count(free)).toBe(0);

    const was = await proUser(h, { workspaceName: 'Was pro' });
    const wp = await insertProject(h, was);
    const e = await create(was, { projectId: wp });
    await setPlan(h, was.workspace.id, 'free');
    expect((await ok<ExpenseBody>(wsCall(h, was, 'GET', `/expenses/${e.id}`))).id).toBe(e.id);
    for (const [method, path, body] of [
      ['PATCH', `/expenses/${e.id}`, { note: 'x' }],
      ['DELETE', `/expenses/${e.id}`, undefined],
      ['POST', `/expenses/${e.id}/restore`, undefined],
      ['POST', '/expenses', { projectId: wp, date: '2026-11-25', amount: { amount: 1, currency: 'CZK' } }],
    ] as const) {
      const res = await wsCall(h, was, method, path, body);
      expect(res.status, `${method} ${path}`).toBe(402);
      expect((await errorOf(res)).code).toBe('plan_required');
    }
    expect((await ok<ExpenseBody>(wsCall(h, was, 'GET', `/expenses/${e.id}`))).version).toBe(1);
  });
});
