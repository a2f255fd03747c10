import type { TenantDb } from '../../../db/tenant/client.ts';

export interface Money {
  amount: number;
  currency: string;
}

/** A project's budget as spent so far: what the portfolio list and the project page show. */
export interface ProjectFigures {
  actual: { minutes: number; cost: Money; revenue: Money };
  /** Share of the planned hours / cost used, in percent (null without a plan). */
  percentUsed: { hours: number | null; cost: number | null };
  /** actual revenue − actual cost. */
  margin: Money;
}

/**
 * Figures of many projects at once (one SQL statement for the whole page, never one per
 * project). Placeholder: the time-and-money work fills it from time entries and expenses.
 */
export async function projectFigures(
  _db: TenantDb,
  projects: readonly { id: string; currency: string }[],
): Promise<Map<string, ProjectFigures>> {
  const zero = (currency: string): Money => ({ amount: 0, currency });
  return new Map(
    projects.map((p) => [p.id, { actual: { minutes: 0, cost: zero(p.currency), revenue: zero(p.currency) }, percentUsed: { hours: null, cost: null }, margin: zero(p.currency) }]),
  );
}
