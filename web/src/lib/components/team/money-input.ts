// Hourly rates are typed as decimals ("450,50") and stored as integer minor units.
import { i18n } from '../../i18n/index.svelte.ts';
import type { Money } from '../../teams-api.ts';

/** Decimal places of a currency (CZK 2, JPY 0), as Intl knows them. */
export function currencyDigits(currency: string): number {
  try {
    return new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2;
  } catch {
    return 2;
  }
}

/** The amount as the user would type it: `450` or `450,50` in Czech, `450.50` in English. */
export function toInput(money: Money | null | undefined): string {
  if (!money) return '';
  const digits = currencyDigits(money.currency);
  const value = money.amount / 10 ** digits;
  const text = Number.isInteger(value) ? String(value) : value.toFixed(digits);
  return i18n.locale === 'cs' ? text.replace('.', ',') : text;
}

/**
 * What the user typed as money: null for an empty box, undefined when it is not an amount.
 * Accepts either decimal separator and spaces between thousands.
 */
export function fromInput(text: string, currency: string): Money | null | undefined {
  const clean = text.replace(/[\s\u00a0]/g, '').replace(',', '.');
  if (clean === '') return null;
  const digits = currencyDigits(currency);
  const pattern = digits === 0 ? /^\d{1,13}$/ : new RegExp(`^\\d{1,13}(\\.\\d{1,${digits}})?$`);
  if (!pattern.test(clean)) return undefined;
  return { amount: Math.round(Number(clean) * 10 ** digits), currency };
}
