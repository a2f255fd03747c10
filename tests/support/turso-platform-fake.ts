/**
 * TEST INFRASTRUCTURE: a stand-in for the few Turso Platform API endpoints the tenant provider
 * calls (create, get and delete a database), on 127.0.0.1. It checks what Turso checks that
 * matters here (bearer token, organization, group, name rules, duplicates) and answers in
 * Turso's shapes: `{ database: { DbId, Hostname, Name, group } }` and `{ error: "…" }`.
 * `onCreate`/`onDelete` let a suite back each database with a real one (the Hrana server).
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { randomUUID } from 'node:crypto';

export interface TursoFakeOptions {
  org: string;
  /** Groups that exist; creating a database elsewhere is a 404 as on Turso. */
  groups: string[];
  apiToken: string;
  onCreate?: (name: string) => void | Promise<void>;
  onDelete?: (name: string) => void | Promise<void>;
}

export interface FakeDatabase {
  DbId: string;
  Name: string;
  Hostname: string;
  group: string;
}

export interface RecordedRequest {
  method: string;
  path: string;
  authorization: string | undefined;
  contentType: string | undefined;
  body: unknown;
}

export interface TursoPlatformFake {
  /** Base URL to pass as the provider's `apiUrl`. */
  readonly url: string;
  readonly databases: Map<string, FakeDatabase>;
  readonly requests: RecordedRequest[];
  /** The next request (any endpoint) is answered with this status and body instead. */
  failNext(status: number, body: unknown): void;
  close(): Promise<void>;
}

const NAME_RULE = /^[a-z0-9-]{1,64}$/;

export async function startTursoPlatformFake(options: TursoFakeOptions): Promise<TursoPlatformFake> {
  const databases = new Map<string, FakeDatabase>();
  const requests: RecordedRequest[] = [];
  const failures: { status: number; body: unknown }[] = [];

  function send(res: ServerResponse, status: number, body: unknown): void {
    const text = typeof body === 'string' ? body : JSON.stringify(body);
    res.writeHead(status, { 'content-type': typeof body === 'string' ? 'text/plain' : 'application/json' });
    res.end(text);
  }

  async function readJson(req: IncomingMessage): Promise<unknown> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const text = Buffer.concat(chunks).toString('utf8');
    if (text === '') return undefined;
    try {
      return JSON.parse(text) as unknown;
    } catch {
      return text;
    }
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const body = await readJson(req);
    requests.push({
      method: req.method ?? '',
      path: url.pathname,
      authorization: req.headers.authorization,
      contentType: req.headers['content-type'],
      body,
    });
    const failure = failures.shift();
    if (failure) return send(res, failure.status, failure.body);

    if (req.headers.authorization !== `Bearer ${options.apiToken}`) return send(res, 401, { error: 'invalid or expired auth token' });

    const m = /^\/v1\/organizations\/([^/]+)\/databases(?:\/([^/]+))?$/.exec(url.pathname);
    if (!m) return send(res, 404, { error: 'not found' });
    const org = decodeURIComponent(m[1] ?? '');
    const name = m[2] === undefined ? undefined : decodeURIComponent(m[2]);
    if (org !== options.org) return send(res, 404, { error: `organization ${org} not found` });

    if (name === undefined && req.method === 'POST') {
      const input = (typeof body === 'object' && body !== null ? body : {}) as { name?: unknown; group?: unknown };
      if (typeof input.name !== 'string' || !NAME_RULE.test(input.name)) {
        return send(res, 400, { error: 'database name must only contain lowercase letters, numbers, dashes and be at most 64 characters' });
      }
      if (typeof input.group !== 'string') return send(res, 400, { error: 'group is required' });
      if (!options.groups.includes(input.group)) return send(res, 404, { error: `group ${input.group} not found` });
      if (databases.has(input.name)) return send(res, 409, { error: `database ${input.name} already exists` });
      const db: FakeDatabase = {
        DbId: randomUUID(),
        Name: input.name,
        Hostname: `${input.name}-${options.org}.turso.io`,
        group: input.group,
      };
      await options.onCreate?.(db.Name);
      databases.set(db.Name, db);
      return send(res, 200, { database: { DbId: db.DbId, Hostname: db.Hostname, Name: db.Name } });
    }
    if (name !== undefined && req.method === 'GET') {
      const db = databases.get(name);
      if (!db) return send(res, 404, { error: `database ${name} not found` });
      return send(res, 200, { database: { ...db, primaryRegion: 'fra', regions: ['fra'], type: 'logical' } });
    }
    if (name !== undefined && req.method === 'DELETE') {
      if (!databases.has(name)) return send(res, 404, { error: `database ${name} not found` });
      await options.onDelete?.(name);
      databases.delete(name);
      return send(res, 200, { database: name });
    }
    return send(res, 405, { error: 'method not allowed' });
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((e: unknown) => send(res, 500, { error: (e as Error).message }));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}`,
    databases,
    requests,
    failNext(status, body) {
      failures.push({ status, body });
    },
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
