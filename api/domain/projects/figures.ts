import { sql } from 'drizzle-orm';
import type { TenantDb } from '../../../db/tenant/client.ts';
import { percentOf } from '../time/money.ts';

export interface Money {
  amount: number;
  currency: string;
}

/** A project's budget as spent so far: what the portfolio list and the project page show. */
export interface ProjectFigures {
  /** cost = time at the members' cost rates + expenses; revenue = the fixed price, else billable time × rate. */
  actual: { minutes: number; cost: Money; revenue: Money; expenses: Money };
  /** Share of the planned hours / cost used, in percent with one decimal (null without a plan). */
  percentUsed: { hours: number | null; cost: number | null };
  /** actual revenue − actual cost. */
  margin: Money;
}

interface FigureRow {
  id: string;
  budgetMinutes: number | null;
  budgetCost: number | null;
  fixedPrice: number | null;
  minutes: number;
  revenue: number;
  timeCost: number;
  expenses: number;
}

/**
 * Figures of many projects at once: ONE statement for the whole page, never one per project.
 * The ids travel as one JSON parameter (the statement text stays the same for any page size);
 * time and expenses come from project_totals, which triggers keep equal to the sums of the live
 * entries (migration 0007), so a page costs 50 primary-key lookups whatever the hours booked.
 */
export async function projectFigures(db: TenantDb, projects: readonly { id: string; currency: string }[]): Promise<Map<string, ProjectFigures>> {
  const out = new Map<string, ProjectFigures>();
  if (projects.length === 0) return out;
  const ids = JSON.stringify(projects.map((p) => p.id));
  const rows = await db.all<FigureRow>(sql`
    SELECT p.id AS id, p.budget_minutes AS budgetMinutes, p.budget_cost AS budgetCost, p.fixed_price AS fixedPrice,
           coalesce(t.minutes, 0) AS minutes, coalesce(t.revenue, 0) AS revenue, coalesce(t.cost, 0) AS timeCost,
           coalesce(t.expenses, 0) AS expenses
      FROM projects p
      LEFT JOIN project_totals t ON t.project_id = p.id
     WHERE p.id IN (SELECT value FROM json_each(${ids}))`);
  const byId = new Map(rows.map((r) => [r.id, r]));
  for (const p of projects) {
    const m = (amount: number): Money => ({ amount, currency: p.currency });
    const r = byId.get(p.id);
    const minutes = Number(r?.minutes ?? 0);
    const expenses = Number(r?.expenses ?? 0);
    const cost = Number(r?.timeCost ?? 0) + expenses;
    const revenue = r?.fixedPrice ?? Number(r?.revenue ?? 0);
    out.set(p.id, {
      actual: { minutes, cost: m(cost), revenue: m(revenue), expenses: m(expenses) },
      percentUsed: { hours: percentOf(minutes, r?.budgetMinutes ?? null), cost: percentOf(cost, r?.budgetCost ?? null) },
      margin: m(revenue - cost),
    });
  }
  return out;
}
