import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ok, tenantClient, wsCall } from './records-support.ts';
import { createHarness, errorOf, signUp, type Harness, type SignedUp } from './support.ts';

let h: Harness;
let alice: SignedUp;
let company: { id: string };
let trashedCompany: { id: string };
let existing: { id: string; version: number };

beforeAll(async () => {
  h = createHarness();
  alice = await signUp(h.app, { workspaceName: 'Alpha' });
  company = await ok(wsCall(h, alice, 'POST', '/companies', { name: 'Živá' }), 201);
  trashedCompany = await ok(wsCall(h, alice, 'POST', '/companies', { name: 'V koši' }), 201);
  await ok(wsCall(h, alice, 'DELETE', `/companies/${trashedCompany.id}`), 204);
  existing = await ok(wsCall(h, alice, 'POST', '/contacts', { firstName: 'Jana', lastName: 'Stálá', companyId: company.id }), 201);
});
afterAll(() => h.close());

async function snapshot(): Promise<string> {
  const db = await tenantClient(h, alice);
  const rs = await db.batch([
    'SELECT id, first_name, last_name, company_id, version, updated_at, deleted_at FROM contacts ORDER BY id',
    'SELECT count(*) AS n FROM record_history',
    'SELECT count(*) AS n FROM record_tags',
  ]);
  return JSON.stringify(rs.map((r) => r.rows));
}

async function expect400(res: Response | Promise<Response>, fields: Record<string, unknown>): Promise<void> {
  const r = await res;
  const error = await errorOf(r);
  expect(r.status, JSON.stringify(error)).toBe(400);
  expect(error.code).toBe('validation_failed');
  expect(error.fields).toEqual(fields);
}

const post = (body: unknown) => wsCall(h, alice, 'POST', '/contacts', body);
const patch = (body: unknown, headers: Record<string, string> = {}) => wsCall(h, alice, 'PATCH', `/contacts/${existing.id}`, body, { headers });
const valid = { firstName: 'Petr', lastName: 'Nový' };
const TEN_KB = 'x'.repeat(10 * 1024);

describe('contact validation', () => {
  it('requires first and last name of 1..200 characters', async () => {
    const before = await snapshot();
    await expect400(post({}), { firstName: expect.any(String), lastName: expect.any(String) });
    await expect400(post({ firstName: 'Petr' }), { lastName: expect.any(String) });
    await expect400(post({ ...valid, lastName: ' ' }), { lastName: 'Enter a name.' });
    await expect400(post({ ...valid, firstName: 'a'.repeat(201) }), { firstName: 'Use at most 200 characters.' });
    await expect400(patch({ lastName: '' }), { lastName: 'Enter a name.' });
    await expect400(patch({ firstName: null }), { firstName: expect.any(String) });
    expect(await snapshot()).toBe(before);
  });

  it('rejects 10 KB strings in every text field', async () => {
    const before = await snapshot();
    for (const field of ['firstName', 'lastName', 'email', 'phone', 'title', 'companyId', 'ownerId']) {
      await expect400(post({ ...valid, [field]: TEN_KB }), { [field]: expect.any(String) });
    }
    await expect400(post({ ...valid, tags: [TEN_KB] }), { 'tags.0': expect.any(String) });
    expect(await snapshot()).toBe(before);
  });

  it('rejects wrong types, bad emails and phones, and unknown fields', async () => {
    const before = await snapshot();
    await expect400(post({ ...valid, lastName: 7 }), { lastName: expect.any(String) });
    await expect400(post({ ...valid, tags: 'vip' }), { tags: 'Use a list of tags.' });
    await expect400(post({ ...valid, companyId: 12 }), { companyId: expect.any(String) });
    await expect400(post({ ...valid, email: 'jana@' }), { email: 'Enter a valid email address.' });
    await expect400(post({ ...valid, phone: '0602123456' }), { phone: 'Enter a phone number like +420 602 123 456.' });
    await expect400(post({ ...valid, phone: 'volat ráno' }), { phone: expect.any(String) });
    await expect400(post({ ...valid, name: 'Petr Nový' }), { name: 'Unknown field.' });
    await expect400(post({ ...valid, companyName: 'Fake' }), { companyName: 'Unknown field.' });
    await expect400(patch({ version: 3 }), { version: 'Unknown field.' });
    await expect400(patch({ phone: '+420 12345678' }), { phone: expect.any(String) });
    expect(await snapshot()).toBe(before);
  });

  it('accepts only a live company of this workspace', async () => {
    const other = await signUp(h.app, { workspaceName: 'Other' });
    const foreign = await ok<{ id: string }>(wsCall(h, other, 'POST', '/companies', { name: 'Cizí' }), 201);
    const before = await snapshot();
    for (const companyId of ['nope', foreign.id, trashedCompany.id]) {
      await expect400(post({ ...valid, companyId }), { companyId: 'No such company in this workspace.' });
      await expect400(patch({ companyId }), { companyId: 'No such company in this workspace.' });
    }
    expect(await snapshot()).toBe(before);
  });

  it('rejects an owner from outside the workspace', async () => {
    const other = await signUp(h.app, { workspaceName: 'Other 2' });
    const before = await snapshot();
    await expect400(post({ ...valid, ownerId: other.user.id }), { ownerId: 'Not a member of this workspace.' });
    await expect400(patch({ ownerId: other.user.id }), { ownerId: 'Not a member of this workspace.' });
    expect(await snapshot()).toBe(before);
  });

  it('answers malformed JSON with 400', async () => {
    const before = await snapshot();
    for (const rawBody of ['{', '{"lastName": }', 'lastName=Nový']) {
      const res = await wsCall(h, alice, 'POST', '/contacts', undefined, { rawBody });
      expect(res.status).toBe(400);
      expect((await errorOf(res)).code).toBe('bad_request');
    }
    expect(await snapshot()).toBe(before);
  });

  it('answers 409 to a stale or unreadable If-Match and writes nothing', async () => {
    await ok(patch({ title: 'v2' }));
    const before = await snapshot();
    for (const tag of ['"1"', '"abc"']) {
      expect((await patch({ title: 'přepis' }, { 'If-Match': tag })).status).toBe(409);
      expect((await wsCall(h, alice, 'DELETE', `/contacts/${existing.id}`, undefined, { headers: { 'If-Match': tag } })).status).toBe(409);
    }
    expect(await snapshot()).toBe(before);
  });
});

describe('contact list parameters', () => {
  const get = (query: string) => wsCall(h, alice, 'GET', `/contacts?${query}`);

  it('rejects bad limits, cursors, sorts and unknown parameters', async () => {
    await expect400(get('limit=0'), { limit: expect.any(String) });
    await expect400(get('limit=201'), { limit: expect.any(String) });
    await expect400(get('cursor=garbage'), { cursor: 'Use the nextCursor of a previous page.' });
    await expect400(get('sort=name'), { sort: expect.any(String) });
    await expect400(get('sort=firstName'), { sort: expect.any(String) });
    await expect400(get('stage=won'), { stage: 'Unknown field.' });
    await expect400(get('updatedSince=2026-13-01T00:00:00Z'), { updatedSince: expect.any(String) });
  });

  it('answers 404 for contacts that do not exist', async () => {
    for (const [method, path] of [
      ['GET', '/contacts/nope'],
      ['PATCH', '/contacts/nope'],
      ['DELETE', '/contacts/nope'],
      ['POST', '/contacts/nope/restore'],
      ['POST', `/contacts/${existing.id}/restore`],
      ['GET', '/contacts/nope/history'],
    ] as const) {
      const res = await wsCall(h, alice, method, path, method === 'PATCH' ? { title: 'x' } : undefined);
      expect(res.status, `${method} ${path}`).toBe(404);
    }
  });
});
