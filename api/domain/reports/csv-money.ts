import type { ExportLang } from '../exports/csv-export.ts';

const digits = new Map<string, number>();

/** Minor units per major unit of a currency as Intl knows it (CZK, EUR: 2; JPY: 0). */
export function minorDigits(currency: string): number {
  let d = digits.get(currency);
  if (d === undefined) {
    d = new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2;
    digits.set(currency, d);
  }
  return d;
}

/**
 * Minor units as a plain decimal a spreadsheet reads as a number (`1250,50` for Czech Excel,
 * `1250.50` otherwise): string arithmetic on the integer, never a float.
 */
export function decimalAmount(amount: number, currency: string, lang: ExportLang): string {
  return decimal(amount, minorDigits(currency), lang);
}

function decimal(amount: number, d: number, lang: ExportLang): string {
  const sign = amount < 0 ? '-' : '';
  const s = String(Math.abs(amount)).padStart(d + 1, '0');
  if (d === 0) return sign + s;
  return `${sign}${s.slice(0, -d)}${lang === 'cs' ? ',' : '.'}${s.slice(-d)}`;
}

/** Minutes as decimal hours with two places (1:15 → 1.25), rounded half-up. */
export function decimalHours(minutes: number, lang: ExportLang): string {
  const hundredths = Math.floor((minutes * 100 * 2 + 60) / 120);
  return decimal(hundredths, 2, lang);
}
