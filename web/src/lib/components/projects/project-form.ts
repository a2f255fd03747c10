// Reading what a person typed into the project form; the server stays the authority.
import type { Money } from '../../stores/records-api.ts';
import { parseAmount } from '../board/money.ts';

/** What a new project starts with: from a company page, or from a won deal. */
export interface ProjectDefaults {
  name?: string;
  company?: { id: string; name: string } | null;
  fromDealId?: string;
  currency?: string;
  budgetRevenue?: Money | null;
}

/** "12", "7,5", "7.5" → hours; null when empty; NaN when not a non-negative number. */
export function parseHours(text: string): number | null {
  const trimmed = text.trim().replace(/\s/g, '');
  if (!trimmed) return null;
  if (!/^\d+([.,]\d+)?$/.test(trimmed)) return Number.NaN;
  return Number(trimmed.replace(',', '.'));
}

/** Hours as the form shows them for editing, in the user's decimal style. */
export function hoursInputValue(hours: number | null, intl: string): string {
  if (hours === null) return '';
  return new Intl.NumberFormat(intl, { useGrouping: false, maximumFractionDigits: 2 }).format(hours);
}

/** A typed amount in `currency` → Money, null when empty, NaN amount when it is not an amount. */
export function moneyOf(text: string, currency: string): Money | null | typeof Number.NaN {
  const minor = parseAmount(text, currency);
  if (minor === null) return null;
  if (Number.isNaN(minor) || minor < 0) return Number.NaN;
  return { amount: minor, currency };
}

/** The form field an API field error belongs to (`budget.cost.amount` → `budgetCost`). */
export function formFieldOf(key: string): string {
  const [root, second] = key.split('.');
  if (root === 'budget') return { hours: 'budgetHours', cost: 'budgetCost', revenue: 'budgetRevenue' }[second ?? ''] ?? 'budgetHours';
  if (root === 'status') return 'statusId';
  if (root === 'fromDealId') return 'name';
  return root ?? '_';
}
