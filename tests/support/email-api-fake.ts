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

export type EmailApiAnswer = { status: number; body: unknown } | 'hang';

export interface EmailApiFake {
  /** URL to configure as EMAIL_API_URL. */
  url: string;
  received: ReceivedEmail[];
  /** The answer to every following request (default: 200 with an id, as Resend answers). */
  answerWith(answer: EmailApiAnswer): void;
  close(): Promise<void>;
}

export async function startEmailApiFake(): Promise<EmailApiFake> {
  const received: ReceivedEmail[] = [];
  const hanging = new Set<ServerResponse>();
  let answer: EmailApiAnswer = { status: 200, body: { id: 'fake-message-id' } };
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
      if (answer === 'hang') {
        hanging.add(res);
        return;
      }
      res.writeHead(answer.status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(answer.body));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/emails`,
    received,
    answerWith(a) {
      answer = a;
    },
    async close() {
      for (const res of hanging) res.destroy();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
