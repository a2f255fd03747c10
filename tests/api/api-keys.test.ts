// API keys: managed by owners and admins in the app, used by integrations with
// `Authorization: Bearer <key>` on their own workspace's routes, acting as the creator.
import { sha256 } from '@oslojs/crypto/sha2';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRateLimiter, parseRateLimit } from '../../api/domain/api-keys/rate-limit.ts';
import { parseToken } from '../../api/domain/api-keys/token.ts';
import { settingsFromEnv } from '../../api/node-platform.ts';
import { apiKeys, memberships } from '../../db/control/schema.ts';
import { addMember } from './imports-support.ts';
import { call, createHarness, errorOf, json, signUp, type Harness, type SignedUp } from './support.ts';

interface ApiKeyBody {
  id: string;
  name: string;
  role: 'admin' | 'member';
  createdBy: { id: string; name: string };
  createdAt: string;
  lastUsedAt: string | null;
  expiresAt: string | null;
  revokedAt: string | null;
  status: 'active' | 'expired' | 'revoked';
}
type CreatedKey = ApiKeyBody & { secret: string };

const DAY = 24 * 60 * 60 * 1000;

let h: Harness;
let owner: SignedUp;
let admin: SignedUp;
let member: SignedUp;
let other: SignedUp;

beforeAll(async () => {
  h = createHarness();
  owner = await signUp(h.app, { name: 'Olga Owner', workspaceName: 'Keys Works' });
  admin = await signUp(h.app, { name: 'Adam Admin', workspaceName: 'Adam Solo' });
  member = await signUp(h.app, { name: 'Milan Member', workspaceName: 'Milan Solo' });
  other = await signUp(h.app, { name: 'Otto Other', workspaceName: 'Other Works' });
  await addMember(h, owner, admin, 'admin');
  await addMember(h, owner, member, 'member');
});
afterAll(() => h.close());

const ws = (who: SignedUp = owner) => `/w/${who.workspace.slug}`;

/** A request the way an integration sends it: the key, JSON, no cookie and no Origin. */
function withKey(key: string, method: string, path: string, body?: unknown, extra: Record<string, string> = {}): Promise<Response> {
  return call(h.app, method, path, body, { origin: null, headers: { Authorization: `Bearer ${key}`, ...extra } });
}

async function createKey(who: SignedUp, body: Record<string, unknown>, workspace: SignedUp = owner): Promise<CreatedKey> {
  const res = await call(h.app, 'POST', `${ws(workspace)}/api-keys`, body, { cookie: who.cookie });
  if (res.status !== 201) throw new Error(`create key: ${res.status} ${await res.text()}`);
  return json<CreatedKey>(res);
}

async function listKeys(who: SignedUp = owner, workspace: SignedUp = owner): Promise<ApiKeyBody[]> {
  const res = await call(h.app, 'GET', `${ws(workspace)}/api-keys`, undefined, { cookie: who.cookie });
  expect(res.status).toBe(200);
  return (await json<{ items: ApiKeyBody[] }>(res)).items;
}

async function keyRow(id: string) {
  const [row] = await h.control.select().from(apiKeys).where(eq(apiKeys.id, id));
  if (!row) throw new Error(`no key row ${id}`);
  return row;
}

describe('creating and listing keys', () => {
  it('answers 201 with the secret once; the list never shows it; only its SHA-256 is stored', async () => {
    const res = await call(h.app, 'POST', `${ws()}/api-keys`, { name: 'Zapier', role: 'member' }, { cookie: owner.cookie });
    expect(res.status).toBe(201);
    expect(res.headers.get('cache-control')).toBe('no-store');
    const key = await json<CreatedKey>(res);
    expect(key).toMatchObject({
      name: 'Zapier',
      role: 'member',
      createdBy: { id: owner.user.id, name: 'Olga Owner' },
      lastUsedAt: null,
      expiresAt: null,
      revokedAt: null,
      status: 'active',
    });
    expect(key.secret).toMatch(new RegExp(`^tdm_${key.id}_[a-z2-7]{32}$`));
    const secretPart = parseToken(key.secret)!.secret;

    const listText = await (await call(h.app, 'GET', `${ws()}/api-keys`, undefined, { cookie: owner.cookie })).text();
    const listed = (JSON.parse(listText) as { items: ApiKeyBody[] }).items.find((k) => k.id === key.id);
    expect(listed).toEqual({ ...key, secret: undefined });
    expect(listed).not.toHaveProperty('secret');
    expect(listText).not.toContain(secretPart);

    const row = await keyRow(key.id);
    expect(row.workspaceId).toBe(owner.workspace.id);
    expect(row.createdBy).toBe(owner.user.id);
    expect(Buffer.from(row.secretHash).equals(Buffer.from(sha256(new TextEncoder().encode(secretPart))))).toBe(true);
    // Nowhere in the row is the secret itself.
    expect(JSON.stringify(row)).not.toContain(secretPart);
    expect(Buffer.from(row.secretHash).toString('utf8')).not.toContain(secretPart);
  });

  it('lets an admin create admin and member keys, expiring after N days or at a given time', async () => {
    const now = h.clock.ms;
    const a = await createKey(admin, { name: 'Admin key', role: 'admin', expiresInDays: 30 });
    expect(a.role).toBe('admin');
    expect(a.createdBy.id).toBe(admin.user.id);
    expect(Date.parse(a.expiresAt!)).toBe(now + 30 * DAY);
    const at = new Date(now + 90 * DAY).toISOString();
    const b = await createKey(admin, { name: 'Member key', role: 'member', expiresAt: at });
    expect(b.expiresAt).toBe(at);
    const names = (await listKeys(admin)).map((k) => k.name);
    // Newest first.
    expect(names.indexOf('Member key')).toBeLessThan(names.indexOf('Admin key'));
  });

  it('answers 400 with field messages and writes nothing for bad input', async () => {
    const before = (await h.control.select().from(apiKeys)).length;
    const cases: [unknown, string][] = [
      [{ role: 'member' }, 'name'],
      [{ name: '   ', role: 'member' }, 'name'],
      [{ name: 'x'.repeat(201), role: 'member' }, 'name'],
      [{ name: 'K', role: 'owner' }, 'role'],
      [{ name: 'K' }, 'role'],
      [{ name: 'K', role: 'member', expiresInDays: 0 }, 'expiresInDays'],
      [{ name: 'K', role: 'member', expiresInDays: 1.5 }, 'expiresInDays'],
      [{ name: 'K', role: 'member', expiresInDays: 3651 }, 'expiresInDays'],
      [{ name: 'K', role: 'member', expiresAt: 'tomorrow' }, 'expiresAt'],
      [{ name: 'K', role: 'member', expiresAt: new Date(h.clock.ms - 1000).toISOString() }, 'expiresAt'],
      [{ name: 'K', role: 'member', expiresAt: new Date(h.clock.ms + 3651 * DAY).toISOString() }, 'expiresAt'],
      [{ name: 'K', role: 'member', expiresInDays: 5, expiresAt: new Date(h.clock.ms + DAY).toISOString() }, 'expiresInDays'],
      [{ name: 'K', role: 'member', secret: 'mine' }, 'secret'],
    ];
    for (const [body, field] of cases) {
      const res = await call(h.app, 'POST', `${ws()}/api-keys`, body, { cookie: owner.cookie });
      expect(res.status, JSON.stringify(body)).toBe(400);
      const err = await errorOf(res);
      expect(err.code).toBe('validation_failed');
      expect(err.fields?.[field], JSON.stringify(body)).toBeTruthy();
    }
    expect((await h.control.select().from(apiKeys)).length).toBe(before);
  });

  it('refuses members (403) on every key route and strangers (404), 401 without a session', async () => {
    const key = await createKey(owner, { name: 'Target', role: 'member' });
    const routes: [string, string, unknown][] = [
      ['GET', `${ws()}/api-keys`, undefined],
      ['POST', `${ws()}/api-keys`, { name: 'Mine', role: 'member' }],
      ['DELETE', `${ws()}/api-keys/${key.id}`, undefined],
    ];
    for (const [method, path, body] of routes) {
      const asMember = await call(h.app, method, path, body, { cookie: member.cookie });
      expect(asMember.status, `${method} ${path}`).toBe(403);
      expect((await errorOf(asMember)).code).toBe('forbidden');
      expect((await call(h.app, method, path, body, { cookie: other.cookie })).status, `${method} ${path}`).toBe(404);
      expect((await call(h.app, method, path, body)).status, `${method} ${path}`).toBe(401);
    }
    expect((await keyRow(key.id)).revokedAt).toBeNull();
  });

  it('caps a workspace at 100 active keys (409), counting neither revoked nor expired ones', async () => {
    const solo = await signUp(h.app, { name: 'Cap Owner', workspaceName: 'Cap Works' });
    const first = await createKey(solo, { name: 'k0', role: 'member' }, solo);
    for (let i = 1; i < 100; i++) await createKey(solo, { name: `k${i}`, role: 'member' }, solo);
    const over = await call(h.app, 'POST', `${ws(solo)}/api-keys`, { name: 'one too many', role: 'member' }, { cookie: solo.cookie });
    expect(over.status).toBe(409);
    expect((await errorOf(over)).code).toBe('conflict');
    expect((await call(h.app, 'DELETE', `${ws(solo)}/api-keys/${first.id}`, undefined, { cookie: solo.cookie })).status).toBe(204);
    await createKey(solo, { name: 'after revoking one', role: 'member' }, solo);
  });
});

describe('using a key', () => {
  let key: CreatedKey;
  beforeAll(async () => {
    key = await createKey(admin, { name: 'CRM sync', role: 'member' });
  });

  it('reads and writes records as its creator (owner and history actor), without cookie or Origin', async () => {
    const list = await withKey(key.secret, 'GET', `${ws()}/companies`);
    expect(list.status).toBe(200);

    const res = await withKey(key.secret, 'POST', `${ws()}/companies`, { name: 'Made by a key s.r.o.' });
    expect(res.status).toBe(201);
    const company = await json<{ id: string; ownerId: string | null }>(res);
    expect(company.ownerId).toBe(admin.user.id);

    expect((await withKey(key.secret, 'PATCH', `${ws()}/companies/${company.id}`, { name: 'Renamed by a key' })).status).toBe(200);
    const history = await json<{ items: { action: string; actorId: string | null }[] }>(
      await call(h.app, 'GET', `${ws()}/companies/${company.id}/history`, undefined, { cookie: owner.cookie }),
    );
    expect(history.items.map((e) => [e.action, e.actorId])).toEqual([
      ['update', admin.user.id],
      ['create', admin.user.id],
    ]);

    // `me` means the key's creator.
    const task = await json<{ assigneeId: string | null }>(await withKey(key.secret, 'POST', `${ws()}/tasks`, { title: 'Call back' }));
    expect(task.assigneeId).toBe(admin.user.id);
  });

  it('records lastUsedAt, at most once a minute', async () => {
    const t0 = h.clock.ms;
    expect((await withKey(key.secret, 'GET', `${ws()}/companies`)).status).toBe(200);
    const first = (await keyRow(key.id)).lastUsedAt;
    expect(first).not.toBeNull();
    expect(first!).toBeLessThanOrEqual(t0);

    h.clock.advance(30_000);
    expect((await withKey(key.secret, 'GET', `${ws()}/companies`)).status).toBe(200);
    expect((await keyRow(key.id)).lastUsedAt).toBe(first);

    h.clock.advance(31_000);
    expect((await withKey(key.secret, 'GET', `${ws()}/companies`)).status).toBe(200);
    expect((await keyRow(key.id)).lastUsedAt).toBe(h.clock.ms);
    const listed = (await listKeys()).find((k) => k.id === key.id)!;
    expect(listed.lastUsedAt).toBe(new Date(h.clock.ms).toISOString());
  });

  it('works on its own workspace only: another slug is 404, even one its creator belongs to', async () => {
    // The admin also owns "Adam Solo": the key still opens nothing there.
    for (const target of [admin, other]) {
      const res = await withKey(key.secret, 'GET', `${ws(target)}/companies`);
      expect(res.status).toBe(404);
      expect((await errorOf(res)).code).toBe('not_found');
    }
    expect((await withKey(key.secret, 'POST', `${ws(admin)}/companies`, { name: 'Sneaky' })).status).toBe(404);
  });

  it('is judged alone: a cookie alongside never widens or rescues it', async () => {
    // Otto's cookie opens Other Works, but with the key present the key decides.
    const res = await call(h.app, 'GET', `${ws(other)}/companies`, undefined, { cookie: other.cookie, headers: { Authorization: `Bearer ${key.secret}` } });
    expect(res.status).toBe(404);
    // A bad key with a valid owner cookie is still a 401.
    const bad = await call(h.app, 'GET', `${ws()}/companies`, undefined, { cookie: owner.cookie, headers: { Authorization: 'Bearer tdm_nope' } });
    expect(bad.status).toBe(401);
  });

  it('keeps to its role: a member key gets 403 on admin routes', async () => {
    expect((await withKey(key.secret, 'GET', ws())).status).toBe(200);
    const patch = await withKey(key.secret, 'PATCH', ws(), { name: 'Renamed' });
    expect(patch.status).toBe(403);
    expect((await errorOf(patch)).code).toBe('forbidden');
    expect((await withKey(key.secret, 'POST', `${ws()}/deal-stages`, { name: 'Nope' })).status).toBe(403);
    expect((await withKey(key.secret, 'POST', `${ws()}/api-keys`, { name: 'Mint', role: 'member' })).status).toBe(403);
  });

  it('an admin key may change settings, but no key manages keys (403)', async () => {
    const adminKey = await createKey(owner, { name: 'Admin integration', role: 'admin' });
    const patch = await withKey(adminKey.secret, 'PATCH', ws(), { name: 'Keys Works' });
    expect(patch.status).toBe(200);
    const before = (await h.control.select().from(apiKeys)).length;
    for (const [method, path, body] of [
      ['GET', `${ws()}/api-keys`, undefined],
      ['POST', `${ws()}/api-keys`, { name: 'Mint', role: 'admin' }],
      ['DELETE', `${ws()}/api-keys/${key.id}`, undefined],
    ] as const) {
      const res = await withKey(adminKey.secret, method, path, body);
      expect(res.status, `${method} ${path}`).toBe(403);
    }
    expect((await h.control.select().from(apiKeys)).length).toBe(before);
    expect((await keyRow(key.id)).revokedAt).toBeNull();
  });

  it('opens no route outside /w/{ws}: /me, /auth and the rest answer 401', async () => {
    for (const [method, path, body] of [
      ['GET', '/me', undefined],
      ['POST', '/auth/logout', undefined],
      ['POST', '/auth/login', { email: admin.email, password: admin.password }],
    ] as const) {
      const res = await withKey(key.secret, method, path, body);
      expect(res.status, `${method} ${path}`).toBe(401);
      expect((await errorOf(res)).code).toBe('unauthenticated');
      expect(res.headers.getSetCookie()).toEqual([]);
    }
  });

  it('answers 401 to malformed, unknown and wrong-secret keys', async () => {
    const { id, secret } = parseToken(key.secret)!;
    const wrongSecret = `tdm_${id}_${secret.slice(0, -1)}${secret.endsWith('a') ? 'b' : 'a'}`;
    const unknown = `tdm_${'0'.repeat(8)}-0000-7000-8000-${'0'.repeat(12)}_${secret}`;
    for (const header of [
      'Bearer',
      'Bearer ',
      'Bearer nonsense',
      `Bearer ${key.secret} extra`,
      `Bearer ${key.secret.toUpperCase()}`,
      `Bearer ${wrongSecret}`,
      `Bearer ${unknown}`,
      `Bearer tdm_${id}`,
      `Bearer ${'x'.repeat(5000)}`,
    ]) {
      const res = await call(h.app, 'GET', `${ws()}/companies`, undefined, { headers: { Authorization: header } });
      expect(res.status, header.slice(0, 80)).toBe(401);
      expect((await errorOf(res)).code).toBe('unauthenticated');
    }
    // Writes too, before any CSRF or validation check.
    expect((await withKey(wrongSecret, 'POST', `${ws()}/companies`, { name: 'x' })).status).toBe(401);
    // The scheme is case-insensitive (RFC 9110).
    expect((await call(h.app, 'GET', `${ws()}/companies`, undefined, { headers: { Authorization: `bearer ${key.secret}` } })).status).toBe(200);
  });

  it('stops working the moment it is revoked; revoking again is fine', async () => {
    const k = await createKey(owner, { name: 'Short-lived', role: 'member' });
    expect((await withKey(k.secret, 'GET', `${ws()}/companies`)).status).toBe(200);
    expect((await call(h.app, 'DELETE', `${ws()}/api-keys/${k.id}`, undefined, { cookie: admin.cookie })).status).toBe(204);
    const res = await withKey(k.secret, 'GET', `${ws()}/companies`);
    expect(res.status).toBe(401);
    expect((await errorOf(res)).code).toBe('unauthenticated');
    expect((await call(h.app, 'DELETE', `${ws()}/api-keys/${k.id}`, undefined, { cookie: owner.cookie })).status).toBe(204);
    const listed = (await listKeys()).find((x) => x.id === k.id)!;
    expect(listed.status).toBe('revoked');
    expect(listed.revokedAt).not.toBeNull();
  });

  it('stops working once expired', async () => {
    const k = await createKey(owner, { name: 'One day', role: 'member', expiresInDays: 1 });
    h.clock.advance(DAY - 1000);
    expect((await withKey(k.secret, 'GET', `${ws()}/companies`)).status).toBe(200);
    h.clock.advance(1000);
    expect((await withKey(k.secret, 'GET', `${ws()}/companies`)).status).toBe(401);
    expect((await listKeys()).find((x) => x.id === k.id)!.status).toBe('expired');
  });

  it("answers 404 to revoking another workspace's key, which keeps working", async () => {
    const foreign = await createKey(other, { name: 'Other key', role: 'member' }, other);
    const res = await call(h.app, 'DELETE', `${ws()}/api-keys/${foreign.id}`, undefined, { cookie: owner.cookie });
    expect(res.status).toBe(404);
    expect((await errorOf(res)).code).toBe('not_found');
    expect((await call(h.app, 'DELETE', `${ws()}/api-keys/no-such-key`, undefined, { cookie: owner.cookie })).status).toBe(404);
    expect((await keyRow(foreign.id)).revokedAt).toBeNull();
    expect((await withKey(foreign.secret, 'GET', `${ws(other)}/companies`)).status).toBe(200);
    expect((await listKeys()).some((k) => k.id === foreign.id)).toBe(false);
  });

  it('follows its creator: demoted to member, an admin key acts as member; removed, the key is refused', async () => {
    const creator = await signUp(h.app, { name: 'Temp Admin', workspaceName: 'Temp Solo' });
    await addMember(h, owner, creator, 'admin');
    const k = await createKey(creator, { name: 'Temp admin key', role: 'admin' });
    expect((await withKey(k.secret, 'PATCH', ws(), { name: 'Keys Works' })).status).toBe(200);

    await h.control.update(memberships).set({ role: 'member' }).where(eq(memberships.userId, creator.user.id));
    expect((await withKey(k.secret, 'PATCH', ws(), { name: 'Keys Works' })).status).toBe(403);
    expect((await withKey(k.secret, 'GET', `${ws()}/companies`)).status).toBe(200);

    await h.control.delete(memberships).where(eq(memberships.userId, creator.user.id));
    expect((await withKey(k.secret, 'GET', `${ws()}/companies`)).status).toBe(401);
  });
});

describe('rate limit per key', () => {
  let g: Harness;
  let boss: SignedUp;
  beforeAll(async () => {
    g = createHarness({ apiKeyRateLimit: { requests: 3, windowSeconds: 10 } });
    boss = await signUp(g.app, { name: 'Rate Owner', workspaceName: 'Rate Works' });
  });
  afterAll(() => g.close());

  async function gKey(name: string): Promise<CreatedKey> {
    const res = await call(g.app, 'POST', `/w/${boss.workspace.slug}/api-keys`, { name, role: 'member' }, { cookie: boss.cookie });
    expect(res.status).toBe(201);
    return json<CreatedKey>(res);
  }
  const use = (k: CreatedKey) => call(g.app, 'GET', `/w/${boss.workspace.slug}/companies`, undefined, { headers: { Authorization: `Bearer ${k.secret}` } });

  it('answers 429 rate_limited with Retry-After past the limit, and lets the key in again after the window', async () => {
    const k = await gKey('Busy');
    const remaining: (string | null)[] = [];
    for (let i = 0; i < 3; i++) {
      const res = await use(k);
      expect(res.status).toBe(200);
      expect(res.headers.get('ratelimit-limit')).toBe('3');
      remaining.push(res.headers.get('ratelimit-remaining'));
    }
    expect(remaining).toEqual(['2', '1', '0']);

    const limited = await use(k);
    expect(limited.status).toBe(429);
    expect((await errorOf(limited)).code).toBe('rate_limited');
    expect(limited.headers.get('retry-after')).toBe('10');
    expect(limited.headers.get('ratelimit-remaining')).toBe('0');

    // Another key of the same workspace has its own budget; the browser session has none.
    const fresh = await gKey('Quiet');
    expect((await use(fresh)).status).toBe(200);
    expect((await call(g.app, 'GET', `/w/${boss.workspace.slug}/companies`, undefined, { cookie: boss.cookie })).status).toBe(200);

    g.clock.advance(4_000);
    const still = await use(k);
    expect(still.status).toBe(429);
    expect(still.headers.get('retry-after')).toBe('6');

    g.clock.advance(6_000);
    expect((await use(k)).status).toBe(200);
  });

  it('is off with RATE_LIMITS=off', async () => {
    const off = createHarness({ rateLimits: false, apiKeyRateLimit: { requests: 1, windowSeconds: 60 } });
    try {
      const who = await signUp(off.app, { name: 'No Limits', workspaceName: 'Unlimited' });
      const res = await call(off.app, 'POST', `/w/${who.workspace.slug}/api-keys`, { name: 'K', role: 'member' }, { cookie: who.cookie });
      const k = await json<CreatedKey>(res);
      for (let i = 0; i < 5; i++) {
        const r = await call(off.app, 'GET', `/w/${who.workspace.slug}/companies`, undefined, { headers: { Authorization: `Bearer ${k.secret}` } });
        expect(r.status).toBe(200);
        expect(r.headers.get('ratelimit-limit')).toBeNull();
      }
    } finally {
      off.close();
    }
  });
});

describe('API_KEY_RATE_LIMIT', () => {
  it('reads requests/seconds, defaults to 200/10 and rejects anything else at start-up', () => {
    expect(settingsFromEnv({}).apiKeyRateLimit).toEqual({ requests: 200, windowSeconds: 10 });
    expect(settingsFromEnv({ API_KEY_RATE_LIMIT: '1000/60' }).apiKeyRateLimit).toEqual({ requests: 1000, windowSeconds: 60 });
    expect(parseRateLimit(' 5 / 1 ')).toEqual({ requests: 5, windowSeconds: 1 });
    for (const bad of ['200', '0/10', '10/0', 'ten/10', '-1/10', '1.5/10']) {
      expect(() => parseRateLimit(bad), bad).toThrow(/API_KEY_RATE_LIMIT/);
    }
  });
});

describe('the in-memory limiter', () => {
  it('forgets ended windows once many keys are tracked, so memory stays bounded', () => {
    const limiter = createRateLimiter();
    const limit = { requests: 2, windowSeconds: 10 };
    for (let i = 0; i < 1000; i++) expect(limiter.hit(`k${i}`, limit, 0).allowed).toBe(true);
    expect(limiter.size).toBe(1000);
    // Inside the window nothing can go; after it, the next new key sweeps the ended ones out.
    limiter.hit('late', limit, 5_000);
    expect(limiter.size).toBe(1001);
    limiter.hit('later', limit, 10_000);
    expect(limiter.size).toBe(2);
  });

  it('refuses past the limit with the seconds left in the window, and resets after it', () => {
    const limiter = createRateLimiter();
    const limit = { requests: 1, windowSeconds: 10 };
    expect(limiter.hit('k', limit, 1_000)).toMatchObject({ allowed: true, remaining: 0, resetSeconds: 10 });
    expect(limiter.hit('k', limit, 3_500)).toMatchObject({ allowed: false, resetSeconds: 8 });
    expect(limiter.hit('k', limit, 11_000).allowed).toBe(true);
  });
});
