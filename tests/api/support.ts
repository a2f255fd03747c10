// Shared harness for the API tests: the real app (createApp) on a real Node platform
// (libSQL files) in a fresh temporary folder, with a controllable clock and quiet logger.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { eq } from 'drizzle-orm';
import { createApp, type TandemApp } from '../../api/app.ts';
import type { BillingSettings } from '../../api/billing/create-provider.ts';
import { createNodePlatform } from '../../api/node-platform.ts';
import type { Platform } from '../../api/platform.ts';
import { controlDb, migrateControl, type ControlDb } from '../../db/control/client.ts';
import { workspaces } from '../../db/control/schema.ts';
import { migrations as tenantMigrations } from '../../db/tenant/migrations/index.ts';
import { LATEST_TENANT_VERSION } from '../../db/tenants/migrate-tenant.ts';

export const ORIGIN = 'http://localhost';

/** The newest tenant schema version (the number of tenant migrations). */
export const LATEST = LATEST_TENANT_VERSION;
export { tenantMigrations };

export interface Clock {
  /** Milliseconds since the epoch the platform reports as "now". */
  ms: number;
  advance(ms: number): void;
}

export interface LoggedLine {
  level: 'info' | 'error';
  message: string;
  data: Record<string, unknown> | undefined;
}

export interface Harness {
  dir: string;
  dataDir: string;
  platform: Platform & { close(): void };
  app: TandemApp;
  clock: Clock;
  logs: LoggedLine[];
  /** Drizzle over the platform's control client. */
  control: ControlDb;
  close(): void;
}

export interface HarnessOptions {
  appOrigin?: string;
  rateLimits?: boolean;
  /** Per-key API rate limit (defaults to the production 200 per 10 s). */
  apiKeyRateLimit?: { requests: number; windowSeconds: number };
  /** Start time of the fake clock (defaults to the real time at creation). */
  startAt?: number;
  /** Stripe settings (tests point STRIPE_API_BASE at a local fake); none: the local provider. */
  billing?: BillingSettings;
}

/** A fresh data folder, platform and app. Call `close()` in afterAll. */
export function createHarness(options: HarnessOptions = {}): Harness {
  const dir = mkdtempSync(join(tmpdir(), 'tandem-api-'));
  const dataDir = join(dir, 'data');
  const platform = createNodePlatform({
    dataDir,
    appOrigin: options.appOrigin,
    rateLimits: options.rateLimits ?? true,
    apiKeyRateLimit: options.apiKeyRateLimit,
    billing: options.billing,
  });
  const clock: Clock = {
    ms: options.startAt ?? Date.now(),
    advance(ms) {
      this.ms += ms;
    },
  };
  platform.now = () => new Date(clock.ms);
  const logs: LoggedLine[] = [];
  platform.logger = {
    info: (message, data) => logs.push({ level: 'info', message, data }),
    error: (message, data) => logs.push({ level: 'error', message, data }),
  };
  const app = createApp(platform);
  return {
    dir,
    dataDir,
    platform,
    app,
    clock,
    logs,
    control: controlDb(platform.control()),
    close() {
      platform.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export interface RequestOptions {
  cookie?: string | undefined;
  /** `null` sends no Origin header at all. */
  origin?: string | null;
  contentType?: string | null;
  headers?: Record<string, string>;
  /** A raw body sent as is (instead of JSON-encoding `body`). */
  rawBody?: string;
}

/** A request the way the web app sends it: JSON, same Origin, the session cookie. */
export function call(app: TandemApp, method: string, path: string, body?: unknown, options: RequestOptions = {}): Promise<Response> {
  const headers: Record<string, string> = { ...options.headers };
  const url = path.startsWith('http') ? path : `/api/v1${path}`;
  const hasBody = body !== undefined || options.rawBody !== undefined;
  if (method !== 'GET' && method !== 'HEAD') {
    const origin = options.origin === undefined ? (path.startsWith('http') ? new URL(path).origin : ORIGIN) : options.origin;
    if (origin !== null) headers['Origin'] = origin;
  }
  if (hasBody && options.contentType !== null) headers['Content-Type'] = options.contentType ?? 'application/json';
  if (options.cookie) headers['Cookie'] = options.cookie;
  return Promise.resolve(
    app.request(url, {
      method,
      headers,
      ...(hasBody ? { body: options.rawBody ?? JSON.stringify(body) } : {}),
    }),
  );
}

export async function json<T>(res: Response): Promise<T> {
  return (await res.json()) as T;
}

export interface ErrorBody {
  error: { code: string; message: string; fields?: Record<string, string>; requestId?: string };
}

export interface UserBody {
  id: string;
  email: string;
  name: string;
  locale: string | null;
  emailVerified: boolean;
  createdAt: string;
}

export interface WorkspaceBody {
  id: string;
  slug: string;
  name: string;
  plan: 'free' | 'pro';
  country: string;
  currency: string;
  role: 'owner' | 'admin' | 'member';
  limits: { members: number | null; records: number | null; storageBytes: number | null };
  createdAt: string;
  updatedAt: string;
}

export interface MeBody {
  user: UserBody;
  workspaces: { id: string; slug: string; name: string; plan: string; role: string }[];
}

/** Reads an error answer and checks the parts every error must have. */
export async function errorOf(res: Response): Promise<ErrorBody['error']> {
  const body = await json<ErrorBody>(res);
  if (!body.error || typeof body.error.code !== 'string' || typeof body.error.message !== 'string') {
    throw new Error(`not an error body: ${JSON.stringify(body)}`);
  }
  return body.error;
}

/** `name=value` of the session cookie in a response, for the next request's Cookie header. */
export function sessionCookie(res: Response): string {
  const set = res.headers.getSetCookie().find((c) => c.startsWith('tandem_session='));
  if (!set) throw new Error(`no session cookie in response (status ${res.status})`);
  return set.split(';')[0]!;
}

export const PASSWORD = 'correct horse battery staple';

let counter = 0;
/** A unique, valid email for this process. */
export function uniqueEmail(prefix = 'user'): string {
  counter += 1;
  return `${prefix}-${counter}-${Math.random().toString(36).slice(2, 8)}@example.cz`;
}

export interface SignedUp {
  cookie: string;
  user: UserBody;
  workspace: WorkspaceBody;
  email: string;
  password: string;
}

/** Signs up through the API and returns the session cookie, user and first workspace. */
export async function signUp(
  app: TandemApp,
  input: { email?: string; password?: string; name?: string; workspaceName?: string } = {},
): Promise<SignedUp> {
  const email = input.email ?? uniqueEmail();
  const password = input.password ?? PASSWORD;
  const res = await call(app, 'POST', '/auth/signup', {
    email,
    password,
    name: input.name ?? 'Jana Nováková',
    workspaceName: input.workspaceName ?? 'Acme s.r.o.',
  });
  if (res.status !== 201) throw new Error(`sign-up failed: ${res.status} ${await res.text()}`);
  const body = await json<{ user: UserBody; workspace: WorkspaceBody }>(res);
  return { cookie: sessionCookie(res), user: body.user, workspace: body.workspace, email, password };
}

export async function logIn(app: TandemApp, email: string, password: string): Promise<Response> {
  return call(app, 'POST', '/auth/login', { email, password });
}

/** The workspace's control-plane row. */
export async function workspaceRow(h: Harness, id: string): Promise<typeof workspaces.$inferSelect> {
  const [row] = await h.control.select().from(workspaces).where(eq(workspaces.id, id));
  if (!row) throw new Error(`no workspace ${id}`);
  return row;
}

/**
 * Puts a workspace on a plan directly in the control DB, for tests about something else than
 * billing (bulk data past the free limits). Billing's own tests go through /billing/plan.
 */
export async function setPlan(h: Harness, workspaceId: string, plan: 'free' | 'pro'): Promise<void> {
  await h.control.update(workspaces).set({ plan }).where(eq(workspaces.id, workspaceId));
}

/** Makes sure the control schema exists without going through a request. */
export async function ensureControl(h: Harness): Promise<void> {
  await migrateControl(h.platform.control());
}

/** Table names of a tenant database (sqlite's internal tables left out). */
export async function tenantTables(h: Harness, workspaceId: string): Promise<string[]> {
  const row = await workspaceRow(h, workspaceId);
  const rs = await h.platform.tenants
    .open(workspaceId, row.dbLocation)
    .execute("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name");
  return rs.rows.map((r) => String(r['name']));
}

/** Tables a tenant migration creates (plain and virtual), in the order it creates them. */
function tablesCreatedBy(statements: string[]): string[] {
  const names: string[] = [];
  for (const sql of statements) {
    const m = /^\s*CREATE\s+(?:VIRTUAL\s+)?TABLE\s+(?:IF\s+NOT\s+EXISTS\s+)?[`"]?([A-Za-z0-9_]+)/i.exec(sql.replace(/^\s*--.*$/gm, ''));
    if (m) names.push(m[1]!);
  }
  return names;
}

/**
 * Turns a current workspace back into one created when only tenant migration 1 existed:
 * every table of the later migrations dropped, their ledger rows deleted, and the control
 * row saying schemaVersion 1 (plus any control fields given, e.g. a migration lock).
 */
export async function makeTenantOld(h: Harness, workspaceId: string, control: Partial<typeof workspaces.$inferInsert> = {}): Promise<void> {
  const row = await workspaceRow(h, workspaceId);
  const db = h.platform.tenants.open(workspaceId, row.dbLocation);
  const later = tenantMigrations.slice(1).flatMap((m) => tablesCreatedBy(m.statements));
  await db.batch([...later.reverse().map((t) => `DROP TABLE IF EXISTS "${t}"`), 'DELETE FROM _migrations WHERE version >= 2'], 'write');
  await h.control
    .update(workspaces)
    .set({ schemaVersion: 1, migrationStatus: 'ready', migrationLockedAt: null, migrationError: null, ...control })
    .where(eq(workspaces.id, workspaceId));
}

/** The tenant's migration ledger, oldest first. */
export async function tenantLedger(h: Harness, workspaceId: string): Promise<{ version: number; tag: string }[]> {
  const row = await workspaceRow(h, workspaceId);
  const rs = await h.platform.tenants.open(workspaceId, row.dbLocation).execute('SELECT version, tag FROM _migrations ORDER BY version');
  return rs.rows.map((r) => ({ version: Number(r['version']), tag: String(r['tag']) }));
}
