// A local stand-in for ARES's REST API (a third-party service the tests cannot reach),
// serving the documented JSON shapes from shared/fixtures/cz over real HTTP on 127.0.0.1.
import { readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

const FIXTURES = '/work/shared/fixtures/cz';

export const aresSubject = JSON.parse(readFileSync(`${FIXTURES}/ares-subject.json`, 'utf8')) as Record<string, unknown> & { ico: string };
export const aresNotFound = JSON.parse(readFileSync(`${FIXTURES}/ares-error.json`, 'utf8')) as Record<string, unknown>;
export const aresBadRequest = (JSON.parse(readFileSync(`${FIXTURES}/ares-error-400.json`, 'utf8')) as Record<string, unknown>[])[0]!;

export type FakeAnswer = { status: number; body: unknown } | { status: number; raw: string } | 'hang';

export interface AresFake {
  /** Base URL to configure as the platform's aresBaseUrl. */
  url: string;
  /** Paths and Accept headers of the requests received, oldest first. */
  requests: { path: string; accept: string | undefined }[];
  /** Overrides the answer for one IČO (default: the subject fixture for its IČO, 404 otherwise). */
  answer(ico: string, answer: FakeAnswer): void;
  close(): Promise<void>;
}

const PREFIX = '/ekonomicke-subjekty-v-be/rest/ekonomicke-subjekty/';

export async function startAresFake(): Promise<AresFake> {
  const answers = new Map<string, FakeAnswer>();
  const requests: AresFake['requests'] = [];
  const hanging = new Set<ServerResponse>();
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const path = req.url ?? '';
    requests.push({ path, accept: req.headers.accept });
    const json = (status: number, body: unknown) => {
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(body));
    };
    if (req.method !== 'GET' || !path.startsWith(PREFIX)) return json(404, { kod: 'NENALEZENO' });
    const ico = decodeURIComponent(path.slice(PREFIX.length));
    const answer = answers.get(ico) ?? (ico === aresSubject.ico ? { status: 200, body: aresSubject } : /^\d{8}$/.test(ico) ? { status: 404, body: aresNotFound } : { status: 400, body: aresBadRequest });
    if (answer === 'hang') {
      hanging.add(res);
      return;
    }
    if ('raw' in answer) {
      res.writeHead(answer.status, { 'content-type': 'application/json' });
      res.end(answer.raw);
      return;
    }
    json(answer.status, answer.body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/ekonomicke-subjekty-v-be/rest`,
    requests,
    answer: (ico, answer) => answers.set(ico, answer),
    close: () =>
      new Promise<void>((resolve) => {
        for (const res of hanging) res.destroy();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** A base URL where nothing listens (connection refused): a port just released by a server. */
export async function unusedBaseUrl(): Promise<string> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return `http://127.0.0.1:${port}/ekonomicke-subjekty-v-be/rest`;
}
