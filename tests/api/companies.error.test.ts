import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ok, tenantClient, wsCall } from './records-support.ts';
import { createHarness, errorOf, signUp, type Harness, type SignedUp } from './support.ts';

interface Vector {
  value: string;
  valid: boolean;
}
const vectors = JSON.parse(readFileSync('/work/shared/fixtures/cz/test-vectors.json', 'utf8')) as Record<'ico' | 'dic' | 'psc' | 'phone', Vector[]>;

interface Company {
  id: string;
  name: string;
  version: number;
}

let h: Harness;
let alice: SignedUp;
let existing: Company;

beforeAll(async () => {
  h = createHarness();
  alice = await signUp(h.app, { workspaceName: 'Alpha' });
  existing = await ok<Company>(wsCall(h, alice, 'POST', '/companies', { name: 'Existující' }), 201);
});
afterAll(() => h.close());

/** Rows in the tenant's tables a failed write must leave untouched. */
async function snapshot(): Promise<string> {
  const db = await tenantClient(h, alice);
  const rs = await db.batch([
    'SELECT id, name, version, updated_at, deleted_at FROM companies ORDER BY id',
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

const post = (body: unknown) => wsCall(h, alice, 'POST', '/companies', body);
const patch = (body: unknown, headers: Record<string, string> = {}) => wsCall(h, alice, 'PATCH', `/companies/${existing.id}`, body, { headers });
const TEN_KB = 'x'.repeat(10 * 1024);

describe('company validation', () => {
  it('rejects a missing, empty, blank or too long name', async () => {
    const before = await snapshot();
    await expect400(post({}), { name: expect.any(String) });
    await expect400(post({ name: '' }), { name: 'Enter a name.' });
    await expect400(post({ name: '   ' }), { name: 'Enter a name.' });
    await expect400(post({ name: 'a'.repeat(201) }), { name: 'Use at most 200 characters.' });
    await expect400(patch({ name: '' }), { name: 'Enter a name.' });
    await expect400(patch({ name: null }), { name: expect.any(String) });
    expect(await snapshot()).toBe(before);
  });

  it('accepts a 200-character name', async () => {
    const c = await ok<Company>(post({ name: 'a'.repeat(200) }), 201);
    expect(c.name).toHaveLength(200);
  });

  it('rejects 10 KB strings in every text field, naming the field', async () => {
    const before = await snapshot();
    for (const field of ['name', 'regNo', 'vatNo', 'email', 'phone', 'website', 'ownerId']) {
      await expect400(post({ name: 'Dlouhá', [field]: TEN_KB }), { [field]: expect.any(String) });
    }
    for (const field of ['street', 'city', 'postalCode']) {
      await expect400(post({ name: 'Dlouhá', address: { [field]: TEN_KB } }), { [`address.${field}`]: expect.any(String) });
    }
    await expect400(post({ name: 'Dlouhá', tags: [TEN_KB] }), { 'tags.0': 'Use at most 50 characters per tag.' });
    await expect400(patch({ website: TEN_KB }), { website: expect.any(String) });
    expect(await snapshot()).toBe(before);
  });

  it('rejects wrong types', async () => {
    const before = await snapshot();
    await expect400(post({ name: 42 }), { name: expect.any(String) });
    await expect400(post({ name: ['a'] }), { name: expect.any(String) });
    await expect400(post({ name: 'A', tags: 'vip' }), { tags: 'Use a list of tags.' });
    await expect400(post({ name: 'A', tags: [1] }), { 'tags.0': expect.any(String) });
    await expect400(post({ name: 'A', tags: [''] }), { 'tags.0': 'Tags cannot be empty.' });
    await expect400(post({ name: 'A', tags: Array.from({ length: 51 }, (_, i) => `t${i}`) }), { tags: 'Use at most 50 tags.' });
    await expect400(post({ name: 'A', address: 'Praha' }), { address: expect.any(String) });
    await expect400(post({ name: 'A', country: 'CZE' }), { country: expect.any(String) });
    await expect400(post({ name: 'A', country: 1 }), { country: expect.any(String) });
    await expect400(post({ name: 'A', email: 'not-an-email' }), { email: 'Enter a valid email address.' });
    await expect400(post({ name: 'A', ownerId: 5 }), { ownerId: expect.any(String) });
    await expect400(patch({ tags: null }), { tags: expect.any(String) });
    await expect400(post([{ name: 'A' }]), { _: expect.any(String) });
    await expect400(post('A'), { _: expect.any(String) });
    expect(await snapshot()).toBe(before);
  });

  it('rejects unknown fields, also inside the address', async () => {
    const before = await snapshot();
    await expect400(post({ name: 'A', id: 'mine' }), { id: 'Unknown field.' });
    await expect400(post({ name: 'A', deletedAt: null, version: 9 }), { deletedAt: 'Unknown field.', version: 'Unknown field.' });
    await expect400(post({ name: 'A', address: { zip: '11000' } }), { 'address.zip': 'Unknown field.' });
    await expect400(patch({ version: 9 }), { version: 'Unknown field.' });
    expect(await snapshot()).toBe(before);
  });

  it('answers malformed JSON and a wrong content type with 400, not 500', async () => {
    const before = await snapshot();
    for (const rawBody of ['{"name": "A"', '{name: "A"}', '', 'null']) {
      const res = await wsCall(h, alice, 'POST', '/companies', undefined, { rawBody });
      expect(res.status, rawBody).toBe(400);
      expect(['bad_request', 'validation_failed']).toContain((await errorOf(res)).code);
    }
    const res = await wsCall(h, alice, 'PATCH', `/companies/${existing.id}`, undefined, { rawBody: '{"name":' });
    expect(res.status).toBe(400);
    expect((await errorOf(res)).code).toBe('bad_request');
    expect(await snapshot()).toBe(before);
  });

  it('answers a body over 1 MB with 413', async () => {
    const res = await post({ name: 'A', website: 'x'.repeat(1024 * 1024 + 10) });
    expect(res.status).toBe(413);
    expect((await errorOf(res)).code).toBe('payload_too_large');
  });

  it('rejects an owner who is not a member of the workspace', async () => {
    const other = await signUp(h.app, { workspaceName: 'Other' });
    const before = await snapshot();
    await expect400(post({ name: 'A', ownerId: other.user.id }), { ownerId: 'Not a member of this workspace.' });
    await expect400(patch({ ownerId: other.user.id }), { ownerId: 'Not a member of this workspace.' });
    expect(await snapshot()).toBe(before);
    const cleared = await ok<{ ownerId: string | null }>(patch({ ownerId: null }));
    expect(cleared.ownerId).toBeNull();
  });
});

describe('Czech identifiers (shared/fixtures/cz/test-vectors.json)', () => {
  it('accepts valid and rejects invalid IČO for a Czech company', async () => {
    for (const v of vectors.ico) {
      const res = await post({ name: `IČO ${v.value}`, regNo: v.value });
      if (v.valid) expect(res.status, v.value).toBe(201);
      else await expect400(res, { regNo: 'IČO must be 8 digits with a valid check digit.' });
    }
  });

  it('accepts valid and rejects invalid DIČ for a Czech company', async () => {
    for (const v of vectors.dic) {
      const res = await post({ name: `DIČ ${v.value}`, vatNo: v.value });
      if (v.valid) expect((await ok<{ vatNo: string }>(res, 201)).vatNo).toBe(v.value.replace(/\s/g, ''));
      else await expect400(res, { vatNo: expect.any(String) });
    }
  });

  it('accepts valid and rejects invalid PSČ for a Czech company', async () => {
    for (const v of vectors.psc) {
      const res = await post({ name: `PSČ ${v.value}`, address: { postalCode: v.value } });
      if (v.valid) expect((await ok<{ address: { postalCode: string } }>(res, 201)).address.postalCode).toMatch(/^\d{3} \d{2}$/);
      else await expect400(res, { 'address.postalCode': 'PSČ must be five digits, like 110 00.' });
    }
  });

  it('accepts valid and rejects invalid phone numbers', async () => {
    for (const v of vectors.phone) {
      const res = await post({ name: `Tel ${v.value}`, phone: v.value });
      if (v.valid) expect((await ok<{ phone: string }>(res, 201)).phone).toMatch(/^\+420 \d{3} \d{3} \d{3}$/);
      else await expect400(res, { phone: 'Enter a phone number like +420 602 123 456.' });
    }
  });

  it('reports every invalid identifier at once and writes nothing', async () => {
    const before = await snapshot();
    await expect400(post({ name: 'Vše špatně', regNo: '12345678', vatNo: 'CZ25123890', phone: '0602123456', address: { postalCode: '1100' } }), {
      regNo: expect.any(String),
      vatNo: expect.any(String),
      phone: expect.any(String),
      'address.postalCode': expect.any(String),
    });
    await expect400(patch({ regNo: 'abc' }), { regNo: expect.any(String) });
    expect(await snapshot()).toBe(before);
  });

  it('re-checks the identifiers when a PATCH makes a foreign company Czech', async () => {
    const sk = await ok<Company>(post({ name: 'Na Slovensku', country: 'SK', regNo: '12345678' }), 201);
    await expect400(wsCall(h, alice, 'PATCH', `/companies/${sk.id}`, { country: 'CZ' }), { regNo: expect.any(String) });
    const still = await ok<{ country: string; version: number }>(wsCall(h, alice, 'GET', `/companies/${sk.id}`));
    expect(still).toMatchObject({ country: 'SK', version: 1 });
  });
});

describe('list parameters', () => {
  const get = (query: string) => wsCall(h, alice, 'GET', `/companies?${query}`);

  it('rejects a limit outside 1..200 or not a whole number', async () => {
    for (const limit of ['0', '201', '-1', '1.5', 'abc', '']) {
      await expect400(get(`limit=${limit}`), { limit: expect.any(String) });
    }
    expect((await get('limit=1')).status).toBe(200);
    expect((await get('limit=200')).status).toBe(200);
  });

  it('rejects a cursor that no page produced', async () => {
    const bad = ['nonsense', Buffer.from('[1]').toString('base64url'), Buffer.from('{"a":1}').toString('base64url'), Buffer.from('[1,2]').toString('base64url'), '%%%'];
    for (const cursor of bad) {
      await expect400(get(`cursor=${encodeURIComponent(cursor)}`), { cursor: 'Use the nextCursor of a previous page.' });
    }
    await expect400(get(`cursor=${'a'.repeat(501)}`), { cursor: expect.any(String) });
  });

  it('rejects an unknown sort, unknown parameters, a bad date and a bad boolean', async () => {
    await expect400(get('sort=city'), { sort: expect.any(String) });
    await expect400(get('sort=-id'), { sort: expect.any(String) });
    await expect400(get('color=red'), { color: 'Unknown field.' });
    await expect400(get('updatedSince=yesterday'), { updatedSince: expect.any(String) });
    await expect400(get('deleted=yes'), { deleted: expect.any(String) });
    await expect400(get(`q=${'a'.repeat(201)}`), { q: expect.any(String) });
  });

  it('answers 404 for records that do not exist', async () => {
    for (const [method, path] of [
      ['GET', '/companies/nope'],
      ['PATCH', '/companies/nope'],
      ['DELETE', '/companies/nope'],
      ['POST', '/companies/nope/restore'],
      ['GET', `/companies/${'x'.repeat(64)}`],
    ] as const) {
      const res = await wsCall(h, alice, method, path, method === 'PATCH' ? { name: 'X' } : undefined);
      expect(res.status, `${method} ${path}`).toBe(404);
      expect((await errorOf(res)).code).toBe('not_found');
    }
  });

  it('treats an If-Match that names no version as stale', async () => {
    const before = await snapshot();
    for (const tag of ['"abc"', '*x', '"1.5"']) {
      const res = await patch({ name: 'Nové' }, { 'If-Match': tag });
      expect(res.status, tag).toBe(409);
    }
    expect(await snapshot()).toBe(before);
  });
});
