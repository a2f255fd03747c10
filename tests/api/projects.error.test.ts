// Bad input to the project routes: 400 with a message per field and nothing written; 404 for
// unknown ids; 409 for a stale If-Match.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { snapshot, tenantRows, type Caller } from './crm-support.ts';
import { errorWith, proUser, wonDeal, type Project } from './projects-support.ts';
import { createHarness, signUp, type Harness, type SignedUp } from './support.ts';

let h: Harness;
let alice: SignedUp;
let a: Caller;
let project: Project;

beforeAll(async () => {
  h = createHarness({ startAt: Date.parse('2026-11-27T10:00:00Z') });
  ({ user: alice, call: a } = await proUser(h));
  project = await a.ok<Project>('POST', '/projects', { name: 'Základ', startOn: '2026-12-01' });
});
afterAll(() => h.close());

/** Every project table at once, to prove a refused write left no trace. */
async function state(): Promise<string> {
  const parts = await Promise.all(['projects', 'project_members', 'record_tags', 'record_history', 'milestones'].map((t) => snapshot(h, alice.workspace.id, t)));
  return parts.join('\n');
}

describe('400 with field messages, nothing written', () => {
  const cases: [string, Record<string, unknown>, string[]][] = [
    ['no name and no deal', { description: 'x' }, ['name']],
    ['blank name', { name: '   ' }, ['name']],
    ['name too long', { name: 'x'.repeat(201) }, ['name']],
    ['unknown field', { name: 'X', budgetHours: 3 }, ['budgetHours']],
    ['bad currency', { name: 'X', currency: 'KORUNY' }, ['currency']],
    ['bad dates', { name: 'X', startOn: '1. 12. 2026', dueOn: '2026-13-01' }, ['startOn', 'dueOn']],
    ['due before start', { name: 'X', startOn: '2026-12-10', dueOn: '2026-12-01' }, ['dueOn']],
    ['money in another currency than the project', { name: 'X', budget: { cost: { amount: 100, currency: 'EUR' } }, hourlyRate: { amount: 5, currency: 'USD' } }, ['budget.cost', 'hourlyRate']],
    ['fractional minor units and negative hours', { name: 'X', budget: { hours: -1, revenue: { amount: 10.5, currency: 'CZK' } } }, ['budget.hours', 'budget.revenue.amount']],
    ['unknown status', { name: 'X', statusId: 'nope' }, ['statusId']],
    ['status and statusId disagree', { name: 'X', status: 'done', statusId: 'review' }, ['status']],
    ['manager who is not a member', { name: 'X', managerId: 'not-a-user' }, ['managerId']],
    ['members who are not members', { name: 'X', memberIds: ['not-a-user'] }, ['memberIds']],
    ['members not a list', { name: 'X', memberIds: 'everyone' }, ['memberIds']],
    ['unknown company and contact', { name: 'X', companyId: 'nope', contactId: 'nope' }, ['companyId', 'contactId']],
    ['unknown deal', { fromDealId: 'nope' }, ['fromDealId']],
    ['too many tags', { name: 'X', tags: Array.from({ length: 51 }, (_, i) => `t${i}`) }, ['tags']],
  ];
  for (const [what, body, fields] of cases) {
    it(`refuses ${what}`, async () => {
      const before = await state();
      const error = await errorWith(await a('POST', '/projects', body), 400);
      expect(error.code).toBe('validation_failed');
      expect(Object.keys(error.fields ?? {}).sort()).toEqual([...fields].sort());
      for (const f of fields) expect(error.fields?.[f]).toMatch(/\w/);
      expect(await state()).toBe(before);
    });
  }

  it('refuses a deal that is not won yet, and a trashed company', async () => {
    const open = await a.ok<{ id: string }>('POST', '/deals', { title: 'Ještě ne', stage: 'lead' });
    const company = await a.ok<{ id: string }>('POST', '/companies', { name: 'Smazaná' });
    expect((await a('DELETE', `/companies/${company.id}`)).status).toBe(204);
    const before = await state();
    const error = await errorWith(await a('POST', '/projects', { fromDealId: open.id }), 400);
    expect(error.fields?.['fromDealId']).toMatch(/won/);
    const gone = await errorWith(await a('POST', '/projects', { name: 'X', companyId: company.id }), 400);
    expect(Object.keys(gone.fields ?? {})).toEqual(['companyId']);
    expect(await state()).toBe(before);
  });

  it('refuses a change that breaks the rules, in one piece: nothing of the valid part is written', async () => {
    const before = await state();
    const error = await errorWith(await a('PATCH', `/projects/${project.id}`, { name: 'Nové jméno', dueOn: '2026-11-01' }), 400);
    expect(Object.keys(error.fields ?? {})).toEqual(['dueOn']);
    const currency = await errorWith(await a('PATCH', `/projects/${project.id}`, { currency: 'EUR', fixedPrice: { amount: 1, currency: 'CZK' } }), 400);
    expect(Object.keys(currency.fields ?? {})).toEqual(['fixedPrice']);
    expect((await errorWith(await a('PATCH', `/projects/${project.id}`, { statusId: 'nope' }), 400)).fields).toHaveProperty('statusId');
    expect((await errorWith(await a('PATCH', `/projects/${project.id}`, { name: null }), 400)).fields).toHaveProperty('name');
    expect(await state()).toBe(before);
  });

  it('refuses bad list parameters', async () => {
    for (const [q, field] of [
      ['sort=budget', 'sort'],
      ['kind=active,paused', 'kind'],
      ['limit=0', 'limit'],
      ['cursor=not-a-cursor', 'cursor'],
      ['colour=red', 'colour'],
    ] as const) {
      const error = await errorWith(await a('GET', `/projects?${q}`), 400);
      expect(error.fields, q).toHaveProperty(field);
    }
  });

  it('says a malformed body is a 400, not a 500', async () => {
    const res = await a('POST', '/projects', undefined, { 'Content-Type': 'application/json' });
    expect(res.status).toBe(400);
  });
});

describe('404 and 409', () => {
  it('answers 404 for an unknown id on every project route', async () => {
    for (const [method, path, body] of [
      ['GET', '/projects/nope', undefined],
      ['PATCH', '/projects/nope', { name: 'X' }],
      ['DELETE', '/projects/nope', undefined],
      ['POST', '/projects/nope/restore', undefined],
      ['GET', '/projects/nope/history', undefined],
    ] as const) {
      expect((await errorWith(await a(method, path, body), 404)).code, `${method} ${path}`).toBe('not_found');
    }
    // A live project cannot be restored; a trashed one cannot be changed.
    expect((await a('POST', `/projects/${project.id}/restore`)).status).toBe(404);
  });

  it('refuses a stale If-Match with 409 and writes nothing', async () => {
    const p = await a.ok<Project>('POST', '/projects', { name: 'Souběh' });
    await a.ok('PATCH', `/projects/${p.id}`, { name: 'Souběh 2' });
    const before = await state();
    expect((await errorWith(await a('PATCH', `/projects/${p.id}`, { name: 'Pozdě' }, { 'If-Match': '"1"' }), 409)).code).toBe('conflict');
    expect((await a('DELETE', `/projects/${p.id}`, undefined, { 'If-Match': '"1"' })).status).toBe(409);
    expect((await a('PATCH', `/projects/${p.id}`, { name: 'Nesmysl' }, { 'If-Match': 'W/"abc"' })).status).toBe(409);
    expect(await state()).toBe(before);
    const [row] = await tenantRows(h, alice.workspace.id, 'SELECT name, version FROM projects WHERE id = ?', [p.id]);
    expect({ ...row }).toMatchObject({ name: 'Souběh 2', version: 2 });
  });

  it('keeps a second project from the same won deal possible but the first one intact', async () => {
    const deal = await wonDeal(a);
    const first = await a.ok<Project>('POST', '/projects', { fromDealId: deal.dealId });
    const second = await a.ok<Project>('POST', '/projects', { fromDealId: deal.dealId, name: 'Druhá fáze' });
    expect(second.id).not.toBe(first.id);
    expect((await a.ok<Project>('GET', `/projects/${first.id}`)).name).toBe(deal.title);
  });
});

describe('someone else’s user ids', () => {
  it('refuses a member id from another workspace', async () => {
    const stranger = await signUp(h.app, { name: 'Cizí' });
    const before = await state();
    const error = await errorWith(await a('POST', '/projects', { name: 'X', memberIds: [alice.user.id, stranger.user.id] }), 400);
    expect(error.fields?.['memberIds']).toBeDefined();
    expect(JSON.stringify(error)).not.toContain(stranger.user.id);
    expect(await state()).toBe(before);
  });
});
