import type { Logger } from '../platform.ts';
import { consoleTransport, type MailTransport } from './mailer.ts';

/**
 * A transactional email API reached over HTTPS, Resend-style: `POST <url>` with
 * `Authorization: Bearer <key>` and `{from, to, subject, text}`. Postmark, SendGrid and
 * most others take the same shape behind a small proxy; Resend takes it as is.
 */
export interface HttpEmailSettings {
  url: string;
  apiKey: string;
  /** `Tandem <noreply@example.com>`: an address the provider lets this key send from. */
  from: string;
}

export interface HttpTransportOptions extends HttpEmailSettings {
  /** Injected in tests; defaults to the runtime's fetch (Node and Workers alike). */
  fetch?: (input: string, init: RequestInit) => Promise<Response>;
  timeoutMs?: number;
}

export function httpTransport(options: HttpTransportOptions): MailTransport {
  // Called through a wrapper: Workers reject the global fetch invoked as another object's method.
  const send = options.fetch ?? ((input: string, init: RequestInit) => fetch(input, init));
  const timeoutMs = options.timeoutMs ?? 10_000;
  return {
    name: 'http',
    async deliver(message) {
      let res: Response;
      try {
        res = await send(options.url, {
          method: 'POST',
          headers: {
            Authorization: `Bearer ${options.apiKey}`,
            'Content-Type': 'application/json',
            // The outbox id: a retry of the same message is not sent twice by providers that honour it.
            'Idempotency-Key': message.id,
          },
          body: JSON.stringify({ from: options.from, to: message.to, subject: message.subject, text: message.text }),
          signal: AbortSignal.timeout(timeoutMs),
        });
      } catch (e) {
        throw new Error(`email API unreachable: ${e instanceof Error ? e.message : String(e)}`, { cause: e });
      }
      if (!res.ok) {
        // The provider's own explanation (bad sender, quota…) is what the operator needs; the key never appears in it.
        const detail = (await res.text().catch(() => '')).replace(/\s+/g, ' ').trim().slice(0, 300);
        throw new Error(`email API answered ${res.status}${detail ? `: ${detail}` : ''}`);
      }
      await res.body?.cancel().catch(() => undefined);
    },
  };
}

/**
 * EMAIL_API_URL, EMAIL_API_KEY and EMAIL_FROM from the environment (Node) or bindings
 * (Workers): all three, or none (mail then goes to the log). Some but not all is a
 * misconfiguration that would silently lose mail, so it stops the start-up.
 */
export interface EmailEnv {
  EMAIL_API_URL?: string | undefined;
  EMAIL_API_KEY?: string | undefined;
  EMAIL_FROM?: string | undefined;
}

export function emailSettingsFrom(env: EmailEnv): HttpEmailSettings | undefined {
  const read = (v: string | undefined) => v?.trim() || undefined;
  const url = read(env.EMAIL_API_URL);
  const apiKey = read(env.EMAIL_API_KEY);
  const from = read(env.EMAIL_FROM);
  if (!url && !apiKey && !from) return undefined;
  const missing = [!url && 'EMAIL_API_URL', !apiKey && 'EMAIL_API_KEY', !from && 'EMAIL_FROM'].filter(Boolean);
  if (missing.length > 0) throw new Error(`Email settings incomplete: set ${missing.join(', ')} too (or none of them to log mail instead)`);
  return { url: url!, apiKey: apiKey!, from: from! };
}

/** The HTTP API when configured, else the log. */
export function mailTransportFor(settings: HttpEmailSettings | undefined, log: () => Logger): MailTransport {
  return settings ? httpTransport(settings) : consoleTransport(log);
}
