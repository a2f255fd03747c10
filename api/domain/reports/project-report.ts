import { sql } from 'drizzle-orm';
import type { TenantDb } from '../../../db/tenant/client.ts';
import { notFound } from '../../errors.ts';
import type { Money } from '../projects/figures.ts';
import { isoWeek, mondayOf } from '../time/iso-week.ts';
import { hoursOf, percentOf } from '../time/money.ts';

export interface BurnWeek {
  /** ISO week, YYYY-Www. */
  week: string;
  /** Its Monday, YYYY-MM-DD (what a chart's axis labels). */
  startsOn: string;
  minutes: number;
  /** Cost of the week's time plus its expenses. */
  cost: Money;
  revenue: Money;
  expenses: Money;
  /** Running totals up to and including this week. */
  cumulative: { minutes: number; cost: Money; revenue: Money };
  /** Where the plan says the running totals should be by the end of this week (null without a plan and dates). */
  plan: { minutes: number | null; cost: Money | null };
}

/** Planned vs actual of one project (API.md, project report). */
export interface ProjectReport {
  projectId: string;
  currency: string;
  planned: { minutes: number | null; hours: number | null; cost: Money | null; revenue: Money | null };
  actual: { minutes: number; hours: number; billableMinutes: number; cost: Money; timeCost: Money; expenses: Money; revenue: Money };
  remaining: { minutes: number | null; hours: number | null; cost: Money | null; revenue: Money | null };
  percentUsed: { hours: number | null; cost: number | null };
  margin: { planned: Money | null; actual: Money };
  burn: BurnWeek[];
}

interface Part {
  kind: 'p' | 't' | 'e';
  week: string | null;
  a: number | null;
  b: number | null;
  c: number | null;
  d: number | null;
  e: number | null;
  cur: string | null;
  startOn: string | null;
  dueOn: string | null;
}

/** Weeks the chart spans at most (ten years), so a typo in a date cannot blow up the answer. */
const MAX_WEEKS = 520;

/** ⌊(2·total·i + n) / (2·n)⌋: `total` prorated to `i` of `n` parts, half-up, in integers. */
const prorate = (total: number, i: number, n: number) => Number((2n * BigInt(total) * BigInt(i) + BigInt(n)) / (2n * BigInt(n)));

/**
 * The report in ONE statement: the project's plan, its time grouped by ISO week (a scan of the
 * covering (project, deleted_at, week, minutes, billable, revenue, cost) index), and its
 * expenses grouped by week (the covering expenses index), as three UNION ALL parts. Everything
 * after that is arithmetic on at most a row per week. Revenue is the fixed price when the project
 * has one, else the billable time's value; money is summed from per-entry amounts that were
 * rounded half-up when written.
 */
export async function projectReport(db: TenantDb, projectId: string): Promise<ProjectReport> {
  const parts = await db.all<Part>(sql`
    SELECT 'p' AS kind, NULL AS week, budget_minutes AS a, budget_cost AS b, budget_revenue AS c, fixed_price AS d, NULL AS e,
           currency AS cur, start_on AS startOn, due_on AS dueOn
      FROM projects WHERE id = ${projectId} AND deleted_at IS NULL
    UNION ALL
    SELECT 't', week, sum(minutes), sum(CASE WHEN billable THEN minutes ELSE 0 END), sum(revenue_amount), sum(cost_amount), NULL, NULL, NULL, NULL
      FROM time_entries WHERE project_id = ${projectId} AND deleted_at IS NULL GROUP BY week
    UNION ALL
    SELECT 'e', week, sum(amount), NULL, NULL, NULL, NULL, NULL, NULL, NULL
      FROM expenses WHERE project_id = ${projectId} AND deleted_at IS NULL GROUP BY week`);
  const p = parts.find((r) => r.kind === 'p');
  if (!p) throw notFound('Project');
  const currency = p.cur!;
  const m = (amount: number): Money => ({ amount, currency });
  const mOrNull = (amount: number | null): Money | null => (amount === null ? null : m(amount));

  const weeks = new Map<string, { minutes: number; billable: number; revenue: number; timeCost: number; expenses: number }>();
  const at = (week: string) => {
    let w = weeks.get(week);
    if (!w) weeks.set(week, (w = { minutes: 0, billable: 0, revenue: 0, timeCost: 0, expenses: 0 }));
    return w;
  };
  for (const r of parts) {
    if (r.kind === 't') Object.assign(at(r.week!), { minutes: Number(r.a), billable: Number(r.b), revenue: Number(r.c), timeCost: Number(r.d) });
    if (r.kind === 'e') at(r.week!).expenses = Number(r.a);
  }
  const total = { minutes: 0, billable: 0, revenue: 0, timeCost: 0, expenses: 0 };
  for (const w of weeks.values()) for (const k of Object.keys(total) as (keyof typeof total)[]) total[k] += w[k];

  const planned = { minutes: p.a, cost: p.b, revenue: p.c ?? p.d };
  const actualCost = total.timeCost + total.expenses;
  const actualRevenue = p.d ?? total.revenue;

  return {
    projectId,
    currency,
    planned: { minutes: planned.minutes, hours: planned.minutes === null ? null : hoursOf(planned.minutes), cost: mOrNull(planned.cost), revenue: mOrNull(planned.revenue) },
    actual: {
      minutes: total.minutes,
      hours: hoursOf(total.minutes),
      billableMinutes: total.billable,
      cost: m(actualCost),
      timeCost: m(total.timeCost),
      expenses: m(total.expenses),
      revenue: m(actualRevenue),
    },
    remaining: {
      minutes: planned.minutes === null ? null : planned.minutes - total.minutes,
      hours: planned.minutes === null ? null : hoursOf(planned.minutes - total.minutes),
      cost: planned.cost === null ? null : m(planned.cost - actualCost),
      revenue: planned.revenue === null ? null : m(planned.revenue - actualRevenue),
    },
    percentUsed: { hours: percentOf(total.minutes, planned.minutes), cost: percentOf(actualCost, planned.cost) },
    margin: { planned: planned.revenue === null || planned.cost === null ? null : m(planned.revenue - planned.cost), actual: m(actualRevenue - actualCost) },
    burn: burnWeeks(weeks, p.startOn, p.dueOn, planned, m),
  };
}

const WEEK_MS = 7 * 86_400_000;

/** The Monday of an ISO week as a UTC timestamp, and back to the week and date strings. */
const mondayMs = (week: string) => Date.parse(`${mondayOf(week)}T00:00:00Z`);
function labels(monday: number): { week: string; startsOn: string } {
  const thursday = new Date(monday + 3 * 86_400_000);
  const year = thursday.getUTCFullYear();
  const n = Math.floor((thursday.getTime() - Date.UTC(year, 0, 1)) / WEEK_MS) + 1;
  return { week: `${year}-W${String(n).padStart(2, '0')}`, startsOn: new Date(monday).toISOString().slice(0, 10) };
}

/**
 * Every week from the earliest of (project start, first booked week) to the latest of (due
 * date, last booked week), empty weeks included so the chart's axis has no gaps. The plan line
 * spreads the planned hours and cost evenly over the weeks from start to due date. Weeks are
 * walked as Monday timestamps (no string date arithmetic per week).
 */
function burnWeeks(
  weeks: ReadonlyMap<string, { minutes: number; revenue: number; timeCost: number; expenses: number }>,
  startOn: string | null,
  dueOn: string | null,
  planned: { minutes: number | null; cost: number | null },
  m: (amount: number) => Money,
): BurnWeek[] {
  const booked = [...weeks.keys()].sort();
  const planStart = startOn ? mondayMs(isoWeek(startOn)) : null;
  const planEnd = dueOn ? mondayMs(isoWeek(dueOn)) : null;
  const hasPlan = planStart !== null && planEnd !== null && planStart <= planEnd;
  const bounds = [...booked.map(mondayMs), ...(hasPlan ? [planStart, planEnd] : [])];
  if (bounds.length === 0) return [];
  const first = Math.min(...bounds);
  const last = Math.min(Math.max(...bounds), first + (MAX_WEEKS - 1) * WEEK_MS);
  const planWeeks = hasPlan ? Math.min(MAX_WEEKS, Math.round((planEnd - planStart) / WEEK_MS) + 1) : 0;

  const out: BurnWeek[] = [];
  const run = { minutes: 0, cost: 0, revenue: 0 };
  for (let monday = first; monday <= last; monday += WEEK_MS) {
    const { week, startsOn } = labels(monday);
    const x = weeks.get(week) ?? { minutes: 0, revenue: 0, timeCost: 0, expenses: 0 };
    const cost = x.timeCost + x.expenses;
    run.minutes += x.minutes;
    run.cost += cost;
    run.revenue += x.revenue;
    // Weeks before the start plan nothing; weeks after the due date plan everything.
    const done = hasPlan ? Math.max(0, Math.min(planWeeks, Math.round((monday - planStart) / WEEK_MS) + 1)) : 0;
    out.push({
      week,
      startsOn,
      minutes: x.minutes,
      cost: m(cost),
      revenue: m(x.revenue),
      expenses: m(x.expenses),
      cumulative: { minutes: run.minutes, cost: m(run.cost), revenue: m(run.revenue) },
      plan: {
        minutes: hasPlan && planned.minutes !== null ? prorate(planned.minutes, done, planWeeks) : null,
        cost: hasPlan && planned.cost !== null ? m(prorate(planned.cost, done, planWeeks)) : null,
      },
    });
  }
  return out;
}
