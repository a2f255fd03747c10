import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, createHarness, errorOf, json, sessionCookie, signUp, workspaceRow, type ErrorBody, type Harness, type SignedUp } from './support.ts';

let h: Harness;
let alice: SignedUp;
let bob: SignedUp;

beforeAll(async () => {
  h = createHarness();
  alice = await signUp(h.app, { workspaceName: 'Alpha Secret' });
  bob = await signUp(h.app, { workspaceName: 'Beta' });
});
afterAll(() => h.close());

/** The body without its request id, to compare answers. */
async function withoutRequestId(res: Response): Promise<unknown> {
  const body = await json<ErrorBody>(res);
  expect(body.error.requestId).toBeTruthy();
  const { requestId: _ignored, ...rest } = body.error;
  return { error: rest };
}

describe('another tenant’s workspace', () => {
  it('answers 404 to GET and PATCH of a workspace the user is not in, exactly like a missing one', async () => {
    const alpha = `/w/${alice.workspace.slug}`;
    const getOther = await call(h.app, 'GET', alpha, undefined, { cookie: bob.cookie });
    const patchOther = await call(h.app, 'PATCH', alpha, { name: 'Pwned' }, { cookie: bob.cookie });
    const getMissing = await call(h.app, 'GET', '/w/no-such-workspace', undefined, { cookie: bob.cookie });
    const patchMissing = await call(h.app, 'PATCH', '/w/no-such-workspace', { name: 'Pwned' }, { cookie: bob.cookie });
    for (const res of [getOther, patchOther, getMissing, patchMissing]) expect(res.status).toBe(404);
    const bodies = await Promise.all([getOther, patchOther, getMissing, patchMissing].map(withoutRequestId));
    expect(bodies[0]).toEqual({ error: { code: 'not_found', message: expect.any(String) } });
    for (const b of bodies) expect(b).toEqual(bodies[0]);
    expect(JSON.stringify(bodies[0])).not.toContain('Alpha');

    const row = await workspaceRow(h, alice.workspace.id);
    expect(row.name).toBe('Alpha Secret');
    const asOwner = await json<{ name: string }>(await call(h.app, 'GET', alpha, undefined, { cookie: alice.cookie }));
    expect(asOwner.name).toBe('Alpha Secret');
  });

  it('does not reveal the workspace through its id or a differently cased slug', async () => {
    for (const ws of [alice.workspace.id, alice.workspace.slug.toUpperCase(), `${alice.workspace.slug}%20`]) {
      const res = await call(h.app, 'GET', `/w/${ws}`, undefined, { cookie: bob.cookie });
      expect(res.status, ws).toBe(404);
      expect((await errorOf(res)).code).toBe('not_found');
    }
  });

  it('answers 404 to the owner for a slug that does not exist', async () => {
    const res = await call(h.app, 'GET', '/w/alpha-secret-nope', undefined, { cookie: alice.cookie });
    expect(res.status).toBe(404);
  });

  it('answers 401 without a session, even for a slug that exists, and writes nothing', async () => {
    const alpha = `/w/${alice.workspace.slug}`;
    const get = await call(h.app, 'GET', alpha);
    const patch = await call(h.app, 'PATCH', alpha, { name: 'Anon' });
    const missing = await call(h.app, 'GET', '/w/no-such-workspace');
    for (const res of [get, patch, missing]) {
      expect(res.status).toBe(401);
      expect((await errorOf(res)).code).toBe('unauthenticated');
    }
    expect((await workspaceRow(h, alice.workspace.id)).name).toBe('Alpha Secret');
  });

  it('answers 401 after logout', async () => {
    const extra = await call(h.app, 'POST', '/auth/login', { email: bob.email, password: bob.password });
    const cookie = sessionCookie(extra);
    expect((await call(h.app, 'GET', `/w/${bob.workspace.slug}`, undefined, { cookie })).status).toBe(200);
    expect((await call(h.app, 'POST', '/auth/logout', undefined, { cookie })).status).toBe(204);
    expect((await call(h.app, 'GET', `/w/${bob.workspace.slug}`, undefined, { cookie })).status).toBe(401);
  });
});
