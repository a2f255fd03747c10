import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { caller, snapshot, type Caller } from './crm-support.ts';
import { call, createHarness, errorOf, signUp, type Harness, type SignedUp } from './support.ts';

let h: Harness;
let owner: SignedUp;
let o: Caller;

beforeAll(async () => {
  h = createHarness();
  owner = await signUp(h.app);
  o = caller(h, owner);
});
afterAll(() => h.close());

const TEN_KB = 'x'.repeat(10 * 1024);

describe('deal stage input', () => {
  const cases: [string, string, string, unknown, string][] = [
    ['no name', 'POST', '/deal-stages', {}, 'name'],
    ['blank name', 'POST', '/deal-stages', { name: '  ' }, 'name'],
    ['name of 201 characters', 'POST', '/deal-stages', { name: 'n'.repeat(201) }, 'name'],
    ['name of 10 KB', 'POST', '/deal-stages', { name: TEN_KB }, 'name'],
    ['name as a number', 'POST', '/deal-stages', { name: 3 }, 'name'],
    ['unknown kind', 'POST', '/deal-stages', { name: 'X', kind: 'paused' }, 'kind'],
    ['probability over 100', 'POST', '/deal-stages', { name: 'X', probability: 101 }, 'probability'],
    ['negative probability', 'POST', '/deal-stages', { name: 'X', probability: -1 }, 'probability'],
    ['fractional probability', 'POST', '/deal-stages', { name: 'X', probability: 12.5 }, 'probability'],
    ['probability as a string', 'POST', '/deal-stages', { name: 'X', probability: '50' }, 'probability'],
    ['unknown field', 'POST', '/deal-stages', { name: 'X', color: 'red' }, 'color'],
    ['position (set by reordering)', 'PATCH', '/deal-stages/lead', { position: 3 }, 'position'],
    ['empty name on rename', 'PATCH', '/deal-stages/lead', { name: '' }, 'name'],
    ['null kind', 'PATCH', '/deal-stages/lead', { kind: null }, 'kind'],
    ['ids of 10 KB', 'PUT', '/deal-stages/order', { ids: [TEN_KB] }, 'ids.0'],
  ];
  for (const [name, method, path, body, field] of cases) {
    it(`rejects ${name} (400, field ${field}) and writes nothing`, async () => {
      const before = await snapshot(h, owner.workspace.id, 'deal_stages');
      const res = await o(method, path, body);
      expect(res.status).toBe(400);
      const err = await errorOf(res);
      expect(err.code).toBe('validation_failed');
      expect(Object.keys(err.fields ?? {})).toContain(field);
      expect(await snapshot(h, owner.workspace.id, 'deal_stages')).toBe(before);
    });
  }

  it('answers 400 to malformed JSON', async () => {
    for (const [method, path] of [
      ['POST', '/deal-stages'],
      ['PATCH', '/deal-stages/lead'],
      ['PUT', '/deal-stages/order'],
    ]) {
      const res = await call(h.app, method!, `/w/${owner.workspace.slug}${path}`, undefined, { cookie: owner.cookie, rawBody: '{"name":' });
      expect(res.status).toBe(400);
      expect((await errorOf(res)).code).toBe('bad_request');
    }
  });

  it('answers 404 for an unknown stage', async () => {
    expect((await o('PATCH', '/deal-stages/nope', { name: 'X' })).status).toBe(404);
    expect((await o('DELETE', '/deal-stages/nope')).status).toBe(404);
  });

  it('caps the pipeline at 30 stages', async () => {
    const existing = (await o.ok<{ items: unknown[] }>('GET', '/deal-stages')).items.length;
    for (let i = existing; i < 30; i++) await o.ok('POST', '/deal-stages', { name: `Stage ${i}` });
    const res = await o('POST', '/deal-stages', { name: 'One too many' });
    expect(res.status).toBe(409);
    expect((await o.ok<{ items: unknown[] }>('GET', '/deal-stages')).items).toHaveLength(30);
  });
});
