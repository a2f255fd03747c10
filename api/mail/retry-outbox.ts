import { and, asc, eq, gt, isNull, lt, sql, type SQL } from 'drizzle-orm';
import type { ControlDb } from '../../db/control/client.ts';
import { emailOutbox } from '../../db/control/schema.ts';
import type { Logger } from '../platform.ts';
import type { MailTransport } from './mailer.ts';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

/** Wait before each retry, counted from the previous one: 1 min, 5 min, 30 min, 2 h, 6 h. */
export const RETRY_DELAYS_MS: readonly number[] = [MINUTE, 5 * MINUTE, 30 * MINUTE, 2 * HOUR, 6 * HOUR];
/** Attempts in all, the mailer's own first one included. */
export const MAX_ATTEMPTS = 6;
/** Past this age a message is not sent any more: a verification link two days late helps nobody. */
export const MAX_AGE_MS = 48 * HOUR;
export const RETRY_BATCH_SIZE = 50;
/**
 * How long a claimed row is left to the run that claimed it. Far longer than one delivery
 * (the HTTP transport gives up after 10 s), so it only expires when that run died mid-send.
 */
export const CLAIM_LEASE_MS = 5 * MINUTE;

export interface RetryOptions {
  delaysMs?: readonly number[];
  maxAttempts?: number;
  maxAgeMs?: number;
  batchSize?: number;
  leaseMs?: number;
  logger?: Logger;
}

export interface RetryCounts {
  sent: number;
  failed: number;
  /** Rows whose last allowed attempt failed in this run; they stay unsent with their lastError. */
  gaveUp: number;
}

/**
 * A claimed row's lastError until its attempt reports back. If the run dies mid-send it is
 * also the truthful last error, and the number in it tells other runs when the claim expires.
 */
const CLAIM_PREFIX = 'retry in flight since ';
const claimMarker = (now: number) => `${CLAIM_PREFIX}${now} (still here later: the run stopped before the attempt finished)`;

/**
 * When a row with `attempts` attempts is due, in ms after its creation: the delays so far added
 * up, so no migration is needed for a "next attempt at" column. A row with no recorded attempt
 * is one whose mailer stopped mid-send; it waits the first delay too, so a send still in
 * progress is never raced.
 */
export function dueAfterMs(attempts: number, delaysMs: readonly number[] = RETRY_DELAYS_MS): number {
  let total = 0;
  for (let i = 0; i < Math.max(attempts, 1); i++) total += delaysMs[Math.min(i, delaysMs.length - 1)] ?? 0;
  return total;
}

/**
 * Redelivers unsent outbox rows that are due, oldest first, at most one batch. Each row is
 * claimed by a conditional UPDATE on its attempt count before it is handed to the transport,
 * so runs that overlap (two processes, a slow cron run) never deliver one message twice.
 */
export async function retryOutbox(control: ControlDb, transport: MailTransport, now: number, options: RetryOptions = {}): Promise<RetryCounts> {
  const delays = options.delaysMs ?? RETRY_DELAYS_MS;
  const maxAttempts = options.maxAttempts ?? MAX_ATTEMPTS;
  const maxAgeMs = options.maxAgeMs ?? MAX_AGE_MS;
  const leaseMs = options.leaseMs ?? CLAIM_LEASE_MS;
  const counts: RetryCounts = { sent: 0, failed: 0, gaveUp: 0 };
  if (maxAttempts < 1) return counts;

  const dueCases = sql.join(
    Array.from({ length: maxAttempts }, (_, a) => sql`WHEN ${a} THEN ${dueAfterMs(a, delays)}`),
    sql` `,
  );
  const due: SQL = sql`${emailOutbox.createdAt} + CASE ${emailOutbox.attempts} ${dueCases} END <= ${now}`;
  // COALESCE: a NULL lastError would make the whole NOT (…) NULL, and the row would never be picked.
  const claimedByAnother: SQL = sql`(COALESCE(${emailOutbox.lastError}, '') LIKE ${`${CLAIM_PREFIX}%`} AND CAST(substr(${emailOutbox.lastError}, ${CLAIM_PREFIX.length + 1}) AS INTEGER) > ${now - leaseMs})`;
  const rows = await control
    .select()
    .from(emailOutbox)
    .where(and(isNull(emailOutbox.sentAt), lt(emailOutbox.attempts, maxAttempts), gt(emailOutbox.createdAt, now - maxAgeMs), due, sql`NOT ${claimedByAnother}`))
    .orderBy(asc(emailOutbox.createdAt), asc(emailOutbox.id))
    .limit(options.batchSize ?? RETRY_BATCH_SIZE);

  for (const row of rows) {
    const claim = await control
      .update(emailOutbox)
      .set({ attempts: row.attempts + 1, lastError: claimMarker(now) })
      .where(and(eq(emailOutbox.id, row.id), eq(emailOutbox.attempts, row.attempts), isNull(emailOutbox.sentAt)));
    if (claim.rowsAffected !== 1) continue; // another run took this attempt
    const attempt = row.attempts + 1;
    try {
      await transport.deliver({ id: row.id, to: row.to, subject: row.subject, text: row.text, kind: row.kind });
    } catch (e) {
      const error = (e instanceof Error ? e.message : String(e)).slice(0, 500);
      const last = attempt >= maxAttempts || dueAfterMs(attempt, delays) >= maxAgeMs;
      options.logger?.error(last ? 'email delivery given up' : 'email delivery failed', { id: row.id, kind: row.kind, transport: transport.name, attempt, error });
      await control
        .update(emailOutbox)
        .set({ lastError: error })
        .where(and(eq(emailOutbox.id, row.id), eq(emailOutbox.attempts, attempt), isNull(emailOutbox.sentAt)));
      if (last) counts.gaveUp += 1;
      else counts.failed += 1;
      continue;
    }
    // The error that made the retry necessary stays next to sentAt: why this one came late.
    const cause = row.lastError?.startsWith(CLAIM_PREFIX) ? 'an earlier attempt was interrupted' : row.lastError;
    await control.update(emailOutbox).set({ sentAt: now, lastError: cause }).where(and(eq(emailOutbox.id, row.id), isNull(emailOutbox.sentAt)));
    options.logger?.info('email delivered on retry', { id: row.id, kind: row.kind, transport: transport.name, attempt });
    counts.sent += 1;
  }
  return counts;
}
