import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { caller, snapshot, type Caller } from './crm-support.ts';
import { call, createHarness, errorOf, signUp, type Harness, type SignedUp } from './support.ts';

let h: Harness;
let alice: SignedUp;
let a: Caller;
let dealId: string;
let otherId: string;
let wonId: string;
let trashedCompany: string;

const TEN_KB = 'x'.repeat(10 * 1024);

beforeAll(async () => {
  h = createHarness();
  alice = await signUp(h.app);
  a = caller(h, alice);
  dealId = (await a.ok<{ id: string }>('POST', '/deals', { title: 'Original', value: { amount: 100, currency: 'CZK' } })).id;
  otherId = (await a.ok<{ id: string }>('POST', '/deals', { title: 'Neighbour' })).id;
  wonId = (await a.ok<{ id: string }>('POST', '/deals', { title: 'In won', stage: 'won' })).id;
  trashedCompany = (await a.ok<{ id: string }>('POST', '/companies', { name: 'Gone' })).id;
  expect((await a('DELETE', `/companies/${trashedCompany}`)).status).toBe(204);
});
afterAll(() => h.close());

async function state(): Promise<string> {
  const ws = alice.workspace.id;
  return (await snapshot(h, ws, 'deals')) + (await snapshot(h, ws, 'record_history')) + (await snapshot(h, ws, 'record_tags'));
}

async function expectFieldError(res: Response, field: string): Promise<void> {
  expect(res.status, field).toBe(400);
  const err = await errorOf(res);
  expect(err.code).toBe('validation_failed');
  expect(Object.keys(err.fields ?? {}), JSON.stringify(err)).toContain(field);
}

describe('creating and changing deals with bad input', () => {
  const cases: [string, Record<string, unknown>, string][] = [
    ['no title', {}, 'title'],
    ['blank title', { title: ' ' }, 'title'],
    ['title of 201 characters', { title: 't'.repeat(201) }, 'title'],
    ['title of 10 KB', { title: TEN_KB }, 'title'],
    ['title as an object', { title: { en: 'x' } }, 'title'],
    ['value as a number', { title: 'x', value: 1000 }, 'value'],
    ['value without currency', { title: 'x', value: { amount: 1000 } }, 'value.currency'],
    ['value without amount', { title: 'x', value: { currency: 'CZK' } }, 'value.amount'],
    ['negative amount', { title: 'x', value: { amount: -1, currency: 'CZK' } }, 'value.amount'],
    ['fractional amount (not minor units)', { title: 'x', value: { amount: 12.5, currency: 'CZK' } }, 'value.amount'],
    ['amount over 10^13', { title: 'x', value: { amount: 10_000_000_000_001, currency: 'CZK' } }, 'value.amount'],
    ['amount as a string', { title: 'x', value: { amount: '1000', currency: 'CZK' } }, 'value.amount'],
    ['unknown currency', { title: 'x', value: { amount: 1, currency: 'XYZ' } }, 'value.currency'],
    ['currency of two letters', { title: 'x', value: { amount: 1, currency: 'KC' } }, 'value.currency'],
    ['currency as a symbol', { title: 'x', value: { amount: 1, currency: 'Kč' } }, 'value.currency'],
    ['currency of 10 KB', { title: 'x', value: { amount: 1, currency: TEN_KB } }, 'value.currency'],
    ['extra field in value', { title: 'x', value: { amount: 1, currency: 'CZK', vat: 21 } }, 'value.vat'],
    ['unknown stage', { title: 'x', stage: 'paused' }, 'stage'],
    ['stage of 10 KB', { title: 'x', stage: TEN_KB }, 'stage'],
    ['probability over 100', { title: 'x', probability: 101 }, 'probability'],
    ['negative probability', { title: 'x', probability: -5 }, 'probability'],
    ['fractional probability', { title: 'x', probability: 0.5 }, 'probability'],
    ['expectedCloseOn in Czech format', { title: 'x', expectedCloseOn: '27. 11. 2026' }, 'expectedCloseOn'],
    ['expectedCloseOn an impossible date', { title: 'x', expectedCloseOn: '2026-02-30' }, 'expectedCloseOn'],
    ['expectedCloseOn a timestamp', { title: 'x', expectedCloseOn: '2026-11-27T10:00:00Z' }, 'expectedCloseOn'],
    ['owner who is not a member', { title: 'x', ownerId: 'stranger' }, 'ownerId'],
    ['unknown company', { title: 'x', companyId: 'nope' }, 'companyId'],
    ['trashed company', { title: 'x', companyId: 'TRASHED' }, 'companyId'],
    ['unknown contact', { title: 'x', contactId: 'nope' }, 'contactId'],
    ['51 tags', { title: 'x', tags: Array.from({ length: 51 }, (_, i) => `t${i}`) }, 'tags'],
    ['tag of 51 characters', { title: 'x', tags: ['t'.repeat(51)] }, 'tags.0'],
    ['empty tag', { title: 'x', tags: [''] }, 'tags.0'],
    ['tags as a string', { title: 'x', tags: 'a,b' }, 'tags'],
    ['unknown field', { title: 'x', amount: 5 }, 'amount'],
    ['position (set by moving)', { title: 'x', position: 'a0' }, 'position'],
  ];
  for (const [name, body, field] of cases) {
    const payload = () => (body['companyId'] === 'TRASHED' ? { ...body, companyId: trashedCompany } : body);
    it(`rejects ${name} on create and on change, writing nothing`, async () => {
      const before = await state();
      await expectFieldError(await a('POST', '/deals', payload()), field);
      if (field !== 'title' || 'title' in body) {
        await expectFieldError(await a('PATCH', `/deals/${dealId}`, field === 'title' ? payload() : { ...payload(), title: undefined }), field);
      }
      expect(await state()).toBe(before);
    });
  }

  it('accepts the limits themselves: 10^13 minor units, probability 0 and 100, 50 tags', async () => {
    const deal = await a.ok<{ value: { amount: number }; tags: string[] }>('POST', '/deals', {
      title: 'Big',
      value: { amount: 10_000_000_000_000, currency: 'EUR' },
      probability: 100,
      tags: Array.from({ length: 50 }, (_, i) => `t${i}`),
    });
    expect(deal.value.amount).toBe(10_000_000_000_000);
    expect(deal.tags).toHaveLength(50);
  });

  it('answers 400 to malformed JSON and non-object bodies, writing nothing', async () => {
    const before = await state();
    for (const [method, path] of [
      ['POST', '/deals'],
      ['PATCH', `/deals/${dealId}`],
      ['POST', `/deals/${dealId}/move`],
    ] as const) {
      for (const rawBody of ['{"title":', '[]', 'true']) {
        const res = await call(h.app, method, `/w/${alice.workspace.slug}${path}`, undefined, { cookie: alice.cookie, rawBody });
        expect(res.status, `${method} ${path} ${rawBody}`).toBe(400);
      }
    }
    expect(await state()).toBe(before);
  });
});

describe('moves with bad input', () => {
  const cases: [string, () => Record<string, unknown>, string][] = [
    ['no stage', () => ({}), 'stage'],
    ['unknown stage', () => ({ stage: 'nowhere' }), 'stage'],
    ['afterId in another stage', () => ({ stage: 'lead', afterId: wonId }), 'afterId'],
    ['beforeId that does not exist', () => ({ stage: 'lead', beforeId: 'nope' }), 'beforeId'],
    ['afterId = the card itself', () => ({ stage: 'lead', afterId: dealId }), 'afterId'],
    ['afterId as a number', () => ({ stage: 'lead', afterId: 5 }), 'afterId'],
    ['unknown field', () => ({ stage: 'lead', index: 0 }), 'index'],
  ];
  for (const [name, body, field] of cases) {
    it(`rejects ${name}, moving nothing`, async () => {
      const before = await state();
      await expectFieldError(await a('POST', `/deals/${dealId}/move`, body()), field);
      expect(await state()).toBe(before);
    });
  }

  it('rejects a trashed neighbour', async () => {
    const gone = await a.ok<{ id: string }>('POST', '/deals', { title: 'Gone neighbour' });
    expect((await a('DELETE', `/deals/${gone.id}`)).status).toBe(204);
    await expectFieldError(await a('POST', `/deals/${otherId}/move`, { stage: 'lead', afterId: gone.id }), 'afterId');
  });
});

describe('versions, ids and list parameters', () => {
  it('answers 409 to a stale If-Match on PATCH, DELETE and move, overwriting nothing', async () => {
    const current = await a.ok<{ version: number }>('GET', `/deals/${dealId}`);
    const before = await state();
    for (const stale of [`"${current.version - 1}"`, '"x"', 'W/"999"']) {
      for (const [method, path, body] of [
        ['PATCH', `/deals/${dealId}`, { title: 'Overwrite' }],
        ['DELETE', `/deals/${dealId}`, undefined],
        ['POST', `/deals/${dealId}/move`, { stage: 'won' }],
      ] as const) {
        const res = await a(method, path, body, { 'If-Match': stale });
        expect(res.status, `${method} ${stale}`).toBe(409);
        expect((await errorOf(res)).code).toBe('conflict');
      }
    }
    expect(await state()).toBe(before);
  });

  it('answers 404 for unknown deals on every route', async () => {
    for (const [method, path, body] of [
      ['GET', '/deals/nope', undefined],
      ['PATCH', '/deals/nope', { title: 'x' }],
      ['DELETE', '/deals/nope', undefined],
      ['POST', '/deals/nope/move', { stage: 'lead' }],
      ['POST', '/deals/nope/restore', undefined],
      ['POST', `/deals/${dealId}/restore`, undefined],
    ] as const) {
      expect((await a(method, path, body)).status, `${method} ${path}`).toBe(404);
    }
  });

  const lists: [string, string][] = [
    ['limit=0', 'limit'],
    ['limit=500', 'limit'],
    ['sort=value', 'sort'],
    ['sort=position', 'sort'],
    ['cursor=%%%', 'cursor'],
    ['updatedSince=yesterday', 'updatedSince'],
    [`q=${'q'.repeat(201)}`, 'q'],
    [`tag=${'t'.repeat(51)}`, 'tag'],
    ['deleted=yes', 'deleted'],
    ['colour=red', 'colour'],
  ];
  for (const [query, field] of lists) {
    it(`rejects ?${query.slice(0, 30)} on the list`, async () => {
      await expectFieldError(await a('GET', `/deals?${query}`), field);
    });
  }

  it('rejects unknown board parameters', async () => {
    await expectFieldError(await a('GET', '/deals/board?stage=lead'), 'stage');
    await expectFieldError(await a('GET', `/deals/board?ownerId=${TEN_KB}`), 'ownerId');
  });
});
