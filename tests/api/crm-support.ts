// Helpers for the tasks, deals, stages and tags tests: a caller bound to a workspace, members
// with a role, and direct reads of a tenant database to check what was (not) written.
import type { InValue } from '@libsql/client';
import { memberships } from '../../db/control/schema.ts';
import { call, json, workspaceRow, type Harness, type SignedUp } from './support.ts';

export interface Caller {
  (method: string, path: string, body?: unknown, headers?: Record<string, string>): Promise<Response>;
  /** The same request, answered as parsed JSON after checking the status. */
  ok<T>(method: string, path: string, body?: unknown, status?: number, headers?: Record<string, string>): Promise<T>;
}

/** Requests as `user`, paths relative to `/w/<slug>` of `workspace` (default: the user's own). */
export function caller(h: Harness, user: SignedUp, slug = user.workspace.slug): Caller {
  const send = (method: string, path: string, body?: unknown, headers?: Record<string, string>) =>
    call(h.app, method, `/w/${slug}${path}`, body, { cookie: user.cookie, ...(headers ? { headers } : {}) });
  const fn = send as Caller;
  fn.ok = async <T>(method: string, path: string, body?: unknown, status = method === 'POST' ? 201 : 200, headers?: Record<string, string>) => {
    const res = await send(method, path, body, headers);
    if (res.status !== status) throw new Error(`${method} ${path}: expected ${status}, got ${res.status} ${await res.text()}`);
    return json<T>(res);
  };
  return fn;
}

/** Makes `user` a member of `workspaceId` with `role` (no invitation flow needed). */
export async function addMember(h: Harness, workspaceId: string, userId: string, role: 'owner' | 'admin' | 'member'): Promise<void> {
  await h.control.insert(memberships).values({ workspaceId, userId, role, createdAt: h.clock.ms });
}

/** Rows of a query on a workspace's own database. */
export async function tenantRows(h: Harness, workspaceId: string, sql: string, args: InValue[] = []): Promise<Record<string, unknown>[]> {
  const row = await workspaceRow(h, workspaceId);
  const rs = await h.platform.tenants.open(workspaceId, row.dbLocation).execute({ sql, args });
  return rs.rows.map((r) => ({ ...r }));
}

export interface HistoryRow {
  action: string;
  changes: Record<string, [unknown, unknown]>;
  actorId: string | null;
}

/** The history of one record, oldest first. */
export async function historyOf(h: Harness, workspaceId: string, entity: string, id: string): Promise<HistoryRow[]> {
  const rows = await tenantRows(h, workspaceId, 'SELECT action, changes, actor_id FROM record_history WHERE entity = ? AND entity_id = ? ORDER BY at, id', [entity, id]);
  return rows.map((r) => ({ action: String(r['action']), changes: JSON.parse(String(r['changes'])) as HistoryRow['changes'], actorId: r['actor_id'] === null ? null : String(r['actor_id']) }));
}

/** A whole database table of a workspace as JSON, to prove a request changed nothing. */
export async function snapshot(h: Harness, workspaceId: string, table: string): Promise<string> {
  return JSON.stringify(await tenantRows(h, workspaceId, `SELECT * FROM "${table}" ORDER BY rowid`));
}
