// Outbox retries (api/mail/retry-outbox.ts) with the real HTTP transport against the local
// email API fake and the console transport, on the harness's control DB and clock: when a
// failed message is due again, when it is given up, that overlapping runs deliver it once,
// and the runners the Node server and the Worker use.
import { createClient, type Client, type InArgs, type InStatement } from '@libsql/client';
import { eq } from 'drizzle-orm';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { httpTransport } from '../../api/mail/http-transport.ts';
import { consoleTransport, outboxMailer, type EmailMessage, type MailTransport } from '../../api/mail/mailer.ts';
import { runOutboxRetry, startOutboxRetryLoop } from '../../api/mail/outbox-retry-runner.ts';
import { dueAfterMs, MAX_ATTEMPTS, retryOutbox, type RetryOptions } from '../../api/mail/retry-outbox.ts';
import { controlDb } from '../../db/control/client.ts';
import { emailOutbox } from '../../db/control/schema.ts';
import { startEmailApiFake, type EmailApiFake } from '../support/email-api-fake.ts';
import { linkIn, mailTo } from './account-support.ts';
import { call, createHarness, ensureControl, json, signUp, type Harness, type UserBody } from './support.ts';

const T0 = Date.UTC(2026, 2, 2, 8, 0);
const MIN = 60_000;
const HOUR = 60 * MIN;
const OK = { status: 200, body: { id: 'fake-message-id' } };

let fake: EmailApiFake;
let h: Harness;
let http: MailTransport;

beforeAll(async () => {
  fake = await startEmailApiFake();
});
afterAll(async () => {
  await fake.close();
});
beforeEach(async () => {
  h = createHarness({ startAt: T0 });
  await ensureControl(h);
  fake.received.length = 0;
  fake.answerWith(OK);
  http = httpTransport({ url: fake.url, apiKey: 're_test_key', from: 'Tandem <noreply@tandem.test>', timeoutMs: 2000 });
  h.platform.mailer = outboxMailer(http, () => h.platform.logger);
});
afterEach(() => {
  h.close();
});

let n = 0;
const message = (): EmailMessage => {
  n += 1;
  return { to: `jana-${n}@example.cz`, subject: `Pozvánka ${n}`, text: `Odkaz ${n}: https://app/invitations/abc${n}`, kind: 'invitation' };
};
/** A message whose first delivery (the mailer's own) fails with a 503. */
async function failedSend(): Promise<string> {
  fake.failNext(1);
  const { id } = await h.platform.mailer.send(h.control, message(), h.clock.ms);
  expect((await row(id)).sentAt).toBeNull();
  return id;
}
const row = async (id: string) => (await h.control.select().from(emailOutbox).where(eq(emailOutbox.id, id)))[0]!;
const retry = (options: RetryOptions = {}) => retryOutbox(h.control, http, h.clock.ms, { logger: h.platform.logger, ...options });
const requestsFor = (id: string) => fake.received.filter((r) => r.headers['idempotency-key'] === id);
const nothing = { sent: 0, failed: 0, gaveUp: 0 };

async function until(check: () => boolean | Promise<boolean>, what: string): Promise<void> {
  const deadline = Date.now() + 5000;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

describe('retryOutbox', () => {
  it('retries a failed send once it is due and not before, with the same message and idempotency key', async () => {
    const id = await failedSend();
    expect(await row(id)).toMatchObject({ attempts: 1, lastError: expect.stringMatching(/^email API answered 503/) });
    const first = fake.received[0]!;

    h.clock.advance(MIN - 1);
    expect(await retry()).toEqual(nothing);
    expect(fake.received).toHaveLength(1);

    h.clock.advance(1);
    expect(await retry()).toEqual({ sent: 1, failed: 0, gaveUp: 0 });
    expect(fake.received).toHaveLength(2);
    const again = fake.received[1]!;
    expect(again.body).toEqual(first.body);
    expect(again.headers['idempotency-key']).toBe(id);
    // Sent now; the error that delayed it stays as the reason it came late.
    expect(await row(id)).toMatchObject({ sentAt: T0 + MIN, attempts: 2, lastError: expect.stringMatching(/^email API answered 503/) });

    h.clock.advance(HOUR);
    expect(await retry()).toEqual(nothing);
    expect(requestsFor(id)).toHaveLength(2);
  });

  it('follows the backoff 1 min, 5 min, 30 min, 2 h, 6 h after the previous attempt; the 6th attempt may still succeed', async () => {
    const offsets = [1, 2, 3, 4, 5].map((a) => dueAfterMs(a));
    expect(offsets).toEqual([MIN, 6 * MIN, 36 * MIN, 156 * MIN, 516 * MIN]);
    const id = await failedSend();
    fake.failNext(4);
    for (const [i, offset] of offsets.entries()) {
      h.clock.ms = T0 + offset - 1;
      expect(await retry(), `attempt ${i + 2} a moment early`).toEqual(nothing);
      h.clock.ms = T0 + offset;
      const last = i === offsets.length - 1;
      expect(await retry(), `attempt ${i + 2}`).toEqual(last ? { sent: 1, failed: 0, gaveUp: 0 } : { sent: 0, failed: 1, gaveUp: 0 });
      expect((await row(id)).attempts).toBe(i + 2);
    }
    expect(await row(id)).toMatchObject({ attempts: MAX_ATTEMPTS, sentAt: T0 + offsets[4]! });
    expect(requestsFor(id)).toHaveLength(6);
  });

  it('gives up after 6 attempts, keeping the row unsent with its last error', async () => {
    const id = await failedSend();
    fake.answerWith({ status: 422, body: { message: 'The from address is not verified.' } });
    const counts = [];
    for (const a of [1, 2, 3, 4, 5]) {
      h.clock.ms = T0 + dueAfterMs(a);
      counts.push(await retry());
    }
    expect(counts.map((c) => [c.failed, c.gaveUp])).toEqual([[1, 0], [1, 0], [1, 0], [1, 0], [0, 1]]);
    expect(await row(id)).toMatchObject({ sentAt: null, attempts: 6, lastError: expect.stringMatching(/^email API answered 422: .*not verified/) });
    expect(h.logs.filter((l) => l.message === 'email delivery given up').map((l) => l.data?.['id'])).toEqual([id]);

    fake.answerWith(OK);
    h.clock.ms = T0 + 47 * HOUR;
    expect(await retry()).toEqual(nothing);
    expect(requestsFor(id)).toHaveLength(6);
  });

  it('stops after 48 h even with attempts left, and catches up with overdue rows before that', async () => {
    const stale = await failedSend();
    h.clock.ms = T0 + 48 * HOUR;
    const fresh = await failedSend();
    // The old row is past its window: left as it is, not deleted. The new one is not due yet.
    expect(await retry()).toEqual(nothing);
    expect(await row(stale)).toMatchObject({ sentAt: null, attempts: 1, lastError: expect.stringMatching(/503/) });

    // Overdue by several steps (the server was down): retried on the next runs, one attempt each.
    h.clock.ms = T0 + 48 * HOUR + 3 * HOUR;
    fake.failNext(1);
    expect(await retry()).toEqual({ sent: 0, failed: 1, gaveUp: 0 });
    expect(await retry()).toEqual({ sent: 1, failed: 0, gaveUp: 0 });
    expect(await row(fresh)).toMatchObject({ attempts: 3, sentAt: h.clock.ms });
    expect(requestsFor(stale)).toHaveLength(1);
  });

  it('takes the oldest due rows first, a bounded batch per run', async () => {
    const ids = [];
    for (let i = 0; i < 3; i++) {
      ids.push(await failedSend());
      h.clock.advance(1000);
    }
    fake.received.length = 0;
    h.clock.advance(HOUR);
    expect(await retry({ batchSize: 2 })).toEqual({ sent: 2, failed: 0, gaveUp: 0 });
    expect(fake.received.map((r) => r.headers['idempotency-key'])).toEqual(ids.slice(0, 2));
    expect(await retry({ batchSize: 2 })).toEqual({ sent: 1, failed: 0, gaveUp: 0 });
    expect(fake.received.map((r) => r.headers['idempotency-key'])).toEqual(ids);
  });

  it('retries a row whose first send never reported back (attempts 0), after the first delay', async () => {
    const id = 'outbox-crashed-mid-send';
    await h.control.insert(emailOutbox).values({ id, ...message(), createdAt: T0 });
    h.clock.ms = T0 + MIN - 1;
    expect(await retry()).toEqual(nothing);
    h.clock.ms = T0 + MIN;
    expect(await retry()).toEqual({ sent: 1, failed: 0, gaveUp: 0 });
    expect(await row(id)).toMatchObject({ attempts: 1, sentAt: T0 + MIN, lastError: null });
  });

  it('redelivers through the console transport too (the log is the delivery)', async () => {
    const id = await failedSend();
    const sent = await row(id);
    h.clock.advance(MIN);
    const counts = await retryOutbox(h.control, consoleTransport(() => h.platform.logger), h.clock.ms);
    expect(counts).toEqual({ sent: 1, failed: 0, gaveUp: 0 });
    const logged = h.logs.find((l) => l.level === 'info' && l.message === 'email');
    expect(logged?.data).toMatchObject({ to: sent.to, subject: sent.subject, text: sent.text, kind: 'invitation' });
    expect(await row(id)).toMatchObject({ sentAt: T0 + MIN, attempts: 2 });
    expect(fake.received).toHaveLength(1);
  });
});

describe('the retry query', () => {
  it('reads the unsent rows through the partial index email_outbox_unsent_idx, not the whole table', async () => {
    await failedSend();
    const client = h.platform.control();
    const seen: { sql: string; args: InArgs }[] = [];
    const logging = new Proxy(client, {
      get(target, prop, receiver) {
        if (prop === 'execute') {
          return (stmt: InStatement, args?: InArgs) => {
            seen.push(typeof stmt === 'string' ? { sql: stmt, args: args ?? [] } : { sql: stmt.sql, args: stmt.args ?? [] });
            return target.execute(stmt as string, args);
          };
        }
        const value: unknown = Reflect.get(target, prop, receiver);
        return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
      },
    });
    expect((await retryOutbox(controlDb(logging), http, h.clock.ms + HOUR)).sent).toBe(1);
    const select = seen.find((s) => /^select/i.test(s.sql) && s.sql.includes('"email_outbox"'));
    expect(select).toBeDefined();
    const plan = await client.execute({ sql: `EXPLAIN QUERY PLAN ${select!.sql}`, args: select!.args });
    expect(plan.rows.map((r) => String(r['detail'])).join('\n')).toContain('email_outbox_unsent_idx');
  });
});

describe('overlapping runs', () => {
  let other: Client;
  beforeEach(() => {
    // A second connection to the same file: another process running the same retry.
    other = createClient({ url: `file:${join(h.dataDir, 'control.db')}` });
  });
  afterEach(() => other.close());

  it('deliver each message once when two runs start together', async () => {
    const ids = [await failedSend(), await failedSend(), await failedSend()];
    fake.received.length = 0;
    fake.answerWith({ ...OK, delayMs: 50 });
    h.clock.advance(MIN);
    const [a, b] = await Promise.all([retry(), retryOutbox(controlDb(other), http, h.clock.ms)]);
    expect(a.sent + b.sent).toBe(3);
    expect(a.failed + b.failed + a.gaveUp + b.gaveUp).toBe(0);
    expect(fake.received.map((r) => r.headers['idempotency-key']).sort()).toEqual([...ids].sort());
    for (const id of ids) expect(await row(id)).toMatchObject({ attempts: 2, sentAt: T0 + MIN });
  });

  it('leave an overdue message alone while another run is still delivering it', async () => {
    const id = await failedSend();
    // Hours overdue: by attempts alone the next step would be due as well.
    h.clock.advance(3 * HOUR);
    fake.answerWith({ ...OK, delayMs: 300 });
    const slow = retry();
    await until(() => requestsFor(id).length === 2, 'the slow delivery to start');
    expect(await retryOutbox(controlDb(other), http, h.clock.ms)).toEqual(nothing);
    expect(await slow).toEqual({ sent: 1, failed: 0, gaveUp: 0 });
    expect(requestsFor(id)).toHaveLength(2);
    expect(await row(id)).toMatchObject({ attempts: 2, sentAt: T0 + 3 * HOUR });
  });

  it('take over a claim whose run died, once its lease has run out', async () => {
    const id = await failedSend();
    // Overdue, so only the claim (not the backoff) holds other runs off.
    h.clock.advance(3 * HOUR);
    // A run that never comes back from the transport (its process died mid-send).
    const dead: MailTransport = { name: 'dead', deliver: () => new Promise<void>(() => undefined) };
    void retryOutbox(h.control, dead, h.clock.ms);
    await until(async () => (await row(id)).attempts === 2, 'the dead run to claim the row');
    expect((await row(id)).lastError).toMatch(/^retry in flight since/);

    h.clock.advance(4 * MIN);
    expect(await retryOutbox(controlDb(other), http, h.clock.ms)).toEqual(nothing);
    h.clock.advance(MIN + 1);
    expect(await retryOutbox(controlDb(other), http, h.clock.ms)).toEqual({ sent: 1, failed: 0, gaveUp: 0 });
    expect(await row(id)).toMatchObject({ attempts: 3, sentAt: h.clock.ms, lastError: 'an earlier attempt was interrupted' });
  });
});

describe('the caller and the runners', () => {
  it("keeps the caller's action when delivery fails, and the retried mail's link works", async () => {
    fake.failNext(1);
    const jana = await signUp(h.app);
    const [mail] = await mailTo(h, jana.email, 'verify_email');
    expect(mail).toMatchObject({ sentAt: null, attempts: 1 });
    // The account exists and is signed in, delivery or not.
    const me = await call(h.app, 'GET', '/me', undefined, { cookie: jana.cookie });
    expect(me.status).toBe(200);
    expect((await json<{ user: UserBody }>(me)).user.emailVerified).toBe(false);

    h.clock.advance(MIN);
    expect(await runOutboxRetry(h.platform)).toEqual({ sent: 1, failed: 0, gaveUp: 0 });
    const delivered = fake.received.at(-1)!.body as { to: string; text: string };
    expect(delivered.to).toBe(jana.email);
    const res = await call(h.app, 'POST', '/auth/verify-email', { token: linkIn(delivered.text).token });
    expect(res.status).toBe(200);
    expect(h.logs.some((l) => l.message === 'email outbox retried' && l.data?.['sent'] === 1)).toBe(true);
  });

  it('the Node loop retries on its interval, logs a failing run without stopping, and stops', async () => {
    const id = await failedSend();
    h.clock.advance(MIN);
    const control = h.platform.control;
    h.platform.control = () => {
      throw new Error('control DB unavailable');
    };
    const loop = startOutboxRetryLoop(h.platform, { intervalMs: 20 });
    try {
      await until(() => h.logs.some((l) => l.level === 'error' && l.message === 'email outbox retry failed'), 'a logged failure');
      expect((await row(id)).sentAt).toBeNull();
      h.platform.control = control;
      await until(async () => (await row(id)).sentAt !== null, 'the retry to deliver');
      expect(requestsFor(id)).toHaveLength(2);
    } finally {
      h.platform.control = control;
      loop.stop();
    }
    const other = await failedSend();
    h.clock.advance(MIN);
    await new Promise((r) => setTimeout(r, 100));
    expect((await row(other)).sentAt).toBeNull();
  });

  it('does nothing before the control DB has its outbox table', async () => {
    const blank = createHarness({ startAt: T0 });
    try {
      expect(await runOutboxRetry(blank.platform)).toEqual(nothing);
    } finally {
      blank.close();
    }
  });
});
