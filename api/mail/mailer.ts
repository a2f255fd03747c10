import { eq, sql } from 'drizzle-orm';
import type { ControlDb } from '../../db/control/client.ts';
import { emailOutbox } from '../../db/control/schema.ts';
import { newId } from '../lib/ids.ts';
import type { Logger } from '../platform.ts';

export interface EmailMessage {
  to: string;
  subject: string;
  /** Plain text: every mail client shows it, and links stay copyable. */
  text: string;
  /** `verify_email`, `invitation`, `email_change`… (for the outbox and the logs). */
  kind: string;
}

/** Hands a message to whatever actually delivers mail (the console locally, an email API in production). */
export interface MailTransport {
  readonly name: string;
  deliver(message: EmailMessage & { id: string }): Promise<void>;
}

/**
 * Sends mail through the outbox: the message is written to `email_outbox` first (so nothing
 * is lost when delivery fails, and tests read links from it), then handed to the transport.
 */
export interface Mailer {
  send(control: ControlDb, message: EmailMessage, now: number): Promise<{ id: string }>;
  /** What delivers: the outbox retry (retry-outbox.ts) redelivers unsent rows through the same one. */
  readonly transport: MailTransport;
}

/** `log` is read at send time, so a platform whose logger is swapped (tests) logs to the new one. */
export function outboxMailer(transport: MailTransport, log: () => Logger): Mailer {
  return {
    transport,
    async send(control, message, now) {
      const id = newId(now);
      await control.insert(emailOutbox).values({ id, to: message.to, subject: message.subject, text: message.text, kind: message.kind, createdAt: now });
      try {
        await transport.deliver({ ...message, id });
        await control.update(emailOutbox).set({ sentAt: now, attempts: sql`${emailOutbox.attempts} + 1` }).where(eq(emailOutbox.id, id));
      } catch (e) {
        // The caller's action (an invitation, a sign-up) stands; the row stays unsent for a retry.
        const error = e instanceof Error ? e.message : String(e);
        log().error('email delivery failed', { id, kind: message.kind, transport: transport.name, error });
        await control.update(emailOutbox).set({ attempts: sql`${emailOutbox.attempts} + 1`, lastError: error.slice(0, 500) }).where(eq(emailOutbox.id, id));
      }
      return { id };
    },
  };
}

/** Local and self-hosted default: the message goes to the log, where the person running the server reads the link. */
export function consoleTransport(log: () => Logger): MailTransport {
  return {
    name: 'console',
    async deliver(message) {
      log().info('email', { to: message.to, subject: message.subject, kind: message.kind, text: message.text });
    },
  };
}
