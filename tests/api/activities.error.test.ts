import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { insertDeal, ok, tenantClient, wsCall } from './records-support.ts';
import { createHarness, errorOf, signUp, type Harness, type SignedUp } from './support.ts';

let h: Harness;
let alice: SignedUp;
let company: { id: string };
let contact: { id: string };
let trashedContact: { id: string };
let trashedDeal: string;
let existing: { id: string };

beforeAll(async () => {
  h = createHarness();
  alice = await signUp(h.app, { workspaceName: 'Alpha' });
  company = await ok(wsCall(h, alice, 'POST', '/companies', { name: 'Acme' }), 201);
  contact = await ok(wsCall(h, alice, 'POST', '/contacts', { firstName: 'Jan', lastName: 'Novák' }), 201);
  trashedContact = await ok(wsCall(h, alice, 'POST', '/contacts', { firstName: 'Pryč', lastName: 'Smazaný' }), 201);
  await ok(wsCall(h, alice, 'DELETE', `/contacts/${trashedContact.id}`), 204);
  trashedDeal = await insertDeal(await tenantClient(h, alice), { title: 'Smazaný obchod', createdAt: h.clock.ms, deletedAt: h.clock.ms });
  existing = await ok(wsCall(h, alice, 'POST', '/activities', { type: 'note', subject: 'Stávající', companyId: company.id }), 201);
});
afterAll(() => h.close());

async function snapshot(): Promise<string> {
  const db = await tenantClient(h, alice);
  const rs = await db.batch([
    'SELECT id, type, subject, body, occurred_at, company_id, contact_id, deal_id, version, updated_at, deleted_at FROM activities ORDER BY id',
    'SELECT count(*) AS n FROM record_history',
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

const post = (body: unknown) => wsCall(h, alice, 'POST', '/activities', body);
const patch = (body: unknown, headers: Record<string, string> = {}) => wsCall(h, alice, 'PATCH', `/activities/${existing.id}`, body, { headers });
const valid = { type: 'call', subject: 'Hovor' };

describe('activity validation', () => {
  it('requires a known type and a subject of 1..200 characters', async () => {
    const before = await snapshot();
    await expect400(post({}), { type: 'Use call, meeting, email or note.', subject: expect.any(String) });
    await expect400(post({ ...valid, type: 'sms' }), { type: 'Use call, meeting, email or note.' });
    await expect400(post({ ...valid, type: 'CALL' }), { type: expect.any(String) });
    await expect400(post({ ...valid, subject: '' }), { subject: 'Enter a subject.' });
    await expect400(post({ ...valid, subject: 's'.repeat(201) }), { subject: 'Use at most 200 characters.' });
    await expect400(post({ ...valid, subject: 'x'.repeat(10 * 1024) }), { subject: 'Use at most 200 characters.' });
    await expect400(patch({ subject: null }), { subject: expect.any(String) });
    await expect400(patch({ type: null }), { type: expect.any(String) });
    expect(await snapshot()).toBe(before);
  });

  it('limits the body to 100,000 characters', async () => {
    const before = await snapshot();
    await expect400(post({ ...valid, body: 'b'.repeat(100_001) }), { body: 'Use at most 100000 characters.' });
    await expect400(patch({ body: 'b'.repeat(100_001) }), { body: expect.any(String) });
    expect(await snapshot()).toBe(before);
  });

  it('requires occurredAt to be an ISO timestamp', async () => {
    const before = await snapshot();
    for (const occurredAt of ['yesterday', '2026-11-27', '27. 11. 2026', '2026-02-30T10:00:00Z', 1764236400000, null]) {
      await expect400(post({ ...valid, occurredAt }), { occurredAt: expect.any(String) });
    }
    await expect400(patch({ occurredAt: '2026-13-01T00:00:00Z' }), { occurredAt: expect.any(String) });
    expect(await snapshot()).toBe(before);
  });

  it('accepts only live links of this workspace, naming every bad one at once', async () => {
    const other = await signUp(h.app, { workspaceName: 'Other' });
    const foreignCompany = await ok<{ id: string }>(wsCall(h, other, 'POST', '/companies', { name: 'Cizí' }), 201);
    const before = await snapshot();
    await expect400(post({ ...valid, companyId: foreignCompany.id, contactId: trashedContact.id, dealId: trashedDeal }), {
      companyId: 'No such company in this workspace.',
      contactId: 'No such contact in this workspace.',
      dealId: 'No such deal in this workspace.',
    });
    await expect400(post({ ...valid, companyId: company.id, contactId: 'nope' }), { contactId: 'No such contact in this workspace.' });
    await expect400(patch({ dealId: 'nope' }), { dealId: 'No such deal in this workspace.' });
    await expect400(patch({ companyId: foreignCompany.id }), { companyId: 'No such company in this workspace.' });
    await expect400(post({ ...valid, projectId: 'p'.repeat(65) }), { projectId: expect.any(String) });
    expect(await snapshot()).toBe(before);
    const linked = await ok<{ contactId: string }>(patch({ contactId: contact.id }));
    expect(linked.contactId).toBe(contact.id);
  });

  it('rejects wrong types, unknown fields and an authorId from the body', async () => {
    const before = await snapshot();
    await expect400(post({ ...valid, subject: 5 }), { subject: expect.any(String) });
    await expect400(post({ ...valid, body: ['a'] }), { body: expect.any(String) });
    await expect400(post({ ...valid, companyId: 1 }), { companyId: 'Use a record id.' });
    await expect400(post({ ...valid, authorId: 'someone' }), { authorId: 'Unknown field.' });
    await expect400(post({ ...valid, tags: ['x'] }), { tags: 'Unknown field.' });
    await expect400(patch({ authorId: alice.user.id }), { authorId: 'Unknown field.' });
    expect(await snapshot()).toBe(before);
  });

  it('answers malformed JSON with 400 and a stale If-Match with 409, writing nothing', async () => {
    const before = await snapshot();
    const res = await wsCall(h, alice, 'POST', '/activities', undefined, { rawBody: '{"type": "call", ' });
    expect(res.status).toBe(400);
    expect((await errorOf(res)).code).toBe('bad_request');
    expect((await patch({ subject: 'Přepis' }, { 'If-Match': '"7"' })).status).toBe(409);
    expect((await wsCall(h, alice, 'DELETE', `/activities/${existing.id}`, undefined, { headers: { 'If-Match': '"0"' } })).status).toBe(409);
    expect(await snapshot()).toBe(before);
  });
});

describe('activity list parameters', () => {
  const get = (query: string) => wsCall(h, alice, 'GET', `/activities?${query}`);

  it('rejects bad limits, cursors, sorts and unknown parameters', async () => {
    await expect400(get('limit=0'), { limit: expect.any(String) });
    await expect400(get('limit=201'), { limit: expect.any(String) });
    await expect400(get('cursor=AAAA'), { cursor: 'Use the nextCursor of a previous page.' });
    await expect400(get('sort=subject'), { sort: expect.any(String) });
    await expect400(get('sort=createdAt'), { sort: expect.any(String) });
    await expect400(get('q=hovor'), { q: 'Unknown field.' });
    await expect400(get('updatedSince=1'), { updatedSince: expect.any(String) });
  });

  it('answers 404 for activities that do not exist', async () => {
    for (const [method, path] of [
      ['GET', '/activities/nope'],
      ['PATCH', '/activities/nope'],
      ['DELETE', '/activities/nope'],
      ['POST', '/activities/nope/restore'],
      ['POST', `/activities/${existing.id}/restore`],
      ['GET', '/activities/nope/history'],
    ] as const) {
      const res = await wsCall(h, alice, method, path, method === 'PATCH' ? { subject: 'x' } : undefined);
      expect(res.status, `${method} ${path}`).toBe(404);
    }
  });
});
