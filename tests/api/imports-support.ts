// Helpers for the import and export tests: raw CSV uploads, waiting for a background job,
// reading whole lists, and the workspace's own database for checks the API does not expose.
import type { Client } from '@libsql/client';
import { memberships } from '../../db/control/schema.ts';
import type { ImportJob } from '../../api/domain/imports/import-job.ts';
import { call, json, ORIGIN, workspaceRow, type Harness, type SignedUp } from './support.ts';

export interface UploadOptions {
  contentType?: string;
  origin?: string | null;
  cookie?: string | null;
}

/** POSTs a file as the raw request body, the way the web wizard sends it. */
export function upload(h: Harness, who: SignedUp, path: string, body: Uint8Array<ArrayBuffer> | string, options: UploadOptions = {}): Promise<Response> {
  const headers: Record<string, string> = { 'Content-Type': options.contentType ?? 'text/csv' };
  const origin = options.origin === undefined ? ORIGIN : options.origin;
  if (origin !== null) headers['Origin'] = origin;
  const cookie = options.cookie === undefined ? who.cookie : options.cookie;
  if (cookie !== null) headers['Cookie'] = cookie;
  const bytes = typeof body === 'string' ? new TextEncoder().encode(body) : body;
  return Promise.resolve(h.app.request(`/api/v1/w/${who.workspace.slug}${path}`, { method: 'POST', headers, body: bytes }));
}

export function importUrl(params: Record<string, string | object | undefined>): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined) q.set(k, typeof v === 'string' ? v : JSON.stringify(v));
  return `/imports?${q.toString()}`;
}

/** Starts an import and expects 202; returns the job as first reported. */
export async function startImport(h: Harness, who: SignedUp, body: Uint8Array<ArrayBuffer> | string, params: Record<string, string | object | undefined>): Promise<ImportJob> {
  const res = await upload(h, who, importUrl(params), body);
  if (res.status !== 202) throw new Error(`import not accepted: ${res.status} ${await res.text()}`);
  return json<ImportJob>(res);
}

/** Polls the job until it leaves `running`; returns it with every percent value seen. */
export async function waitForJob(h: Harness, who: SignedUp, id: string, timeoutMs = 120_000): Promise<{ job: ImportJob; percents: number[] }> {
  const percents: number[] = [];
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const res = await call(h.app, 'GET', `/w/${who.workspace.slug}/imports/${id}`, undefined, { cookie: who.cookie });
    if (res.status !== 200) throw new Error(`job poll: ${res.status} ${await res.text()}`);
    const job = await json<ImportJob>(res);
    percents.push(job.percent);
    if (job.status !== 'running' && job.status !== 'pending') return { job, percents };
    if (Date.now() > deadline) throw new Error(`import ${id} still running after ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

export async function importAndWait(h: Harness, who: SignedUp, body: Uint8Array<ArrayBuffer> | string, params: Record<string, string | object | undefined>): Promise<ImportJob> {
  const started = await startImport(h, who, body, params);
  return (await waitForJob(h, who, started.id)).job;
}

/** Every item of a list endpoint, following nextCursor. */
export async function listAll<T>(h: Harness, who: SignedUp, path: string, query: Record<string, string> = {}): Promise<T[]> {
  const items: T[] = [];
  let cursor: string | null = null;
  do {
    const q = new URLSearchParams({ ...query, limit: '200', ...(cursor ? { cursor } : {}) });
    const res = await call(h.app, 'GET', `/w/${who.workspace.slug}${path}?${q.toString()}`, undefined, { cookie: who.cookie });
    if (res.status !== 200) throw new Error(`list ${path}: ${res.status} ${await res.text()}`);
    const page = await json<{ items: T[]; nextCursor: string | null }>(res);
    items.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor);
  return items;
}

export async function tenantOf(h: Harness, who: SignedUp): Promise<Client> {
  const row = await workspaceRow(h, who.workspace.id);
  return h.platform.tenants.open(row.id, row.dbLocation);
}

/** Adds a user to another workspace (there is no invitation API yet). */
export async function addMember(h: Harness, workspace: SignedUp, user: SignedUp, role: 'admin' | 'member'): Promise<void> {
  await h.control.insert(memberships).values({ workspaceId: workspace.workspace.id, userId: user.user.id, role, createdAt: Date.now() });
}
