// Helpers for the CRM record tests (companies, contacts, activities, history, timeline,
// search): workspace-scoped requests, direct rows for tables whose routes other modules
// own, a statement counter, and the cross-tenant checks every record route must pass.
import type { Client, InStatement } from '@libsql/client';
import { expect } from 'vitest';
import { newId } from '../../api/lib/ids.ts';
import { call, json, workspaceRow, type Harness, type RequestOptions, type SignedUp } from './support.ts';

/** A request to `/w/<the member's workspace><path>` with the member's session. */
export function wsCall(h: Harness, who: SignedUp, method: string, path: string, body?: unknown, options: RequestOptions = {}): Promise<Response> {
  return call(h.app, method, `/w/${who.workspace.slug}${path}`, body, { cookie: who.cookie, ...options });
}

/** Like wsCall, but expects `status` and returns the parsed body. */
export async function ok<T>(res: Promise<Response> | Response, status = 200): Promise<T> {
  const r = await res;
  if (r.status !== status) throw new Error(`expected ${status}, got ${r.status}: ${await r.text()}`);
  return status === 204 ? (undefined as T) : json<T>(r);
}

/** The raw libSQL client of a member's workspace database, for rows other modules' routes own. */
export async function tenantClient(h: Harness, who: SignedUp): Promise<Client> {
  const row = await workspaceRow(h, who.workspace.id);
  return h.platform.tenants.open(row.id, row.dbLocation);
}

export interface TaskRow {
  id?: string;
  title: string;
  companyId?: string | null;
  contactId?: string | null;
  dueAt?: number | null;
  done?: boolean;
  createdAt: number;
  deletedAt?: number | null;
}

/** Inserts a task as the tasks module stores one (its routes are not this module's). */
export async function insertTask(db: Client, t: TaskRow): Promise<string> {
  const id = t.id ?? newId(t.createdAt);
  await db.execute({
    sql: `INSERT INTO tasks (id, title, due_at, done, company_id, contact_id, version, created_at, updated_at, deleted_at)
          VALUES (?, ?, ?, ?, ?, ?, 1, ?, ?, ?)`,
    args: [id, t.title, t.dueAt ?? null, t.done ? 1 : 0, t.companyId ?? null, t.contactId ?? null, t.createdAt, t.createdAt, t.deletedAt ?? null],
  });
  return id;
}

export interface DealRow {
  title: string;
  companyId?: string | null;
  stage?: string;
  amount?: number | null;
  currency?: string | null;
  createdAt: number;
  deletedAt?: number | null;
}

/** Inserts a deal as the deals module stores one. */
export async function insertDeal(db: Client, d: DealRow): Promise<string> {
  const id = newId(d.createdAt);
  await db.execute({
    sql: `INSERT INTO deals (id, title, company_id, value_amount, value_currency, stage, version, created_at, updated_at, deleted_at)
          VALUES (?, ?, ?, ?, ?, ?, 1, ?, ?, ?)`,
    args: [id, d.title, d.companyId ?? null, d.amount ?? null, d.currency ?? null, d.stage ?? 'lead', d.createdAt, d.createdAt, d.deletedAt ?? null],
  });
  return id;
}

export interface StatementCounter {
  /** Statements sent to tenant databases since the last reset (a batch counts each statement). */
  count: number;
  reset(): void;
}

/**
 * Counts the SQL statements the app sends to tenant databases, by wrapping the clients the
 * provider hands out. Used to show that a list costs the same number of statements for 10
 * rows as for 100 (no N+1).
 */
export function countTenantStatements(h: Harness): StatementCounter {
  const counter: StatementCounter = {
    count: 0,
    reset() {
      this.count = 0;
    },
  };
  const tenants = h.platform.tenants;
  const open = tenants.open.bind(tenants);
  tenants.open = (workspaceId, location) => {
    const client = open(workspaceId, location);
    return new Proxy(client, {
      get(target, prop, receiver) {
        const value: unknown = Reflect.get(target, prop, receiver);
        if (prop === 'execute' && typeof value === 'function') {
          return (...args: unknown[]) => {
            counter.count += 1;
            return (value as (...a: unknown[]) => unknown).apply(target, args);
          };
        }
        if (prop === 'batch' && typeof value === 'function') {
          return (stmts: InStatement[], ...rest: unknown[]) => {
            counter.count += stmts.length;
            return (value as (...a: unknown[]) => unknown).apply(target, [stmts, ...rest]);
          };
        }
        return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
      },
    });
  };
  return counter;
}

export interface RouteCase {
  method: 'GET' | 'POST' | 'PATCH' | 'DELETE';
  /** Path after `/w/<ws>`. */
  path: string;
  body?: unknown;
}

/**
 * Every route with another workspace's ids answers 404 `not_found`: through the intruder's
 * own workspace (the id is not in its database) and through the victim's slug (not a member).
 */
export async function expectAllNotFound(h: Harness, intruder: SignedUp, victim: SignedUp, cases: RouteCase[]): Promise<void> {
  for (const c of cases) {
    for (const slug of [intruder.workspace.slug, victim.workspace.slug]) {
      const res = await call(h.app, c.method, `/w/${slug}${c.path}`, c.body, { cookie: intruder.cookie, headers: { 'If-Match': '"1"' } });
      expect(res.status, `${c.method} /w/${slug}${c.path}`).toBe(404);
      const body = await json<{ error: { code: string; message: string } }>(res);
      expect(body.error.code).toBe('not_found');
      expect(JSON.stringify(body)).not.toContain(victim.workspace.name);
    }
  }
}

/** Every route answers 401 `unauthenticated` without a session. */
export async function expectAllUnauthenticated(h: Harness, victim: SignedUp, cases: RouteCase[]): Promise<void> {
  for (const c of cases) {
    const res = await call(h.app, c.method, `/w/${victim.workspace.slug}${c.path}`, c.body);
    expect(res.status, `${c.method} ${c.path}`).toBe(401);
    expect((await json<{ error: { code: string } }>(res)).error.code).toBe('unauthenticated');
  }
}
