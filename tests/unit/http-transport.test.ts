// The production mail transport against a local fake of the email API: what it sends, and
// how failures (4xx, 5xx, unreachable, hanging) land in the outbox row as lastError with the
// message left unsent. Also the settings that switch it on, and the platform wiring.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createClient, type Client } from '@libsql/client';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createApp } from '../../api/app.ts';
import { emailSettingsFrom, httpTransport, mailTransportFor } from '../../api/mail/http-transport.ts';
import { outboxMailer, type EmailMessage } from '../../api/mail/mailer.ts';
import { createNodePlatform } from '../../api/node-platform.ts';
import type { Logger } from '../../api/platform.ts';
import { controlDb, migrateControl, type ControlDb } from '../../db/control/client.ts';
import { emailOutbox } from '../../db/control/schema.ts';
import { startEmailApiFake, type EmailApiFake } from '../support/email-api-fake.ts';

const KEY = 're_test_0123456789secret';
const FROM = 'Tandem <noreply@tandem.test>';
const T0 = Date.UTC(2026, 0, 1);

let dir: string;
let client: Client;
let db: ControlDb;
let fake: EmailApiFake;
const errors: { message: string; data: Record<string, unknown> | undefined }[] = [];
const logger: Logger = { info: () => undefined, error: (message, data) => errors.push({ message, data }) };

const message: EmailMessage = { to: 'jana@example.cz', subject: 'Potvrďte svůj e-mail', text: 'Odkaz: https://app/verify-email/abc.def', kind: 'verify_email' };

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'tandem-mail-'));
  client = createClient({ url: `file:${join(dir, 'control.db')}` });
  await migrateControl(client);
  db = controlDb(client);
  fake = await startEmailApiFake();
});
afterAll(async () => {
  await fake.close();
  client.close();
  rmSync(dir, { recursive: true, force: true });
});
beforeEach(() => {
  fake.received.length = 0;
  fake.answerWith({ status: 200, body: { id: 'fake-message-id' } });
  errors.length = 0;
});

const mailer = (timeoutMs?: number, url = fake.url) =>
  outboxMailer(httpTransport({ url, apiKey: KEY, from: FROM, ...(timeoutMs ? { timeoutMs } : {}) }), () => logger);
const row = async (id: string) => (await db.select().from(emailOutbox).where(eq(emailOutbox.id, id)))[0]!;

describe('httpTransport', () => {
  it('POSTs {from, to, subject, text} with the bearer key, and the outbox row is marked sent', async () => {
    const { id } = await mailer().send(db, message, T0);
    expect(fake.received).toHaveLength(1);
    const req = fake.received[0]!;
    expect(req.method).toBe('POST');
    expect(req.path).toBe('/emails');
    expect(req.headers['authorization']).toBe(`Bearer ${KEY}`);
    expect(req.headers['content-type']).toMatch(/^application\/json/);
    expect(req.headers['idempotency-key']).toBe(id);
    expect(req.body).toEqual({ from: FROM, to: message.to, subject: message.subject, text: message.text });
    expect(await row(id)).toMatchObject({ sentAt: T0, attempts: 1, lastError: null });
  });

  it.each([
    [422, { name: 'validation_error', message: 'The from address is not verified.' }, /^email API answered 422: .*not verified/],
    [401, { message: 'API key is invalid' }, /^email API answered 401: .*invalid/],
    [429, { message: 'Too many requests' }, /^email API answered 429/],
    [500, { message: 'Internal server error' }, /^email API answered 500/],
    [503, '', /^email API answered 503/],
  ])('records a %i answer as lastError and leaves the row unsent', async (status, body, expected) => {
    fake.answerWith({ status, body });
    const { id } = await mailer().send(db, message, T0);
    const r = await row(id);
    expect(r.sentAt).toBeNull();
    expect(r.attempts).toBe(1);
    expect(r.lastError).toMatch(expected);
    expect(r.lastError).not.toContain(KEY);
    expect(errors.map((e) => e.message)).toEqual(['email delivery failed']);
    expect(JSON.stringify(errors)).not.toContain(KEY);
  });

  it('records an unreachable API', async () => {
    const closed = await startEmailApiFake();
    await closed.close();
    const { id } = await mailer(undefined, closed.url).send(db, message, T0);
    const r = await row(id);
    expect(r.sentAt).toBeNull();
    expect(r.lastError).toMatch(/^email API unreachable/);
  });

  it('gives up on an API that does not answer within the timeout', async () => {
    fake.answerWith('hang');
    const started = Date.now();
    const { id } = await mailer(200).send(db, message, T0);
    expect(Date.now() - started).toBeLessThan(5000);
    const r = await row(id);
    expect(r.sentAt).toBeNull();
    expect(r.lastError).toMatch(/^email API unreachable/);
  });
});

describe('emailSettingsFrom / mailTransportFor', () => {
  it('is off with no settings, on with all three, and refuses a partial configuration', () => {
    expect(emailSettingsFrom({})).toBeUndefined();
    expect(emailSettingsFrom({ EMAIL_API_URL: ' ', EMAIL_API_KEY: '', EMAIL_FROM: undefined })).toBeUndefined();
    expect(emailSettingsFrom({ EMAIL_API_URL: 'https://api.resend.com/emails', EMAIL_API_KEY: KEY, EMAIL_FROM: FROM })).toEqual({
      url: 'https://api.resend.com/emails',
      apiKey: KEY,
      from: FROM,
    });
    expect(() => emailSettingsFrom({ EMAIL_API_URL: 'https://api.resend.com/emails', EMAIL_API_KEY: KEY })).toThrow(/EMAIL_FROM/);
    expect(() => emailSettingsFrom({ EMAIL_API_KEY: KEY })).toThrow(/EMAIL_API_URL, EMAIL_FROM/);
  });

  it('picks the HTTP API when configured and the log otherwise', () => {
    expect(mailTransportFor({ url: fake.url, apiKey: KEY, from: FROM }, () => logger).name).toBe('http');
    expect(mailTransportFor(undefined, () => logger).name).toBe('console');
  });
});

describe('the Node platform with EMAIL_* settings', () => {
  it('sends the sign-up verification link through the email API', async () => {
    const dataDir = join(dir, 'platform');
    const platform = createNodePlatform({ dataDir, appOrigin: undefined, rateLimits: true, email: { url: fake.url, apiKey: KEY, from: FROM } });
    platform.logger = logger;
    try {
      const app = createApp(platform);
      const res = await app.request('/api/v1/auth/signup', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Origin: 'http://localhost' },
        body: JSON.stringify({ email: 'ota@example.cz', password: 'correct horse battery staple', name: 'Ota', workspaceName: 'Ota' }),
      });
      expect(res.status).toBe(201);
      expect(fake.received).toHaveLength(1);
      const body = fake.received[0]!.body as { to: string; from: string; text: string };
      expect(body.to).toBe('ota@example.cz');
      expect(body.from).toBe(FROM);
      expect(body.text).toMatch(/http:\/\/localhost\/verify-email\/[a-z0-9]+\.[a-z0-9]+/);
    } finally {
      platform.close();
    }
  });
});
