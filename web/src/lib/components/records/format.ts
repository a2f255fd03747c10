import { formatDate, i18n } from '../../i18n/index.svelte.ts';

const UNITS: [Intl.RelativeTimeFormatUnit, number][] = [
  ['year', 365 * 24 * 3600],
  ['month', 30 * 24 * 3600],
  ['week', 7 * 24 * 3600],
  ['day', 24 * 3600],
  ['hour', 3600],
  ['minute', 60],
];

const relativeFormats: Record<string, Intl.RelativeTimeFormat> = {};

/** "5 minutes ago" / "před 5 minutami"; "just now" under a minute. */
export function formatRelative(iso: string, now = Date.now()): string {
  const seconds = Math.round((Date.parse(iso) - now) / 1000);
  const abs = Math.abs(seconds);
  if (abs < 45) return i18n.t.records.justNow;
  const rtf = (relativeFormats[i18n.intl] ??= new Intl.RelativeTimeFormat(i18n.intl, { numeric: 'auto' }));
  for (const [unit, size] of UNITS) {
    if (abs >= size * 0.95 || unit === 'minute') return rtf.format(Math.round(seconds / size), unit);
  }
  return rtf.format(seconds, 'second');
}

/** `27. 11. 2026` in Czech, `27 Nov 2026` in English. */
export function formatDay(iso: string): string {
  return formatDate(iso, i18n.locale === 'cs' ? { day: 'numeric', month: 'numeric', year: 'numeric' } : { dateStyle: 'medium' });
}

/** A date with the time of day, for journal entries. */
export function formatDateTime(iso: string): string {
  return formatDate(
    iso,
    i18n.locale === 'cs'
      ? { day: 'numeric', month: 'numeric', year: 'numeric', hour: 'numeric', minute: '2-digit' }
      : { dateStyle: 'medium', timeStyle: 'short' },
  );
}

/** Up to two capital letters for an avatar. */
export function initials(name: string): string {
  // Czech legal forms say nothing about the company: "ČEZ, a. s." is Č, not ČA.
  const bare = name.replace(/[,\s]+(s\.\s*r\.\s*o\.?|spol\..*|a\.\s*s\.?|v\.\s*o\.\s*s\.?|k\.\s*s\.?|z\.\s*s\.?|o\.\s*p\.\s*s\.?|se)$/iu, '');
  const words = bare
    .replace(/[^\p{L}\p{N}\s]/gu, ' ')
    .split(/\s+/)
    .filter(Boolean);
  const first = words[0]?.[0] ?? '';
  const second = words[1]?.[0] ?? '';
  return (first + (/\p{L}/u.test(second) ? second : '')).toUpperCase();
}

/** A stable soft hue per name, so avatars are told apart at a glance. */
export function hueOf(text: string): number {
  let hash = 0;
  for (let i = 0; i < text.length; i++) hash = (hash * 31 + text.charCodeAt(i)) >>> 0;
  return hash % 360;
}

export function contactName(contact: { firstName: string | null; lastName: string }): string {
  return [contact.firstName, contact.lastName].filter(Boolean).join(' ');
}

/** `yyyy-mm-ddThh:mm` in local time for a datetime-local input. */
export function toLocalInput(date: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}`;
}

/** Tomorrow at `hour`:00 local time, as a datetime-local value (the default due time of a follow-up). */
export function tomorrowAt(hour: number): string {
  const d = new Date();
  d.setDate(d.getDate() + 1);
  d.setHours(hour, 0, 0, 0);
  return toLocalInput(d);
}

/** A website as a link target: `firma.cz` → `https://firma.cz`; anything but http(s) is refused. */
export function websiteHref(website: string): string | null {
  const withScheme = /^[a-z][a-z0-9+.-]*:/i.test(website) ? website : `https://${website}`;
  try {
    const url = new URL(withScheme);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : null;
  } catch {
    return null;
  }
}

/** Money from minor units: `12 500 Kč`, decimals only when there are any. */
export function formatMoney(money: { amount: number; currency: string }): string {
  try {
    const probe = new Intl.NumberFormat(i18n.intl, { style: 'currency', currency: money.currency });
    const digits = probe.resolvedOptions().maximumFractionDigits ?? 2;
    const value = money.amount / 10 ** digits;
    const whole = Number.isInteger(value);
    return new Intl.NumberFormat(i18n.intl, {
      style: 'currency',
      currency: money.currency,
      minimumFractionDigits: whole ? 0 : digits,
      maximumFractionDigits: whole ? 0 : digits,
    }).format(value);
  } catch {
    return `${money.amount} ${money.currency}`;
  }
}
