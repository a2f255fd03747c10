import { createClient } from '@libsql/client/web';
import { createExecutionContext, createScheduledController, waitOnExecutionContext } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import { expect, it } from 'vitest';
import worker, { type Env } from '../../api/worker.ts';
import { migrateControl } from '../../db/control/client.ts';

// The cron trigger (wrangler.toml) inside workerd: the `scheduled` handler builds its platform
// like a request does and redelivers a due outbox row over the HTTP control DB. No email API is
// bound here, so the delivery is the console transport's log line.
it('redelivers a due unsent outbox row when the cron trigger fires', async () => {
  const bindings = env as unknown as Env;
  const control = createClient({ url: bindings.CONTROL_DB_URL, ...(bindings.CONTROL_DB_TOKEN ? { authToken: bindings.CONTROL_DB_TOKEN } : {}) });
  await migrateControl(control);
  const id = `outbox-cron-${Date.now()}`;
  // Failed once, ten minutes ago: past the first 1-minute backoff.
  await control.execute({
    sql: 'INSERT INTO email_outbox (id, "to", subject, text, kind, created_at, attempts, last_error) VALUES (?, ?, ?, ?, ?, ?, 1, ?)',
    args: [id, 'cron@example.com', 'Pozvánka', 'Odkaz: https://tandem.test/invitations/x', 'invitation', Date.now() - 10 * 60_000, 'email API answered 503'],
  });

  const ctx = createExecutionContext();
  await worker.scheduled(createScheduledController({ cron: '*/5 * * * *', scheduledTime: Date.now() }), bindings, ctx);
  await waitOnExecutionContext(ctx);

  const rs = await control.execute({ sql: 'SELECT sent_at, attempts FROM email_outbox WHERE id = ?', args: [id] });
  expect(rs.rows[0]?.['sent_at']).not.toBeNull();
  expect(Number(rs.rows[0]?.['attempts'])).toBe(2);
  control.close();
});
