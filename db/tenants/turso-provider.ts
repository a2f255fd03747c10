import { createClient } from '@libsql/client/web';
import type { TenantProvider } from './provider.ts';

export interface TursoProviderOptions {
  /** Platform API base; Turso's unless a test points it elsewhere. */
  apiUrl?: string;
  /** Organization slug the databases belong to. */
  org: string;
  /** Group every workspace database is created in; one group token then reaches them all. */
  group: string;
  /** Platform API token (creates and deletes databases). */
  apiToken: string;
  /** Group auth token handed to the libSQL client. */
  groupToken: string;
  /** Replaces the global `fetch` for Platform API calls (tests). */
  fetch?: typeof fetch;
  /** Client URL of a created database; `libsql://<hostname>` by default. */
  databaseUrl?: (hostname: string, name: string) => string;
}

/** A non-2xx answer from the Platform API. The message carries Turso's reason, never a token. */
export class TursoApiError extends Error {
  readonly status: number;
  constructor(message: string, status: number) {
    super(message);
    this.name = 'TursoApiError';
    this.status = status;
  }
}

const MAX_NAME = 64;
const API_TIMEOUT_MS = 15_000;

/**
 * The Turso database name of a workspace: `ws-` and the id in lower case without separators.
 * Turso allows lowercase letters, digits and dashes; the hostname `<name>-<org>.turso.io` must
 * also fit a DNS label, so dropping the separators of a UUID keeps it short. Workspace ids are
 * ULIDs or UUIDs, whose separators sit at fixed places, so the mapping stays one-to-one.
 */
export function tursoDatabaseName(workspaceId: string): string {
  const core = workspaceId.toLowerCase().replace(/[-_]/g, '');
  if (!/^[a-z0-9]+$/.test(core)) throw new Error(`Workspace id ${JSON.stringify(workspaceId)} cannot name a Turso database`);
  const name = `ws-${core}`;
  if (name.length > MAX_NAME) throw new Error(`Turso database name for workspace ${JSON.stringify(workspaceId)} is longer than ${MAX_NAME}`);
  return name;
}

interface DatabaseInfo {
  hostname: string;
  group: string | undefined;
}

function readDatabase(body: unknown): DatabaseInfo | undefined {
  if (typeof body !== 'object' || body === null) return undefined;
  const db = (body as { database?: unknown }).database;
  if (typeof db !== 'object' || db === null) return undefined;
  const { Hostname, group } = db as { Hostname?: unknown; group?: unknown };
  if (typeof Hostname !== 'string' || Hostname === '') return undefined;
  return { hostname: Hostname, group: typeof group === 'string' ? group : undefined };
}

/** Turso answers errors as `{ "error": "…" }`; other shapes are kept short and as text. */
function reasonOf(status: number, text: string): string {
  try {
    const body = JSON.parse(text) as unknown;
    if (typeof body === 'object' && body !== null) {
      const { error, message } = body as { error?: unknown; message?: unknown };
      if (typeof error === 'string') return error;
      if (typeof message === 'string') return message;
    }
  } catch {
    // not JSON: fall through to the raw text
  }
  const trimmed = text.trim().slice(0, 200);
  return trimmed === '' ? `HTTP ${status}` : trimmed;
}

/** One database per workspace in a Turso group, created and dropped through the Platform API. */
export function createTursoProvider(options: TursoProviderOptions): TenantProvider {
  const apiUrl = (options.apiUrl ?? 'https://api.turso.tech').replace(/\/+$/, '');
  const base = `${apiUrl}/v1/organizations/${encodeURIComponent(options.org)}/databases`;
  // Called through a wrapper: Workers reject `fetch` invoked without its global receiver.
  const doFetch: typeof fetch = options.fetch ?? ((input, init) => fetch(input, init));
  const databaseUrl = options.databaseUrl ?? ((hostname: string) => `libsql://${hostname}`);

  async function call(method: string, url: string, body?: unknown): Promise<{ status: number; json: unknown; text: string }> {
    const headers: Record<string, string> = { authorization: `Bearer ${options.apiToken}`, accept: 'application/json' };
    const init: RequestInit = { method, headers, signal: AbortSignal.timeout(API_TIMEOUT_MS) };
    if (body !== undefined) {
      headers['content-type'] = 'application/json';
      init.body = JSON.stringify(body);
    }
    const res = await doFetch(url, init);
    const text = await res.text();
    let json: unknown;
    try {
      json = text === '' ? undefined : JSON.parse(text);
    } catch {
      json = undefined;
    }
    return { status: res.status, json, text };
  }

  function fail(method: string, url: string, status: number, text: string): TursoApiError {
    const path = url.slice(apiUrl.length);
    return new TursoApiError(`Turso Platform API ${method} ${path} failed with ${status}: ${reasonOf(status, text)}`, status);
  }

  async function existing(name: string): Promise<DatabaseInfo> {
    const url = `${base}/${encodeURIComponent(name)}`;
    const res = await call('GET', url);
    const info = res.status >= 200 && res.status < 300 ? readDatabase(res.json) : undefined;
    if (!info) throw fail('GET', url, res.status, res.text);
    return info;
  }

  return {
    kind: 'turso',

    async create(workspaceId) {
      const name = tursoDatabaseName(workspaceId);
      const res = await call('POST', base, { name, group: options.group });
      let info: DatabaseInfo | undefined;
      if (res.status >= 200 && res.status < 300) {
        info = readDatabase(res.json);
        if (!info) throw fail('POST', base, res.status, 'answer without database.Hostname');
      } else if (res.status === 409) {
        // A retried sign-up finds the database its first attempt created: use it.
        info = await existing(name);
        if (info.group !== undefined && info.group !== options.group) {
          throw new TursoApiError(`Turso database ${name} already exists in group ${info.group}, not ${options.group}`, 409);
        }
      } else {
        throw fail('POST', base, res.status, res.text);
      }
      return databaseUrl(info.hostname, name);
    },

    open(_workspaceId, location) {
      // A new client per call: on Workers its I/O objects must not outlive the request.
      return createClient({ url: location, authToken: options.groupToken });
    },

    async destroy(workspaceId) {
      const name = tursoDatabaseName(workspaceId);
      const url = `${base}/${encodeURIComponent(name)}`;
      const res = await call('DELETE', url);
      // Already gone is what the caller wanted.
      if ((res.status >= 200 && res.status < 300) || res.status === 404) return;
      throw fail('DELETE', url, res.status, res.text);
    },
  };
}
