// A local stand-in for a Resend-style email API (a third-party service the tests cannot reach):
// real HTTP on 127.0.0.1, recording what arrives and answering what the test asks for.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ReceivedEmail {
  method: string;
  path: string;
  headers: IncomingMessage['headers'];
  body: unknown;
}

/** `delayMs` holds the answer back, like a slow provider (a send still in flight). */
export type EmailApiAnswer = { status: number; body: unknown; delayMs?: number } | 'hang';

export interface EmailApiFake {
  /** URL to configure as EMAIL_API_URL. */
  url: string;
  received: ReceivedEmail[];
  /** The answer to every following request (default: 200 with an id, as Resend answers). */
  answerWith(answer: EmailApiAnswer): void;
  /** The next `count` requests get `answer` (default: a 503), then the standing answer again. */
  failNext(count: number, answer?: EmailApiAnswer): void;
  close(): Promise<void>;
}

export async function startEmailApiFake(): Promise<EmailApiFake> {
  const received: ReceivedEmail[] = [];
  const hanging = new Set<ServerResponse>();
  let answer: EmailApiAnswer = { status: 200, body: { id: 'fake-message-id' } };
  const queued: EmailApiAnswer[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const text = Buffer.concat(chunks).toString('utf8');
      let body: unknown = text;
      try {
        body = JSON.parse(text);
      } catch {
        // kept as text: the test sees what was sent
      }
      received.push({ method: req.method ?? '', path: req.url ?? '', headers: req.headers, body });
      const current = queued.shift() ?? answer;
      if (current === 'hang') {
        hanging.add(res);
        return;
      }
      const reply = () => {
        res.writeHead(current.status, { 'content-type': 'application/json' });
        res.end(JSON.stringify(current.body));
      };
      if (current.delayMs) setTimeout(reply, current.delayMs);
      else reply();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/emails`,
    received,
    answerWith(a) {
      answer = a;
      queued.length = 0;
    },
    failNext(count, a = { status: 503, body: { message: 'Service unavailable' } }) {
      for (let i = 0; i < count; i++) queued.push(a);
    },
    async close() {
      for (const res of hanging) res.destroy();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
