import { i18n } from '../../i18n/index.svelte.ts';

/** API.md money: integer minor units plus an ISO 4217 currency. */
export interface Money {
  amount: number;
  currency: string;
}

/** Currencies offered in the deal form; the workspace's own currency is added when it is not listed. */
export const CURRENCIES = ['CZK', 'EUR', 'USD', 'GBP', 'PLN'] as const;

const digitsCache = new Map<string, number>();

/** Minor-unit digits of a currency (CZK 2, JPY 0), as `Intl` knows them. */
export function minorDigits(currency: string): number {
  let digits = digitsCache.get(currency);
  if (digits === undefined) {
    try {
      digits = new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2;
    } catch {
      digits = 2;
    }
    digitsCache.set(currency, digits);
  }
  return digits;
}

/** `12 500 Kč` for whole amounts, `12 500,50 Kč` otherwise; `compact` gives `1,2 mil. Kč` for column sums. */
export function formatMoney(money: Money, options: { compact?: boolean } = {}): string {
  const digits = minorDigits(money.currency);
  const value = money.amount / 10 ** digits;
  const whole = Number.isInteger(value);
  try {
    return new Intl.NumberFormat(i18n.intl, {
      style: 'currency',
      currency: money.currency,
      ...(options.compact && Math.abs(value) >= 1_000_000
        ? { notation: 'compact', maximumFractionDigits: 1 }
        : { minimumFractionDigits: whole ? 0 : digits, maximumFractionDigits: digits }),
    }).format(value);
  } catch {
    return `${value} ${money.currency}`;
  }
}

/**
 * Reads what a person typed as an amount ("12 500", "12 500,50", "12,500.50", "1.5") into minor units.
 * Returns null for an empty field and NaN for something that is not an amount.
 */
export function parseAmount(text: string, currency: string): number | null {
  if (!text.trim()) return null;
  // A currency written after or before the amount is fine ("12 500 Kč"); any other letter is not.
  const cleaned = text.replace(/kč|czk|eur|usd|gbp|pln|zł|[€$£\s\u00a0\u202f']/gi, '');
  if (!/^-?[\d.,]*\d[\d.,]*$/.test(cleaned)) return Number.NaN;
  const lastComma = cleaned.lastIndexOf(',');
  const lastDot = cleaned.lastIndexOf('.');
  // The separator that comes last and is followed by at most two digits is the decimal one.
  const decimalAt = Math.max(lastComma, lastDot);
  let integerPart = cleaned;
  let fraction = '';
  if (decimalAt >= 0 && cleaned.length - decimalAt - 1 <= 2) {
    integerPart = cleaned.slice(0, decimalAt);
    fraction = cleaned.slice(decimalAt + 1);
  }
  integerPart = integerPart.replace(/[.,]/g, '');
  if (!/^-?\d*$/.test(integerPart) || !/^\d*$/.test(fraction)) return Number.NaN;
  const digits = minorDigits(currency);
  if (fraction.length > digits) return Number.NaN;
  const minor = Number(`${integerPart || '0'}${fraction.padEnd(digits, '0')}`);
  return Number.isSafeInteger(minor) ? minor : Number.NaN;
}

/** The amount as the form shows it for editing: `12500,5` in Czech, `12500.5` in English, no grouping. */
export function amountInputValue(money: Money | null): string {
  if (!money) return '';
  const digits = minorDigits(money.currency);
  return new Intl.NumberFormat(i18n.intl, { useGrouping: false, maximumFractionDigits: digits }).format(
    money.amount / 10 ** digits,
  );
}

/** Sums amounts per currency, in first-seen order, so a column never adds koruny to euros. */
export function sumByCurrency(values: readonly (Money | null | undefined)[]): Money[] {
  const sums = new Map<string, number>();
  for (const value of values) {
    if (!value) continue;
    sums.set(value.currency, (sums.get(value.currency) ?? 0) + value.amount);
  }
  return [...sums].map(([currency, amount]) => ({ currency, amount }));
}
