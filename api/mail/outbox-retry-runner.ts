import { controlDb } from '../../db/control/client.ts';
import type { Platform } from '../platform.ts';
import { retryOutbox, type RetryCounts, type RetryOptions } from './retry-outbox.ts';

/**
 * One retry run on a platform: its control DB, its mailer's transport, its clock and logger.
 * Used by the Node loop below and the Worker's cron trigger (api/worker.ts).
 */
export async function runOutboxRetry(platform: Platform, options: Omit<RetryOptions, 'logger'> = {}): Promise<RetryCounts> {
  const client = platform.control();
  // Before the first request migrates the control DB there is no outbox, and nothing to retry.
  const table = await client.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'email_outbox'");
  if (table.rows.length === 0) return { sent: 0, failed: 0, gaveUp: 0 };
  const counts = await retryOutbox(controlDb(client), platform.mailer.transport, platform.now().getTime(), { ...options, logger: platform.logger });
  if (counts.sent + counts.failed + counts.gaveUp > 0) platform.logger.info('email outbox retried', { ...counts });
  return counts;
}

export interface OutboxRetryLoop {
  /** Runs once now (the loop's own runs skip while one is going); never rejects. */
  tick(): Promise<void>;
  stop(): void;
}

export const OUTBOX_RETRY_INTERVAL_MS = 60_000;

/** The self-hosted server's retries: every `intervalMs`, never keeping the process alive or crashing it. */
export function startOutboxRetryLoop(platform: Platform, options: { intervalMs?: number } = {}): OutboxRetryLoop {
  let running: Promise<void> | undefined;
  const tick = (): Promise<void> => {
    running ??= runOutboxRetry(platform)
      .then(() => undefined)
      .catch((e: unknown) => platform.logger.error('email outbox retry failed', { error: e instanceof Error ? (e.stack ?? e.message) : String(e) }))
      .finally(() => {
        running = undefined;
      });
    return running;
  };
  const timer = setInterval(() => void tick(), options.intervalMs ?? OUTBOX_RETRY_INTERVAL_MS);
  timer.unref();
  return {
    tick,
    stop: () => clearInterval(timer),
  };
}
