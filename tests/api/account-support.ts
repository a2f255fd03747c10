// Reading account mail from the outbox, the way a user reads their inbox.
import { and, desc, eq } from 'drizzle-orm';
import { emailOutbox } from '../../db/control/schema.ts';
import type { Harness } from './support.ts';

export type OutboxRow = typeof emailOutbox.$inferSelect;

/** Every message sent to `to` (optionally of one kind), newest first. */
export async function mailTo(h: Harness, to: string, kind?: string): Promise<OutboxRow[]> {
  return h.control
    .select()
    .from(emailOutbox)
    .where(kind ? and(eq(emailOutbox.to, to), eq(emailOutbox.kind, kind)) : eq(emailOutbox.to, to))
    .orderBy(desc(emailOutbox.createdAt), desc(emailOutbox.id));
}

/** The `/verify-email/<token>` link of a message, split into its parts. */
export function linkIn(text: string): { url: string; token: string } {
  const m = /(\S+\/verify-email\/([a-z0-9]+\.[a-z0-9]+))/.exec(text);
  if (!m) throw new Error(`no verification link in: ${text}`);
  return { url: m[1]!, token: m[2]! };
}

/** The token of the newest message of `kind` sent to `to`. */
export async function latestToken(h: Harness, to: string, kind: 'verify_email' | 'email_change'): Promise<string> {
  const [row] = await mailTo(h, to, kind);
  if (!row) throw new Error(`no ${kind} mail to ${to}`);
  return linkIn(row.text).token;
}
