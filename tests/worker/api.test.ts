import { exports } from 'cloudflare:workers';
import { describe, expect, inject, it } from 'vitest';

// Requests go through the Worker's own fetch handler (api/worker.ts) inside workerd, and from
// there over HTTP to the Turso Platform API fake and the Hrana server on 127.0.0.1.
const ORIGIN = 'https://tandem.test';

interface SignedUp {
  cookie: string;
  slug: string;
  email: string;
}

function call(path: string, init: { method?: string; body?: unknown; cookie?: string } = {}): Promise<Response> {
  const headers = new Headers({ Origin: ORIGIN });
  if (init.body !== undefined) headers.set('Content-Type', 'application/json');
  if (init.cookie) headers.set('Cookie', init.cookie);
  return exports.default.fetch(
    new Request(`${ORIGIN}${path}`, {
      method: init.method ?? (init.body === undefined ? 'GET' : 'POST'),
      headers,
      ...(init.body === undefined ? {} : { body: JSON.stringify(init.body) }),
    }),
  );
}

let counter = 0;

async function signUp(workspaceName: string): Promise<SignedUp> {
  const email = `owner${++counter}-${Date.now()}@example.com`;
  const res = await call('/api/v1/auth/signup', {
    body: { name: 'Jana Nováková', email, password: 'correct horse battery staple', workspaceName },
  });
  const text = await res.text();
  expect(res.status, text).toBe(201);
  const setCookie = res.headers.get('Set-Cookie');
  expect(setCookie).toBeTruthy();
  const body = JSON.parse(text) as { workspace: { slug: string } };
  // The cookie pair alone, as a browser would send it back.
  return { cookie: (setCookie ?? '').split(';')[0] ?? '', slug: body.workspace.slug, email };
}

describe('the Worker over Turso-style HTTP databases', () => {
  it('signs up, and the session sees its user and workspace', async () => {
    const owner = await signUp('Dvořák & Co');
    const me = await call('/api/v1/me', { cookie: owner.cookie });
    expect(me.status).toBe(200);
    const body = (await me.json()) as { user: { email: string }; workspaces: { slug: string }[] };
    expect(body.user.email).toBe(owner.email);
    expect(body.workspaces.map((w) => w.slug)).toEqual([owner.slug]);

    const ws = await call(`/api/v1/w/${owner.slug}`, { cookie: owner.cookie });
    expect(ws.status).toBe(200);
    expect(await ws.json()).toMatchObject({ name: 'Dvořák & Co', plan: 'free', slug: owner.slug });
  });

  it("keeps one user out of another's workspace", async () => {
    const first = await signUp('First Company');
    const second = await signUp('Second Company');
    const res = await call(`/api/v1/w/${first.slug}`, { cookie: second.cookie });
    expect(res.status).toBe(404);
    const own = await call(`/api/v1/w/${second.slug}`, { cookie: second.cookie });
    expect(own.status).toBe(200);
  });

  it('rejects a signed-in write without the matching Origin', async () => {
    const owner = await signUp('Origin Check');
    const res = await exports.default.fetch(
      new Request(`${ORIGIN}/api/v1/w/${owner.slug}`, {
        method: 'PATCH',
        headers: { 'Content-Type': 'application/json', Cookie: owner.cookie, Origin: 'https://evil.test' },
        body: JSON.stringify({ name: 'Hijacked' }),
      }),
    );
    expect(res.status).toBe(403);
  });

  it('answers unknown API paths with the JSON error shape', async () => {
    const res = await call('/api/v1/nope');
    expect(res.status).toBe(404);
    expect(await res.json()).toMatchObject({ error: { code: 'not_found' } });
  });
});

describe.runIf(inject('webBuilt'))('static assets', () => {
  it('hands non-API paths to the assets binding, with the SPA fallback', async () => {
    for (const path of ['/', '/w/acme/companies']) {
      const res = await exports.default.fetch(new Request(`${ORIGIN}${path}`));
      expect(res.status, path).toBe(200);
      expect(res.headers.get('Content-Type'), path).toContain('text/html');
      await res.arrayBuffer();
    }
  });
});
