import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { count } from 'drizzle-orm';
import { users } from '../../db/control/schema.ts';
import { call, createHarness, json, PASSWORD, signUp, uniqueEmail, type Harness, type SignedUp } from './support.ts';

let h: Harness;
let alice: SignedUp;

beforeAll(async () => {
  h = createHarness();
  alice = await signUp(h.app, { workspaceName: 'Alpha' });
  await signUp(h.app, { workspaceName: 'Beta' });
});
afterAll(() => h.close());

const LEAKS = /SQLITE|SELECT |INSERT |UPDATE |DELETE |CREATE TABLE|\bat .+\.ts:\d+|node_modules|\n\s+at /;

/** The checks every error answer must pass: one shape, request id in body and header, no internals. */
async function expectError(res: Response, status: number, code: string) {
  expect(res.status).toBe(status);
  expect(res.headers.get('content-type')).toMatch(/^application\/json/);
  const text = await res.text();
  expect(text).not.toMatch(LEAKS);
  const body = JSON.parse(text) as { error: { code: string; message: string; requestId?: string; fields?: Record<string, string> } };
  expect(Object.keys(body)).toEqual(['error']);
  expect(body.error.code).toBe(code);
  expect(body.error.message.length).toBeGreaterThan(0);
  const header = res.headers.get('x-request-id');
  expect(header).toBeTruthy();
  expect(body.error.requestId).toBe(header);
  return body.error;
}

const valid = () => ({ email: uniqueEmail('v'), password: PASSWORD, name: 'Valid Name', workspaceName: 'Valid Co' });

describe('validation errors', () => {
  it('lists every missing field', async () => {
    const err = await expectError(await call(h.app, 'POST', '/auth/signup', {}), 400, 'validation_failed');
    expect(Object.keys(err.fields ?? {}).sort()).toEqual(['email', 'name', 'password', 'workspaceName']);
  });

  it('names fields of the wrong type', async () => {
    const err = await expectError(
      await call(h.app, 'POST', '/auth/signup', { ...valid(), email: 42, name: ['x'], password: true }),
      400,
      'validation_failed',
    );
    expect(err.fields).toHaveProperty('email');
    expect(err.fields).toHaveProperty('name');
    expect(err.fields).toHaveProperty('password');
    expect(err.fields).not.toHaveProperty('workspaceName');
  });

  it('rejects an invalid email', async () => {
    const err = await expectError(await call(h.app, 'POST', '/auth/signup', { ...valid(), email: 'not-an-email' }), 400, 'validation_failed');
    expect(err.fields?.['email']).toBeTruthy();
  });

  it('rejects unknown fields', async () => {
    const err = await expectError(
      await call(h.app, 'POST', '/auth/signup', { ...valid(), role: 'admin', plan: 'pro' }),
      400,
      'validation_failed',
    );
    expect(err.fields).toMatchObject({ role: expect.any(String), plan: expect.any(String) });
  });

  it('rejects a 10 KB name and a blank workspace name', async () => {
    const err = await expectError(
      await call(h.app, 'POST', '/auth/signup', { ...valid(), name: 'x'.repeat(10 * 1024), workspaceName: '   ' }),
      400,
      'validation_failed',
    );
    expect(err.fields?.['name']).toBeTruthy();
    expect(err.fields?.['workspaceName']).toBeTruthy();
  });

  it('rejects an unsupported locale', async () => {
    const err = await expectError(await call(h.app, 'POST', '/auth/signup', { ...valid(), locale: 'de' }), 400, 'validation_failed');
    expect(err.fields?.['locale']).toBeTruthy();
  });

  it('validates the login body too', async () => {
    const err = await expectError(await call(h.app, 'POST', '/auth/login', { email: 'x', extra: 1 }), 400, 'validation_failed');
    expect(err.fields).toHaveProperty('email');
    expect(err.fields).toHaveProperty('password');
    expect(err.fields).toHaveProperty('extra');
  });

  it('creates nothing when validation fails', async () => {
    const before = (await h.control.select({ n: count() }).from(users))[0]!.n;
    await call(h.app, 'POST', '/auth/signup', { ...valid(), name: '' });
    const after = (await h.control.select({ n: count() }).from(users))[0]!.n;
    expect(after).toBe(before);
  });
});

describe('malformed and oversized bodies', () => {
  it('answers 400 in the error shape for malformed JSON', async () => {
    const err = await expectError(await call(h.app, 'POST', '/auth/signup', undefined, { rawBody: '{"email": "a@b.cz",' }), 400, 'bad_request');
    expect(err.message).toMatch(/JSON/);
  });

  it('answers 400 for a JSON body that is not an object', async () => {
    const res = await call(h.app, 'POST', '/auth/login', [1, 2, 3]);
    await expectError(res, 400, 'validation_failed');
  });

  it('answers 413 payload_too_large for a body over 1 MB', async () => {
    const big = JSON.stringify({ ...valid(), name: 'x'.repeat(1024 * 1024 + 10) });
    await expectError(await call(h.app, 'POST', '/auth/signup', undefined, { rawBody: big }), 413, 'payload_too_large');
  });

  it('answers 413 for a streamed body over 1 MB sent without Content-Length', async () => {
    const big = JSON.stringify({ ...valid(), name: 'y'.repeat(1024 * 1024 + 10) });
    const res = await h.app.request('/api/v1/auth/signup', {
      method: 'POST',
      headers: { Origin: 'http://localhost', 'Content-Type': 'application/json' },
      body: new Blob([big]).stream(),
      duplex: 'half',
    } as RequestInit);
    await expectError(res, 413, 'payload_too_large');
  });
});

describe('routing errors', () => {
  it('answers 404 not_found in JSON for an unknown API route', async () => {
    await expectError(await call(h.app, 'GET', '/no-such-thing'), 404, 'not_found');
    await expectError(await call(h.app, 'POST', '/auth/nope', {}, { cookie: alice.cookie }), 404, 'not_found');
  });

  it('answers 404 in JSON outside /api/v1', async () => {
    await expectError(await h.app.request('/api/v2/health'), 404, 'not_found');
  });

  it('gives every response, success included, a request id', async () => {
    const ok = await call(h.app, 'GET', '/health');
    expect(ok.status).toBe(200);
    expect(await json<{ status: string }>(ok)).toEqual({ status: 'ok' });
    const a = ok.headers.get('x-request-id');
    const b = (await call(h.app, 'GET', '/health')).headers.get('x-request-id');
    expect(a).toBeTruthy();
    expect(b).toBeTruthy();
    expect(a).not.toBe(b);
  });

  it('sets security headers', async () => {
    const res = await call(h.app, 'GET', '/health');
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('x-frame-options')).toBeTruthy();
  });
});

describe('internal errors', () => {
  it('answers 500 internal_error without stack or SQL, and logs the details with the request id', async () => {
    const realNow = h.platform.now;
    h.platform.now = () => {
      throw new Error('SQLITE_ERROR: no such column: secret_hash in SELECT secret_hash FROM sessions');
    };
    let res: Response;
    try {
      res = await call(h.app, 'GET', '/me', undefined, { cookie: alice.cookie });
    } finally {
      h.platform.now = realNow;
    }
    const err = await expectError(res, 500, 'internal_error');
    expect(err.message).not.toMatch(/secret_hash/);
    const logged = h.logs.find((l) => l.level === 'error' && l.data?.['requestId'] === err.requestId);
    expect(logged).toBeDefined();
    expect(String(logged!.data?.['error'])).toMatch(/SELECT secret_hash/);
    // The app recovers: the next request works.
    expect((await call(h.app, 'GET', '/me', undefined, { cookie: alice.cookie })).status).toBe(200);
  });
});

describe('OpenAPI', () => {
  it('publishes an OpenAPI 3.1 document with the v1 paths', async () => {
    const res = await call(h.app, 'GET', '/openapi.json');
    expect(res.status).toBe(200);
    const doc = await json<{ openapi: string; info: { title: string }; paths: Record<string, Record<string, unknown>> }>(res);
    expect(doc.openapi).toBe('3.1.0');
    expect(doc.info.title).toBeTruthy();
    for (const path of ['/auth/signup', '/auth/login', '/auth/logout', '/me', '/health', '/w/{ws}']) {
      expect(doc.paths, path).toHaveProperty([path]);
    }
    expect(Object.keys(doc.paths['/auth/signup']!)).toContain('post');
    expect(Object.keys(doc.paths['/w/{ws}']!).sort()).toEqual(['delete', 'get', 'patch']);
  });

  it('serves a self-contained docs page', async () => {
    const res = await call(h.app, 'GET', '/docs');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/html/);
    const html = await res.text();
    expect(html).toContain('/api/v1/openapi.json');
    expect(html).not.toMatch(/<script[^>]+src=["']https?:/);
  });
});
