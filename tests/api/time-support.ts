// Helpers for the time-tracking tests (time entries, timer, timesheet, expenses, reports):
// Pro workspaces, member rates in the control plane, projects and project tasks in the tenant.
import { and, eq } from 'drizzle-orm';
import { memberships, workspaces } from '../../db/control/schema.ts';
import { newId } from '../../api/lib/ids.ts';
import { ok, tenantClient, wsCall } from './records-support.ts';
import { setPlan, signUp, type Harness, type SignedUp } from './support.ts';

export interface MoneyBody {
  amount: number;
  currency: string;
}

export interface TimeEntryBody {
  id: string;
  projectId: string;
  projectName: string;
  taskId: string | null;
  taskTitle: string | null;
  userId: string;
  date: string;
  week: string;
  minutes: number;
  billable: boolean;
  hourlyRate: MoneyBody | null;
  costRate: MoneyBody | null;
  revenue: MoneyBody;
  cost: MoneyBody;
  note: string | null;
  version: number;
  createdAt: string;
  updatedAt: string;
  deletedAt: string | null;
}

export interface ExpenseBody {
  id: string;
  projectId: string;
  projectName: string;
  date: string;
  week: string;
  amount: MoneyBody;
  category: string | null;
  note: string | null;
  version: number;
}

/** A signed-up user whose workspace is on Pro (optionally kept in another currency). */
export async function proUser(h: Harness, input: { name?: string; workspaceName?: string; currency?: string } = {}): Promise<SignedUp> {
  const who = await signUp(h.app, { name: input.name ?? 'Petra Malá', workspaceName: input.workspaceName ?? 'Studio s.r.o.' });
  await setPlan(h, who.workspace.id, 'pro');
  if (input.currency) await h.control.update(workspaces).set({ currency: input.currency }).where(eq(workspaces.id, who.workspace.id));
  return who;
}

/** Sets a member's hourly cost and billing rates (minor units, the workspace's currency). */
export async function setRates(h: Harness, who: SignedUp, userId: string, rates: { costRate?: number | null; billRate?: number | null }): Promise<void> {
  await h.control
    .update(memberships)
    .set(rates)
    .where(and(eq(memberships.workspaceId, who.workspace.id), eq(memberships.userId, userId)));
}

export interface ProjectSeed {
  name?: string;
  currency?: string;
  hourlyRate?: number | null;
  budgetMinutes?: number | null;
  budgetCost?: number | null;
  budgetRevenue?: number | null;
  fixedPrice?: number | null;
  startOn?: string | null;
  dueOn?: string | null;
}

/**
 * Creates a project through the projects API (POST /w/{ws}/projects); on a free workspace, where
 * that answers 402, inserts the row directly, as an earlier Pro period would have left it.
 */
export async function insertProject(h: Harness, who: SignedUp, p: ProjectSeed = {}): Promise<string> {
  const currency = p.currency ?? who.workspace.currency;
  const money = (amount: number | null | undefined) => (amount === null || amount === undefined ? null : { amount, currency });
  const res = await wsCall(h, who, 'POST', '/projects', {
    name: p.name ?? 'Web pro Pekárnu',
    currency,
    hourlyRate: money(p.hourlyRate),
    fixedPrice: money(p.fixedPrice),
    budget: { hours: p.budgetMinutes === null || p.budgetMinutes === undefined ? null : p.budgetMinutes / 60, cost: money(p.budgetCost), revenue: money(p.budgetRevenue) },
    startOn: p.startOn ?? null,
    dueOn: p.dueOn ?? null,
  });
  if (res.status === 201) return ((await res.json()) as { id: string }).id;
  if (res.status !== 402) throw new Error(`POST /projects answered ${res.status}: ${await res.text()}`);
  const db = await tenantClient(h, who);
  const id = newId();
  const now = Date.now();
  await db.execute({
    sql: `INSERT INTO projects (id, name, status_id, currency, hourly_rate, budget_minutes, budget_cost, budget_revenue, fixed_price, start_on, due_on, tags, version, created_at, updated_at)
          VALUES (?, ?, 'in_progress', ?, ?, ?, ?, ?, ?, ?, ?, '[]', 1, ?, ?)`,
    args: [id, p.name ?? 'Web pro Pekárnu', currency, p.hourlyRate ?? null, p.budgetMinutes ?? null, p.budgetCost ?? null, p.budgetRevenue ?? null, p.fixedPrice ?? null, p.startOn ?? null, p.dueOn ?? null, now, now],
  });
  return id;
}

/** Moves a project to the trash through its own route. */
export async function trashProject(h: Harness, who: SignedUp, id: string): Promise<void> {
  await ok(wsCall(h, who, 'DELETE', `/projects/${id}`), 204);
}

/** Inserts a task of a project. */
export async function insertProjectTask(h: Harness, who: SignedUp, projectId: string | null, title = 'Návrh webu'): Promise<string> {
  const db = await tenantClient(h, who);
  const id = newId();
  const now = Date.now();
  await db.execute({
    sql: `INSERT INTO tasks (id, title, done, project_id, status, version, created_at, updated_at) VALUES (?, ?, 0, ?, 'todo', 1, ?, ?)`,
    args: [id, title, projectId, now, now],
  });
  return id;
}

/** Books an entry through the API and returns it. */
export function book(h: Harness, who: SignedUp, body: Record<string, unknown>): Promise<TimeEntryBody> {
  return ok<TimeEntryBody>(wsCall(h, who, 'POST', '/time-entries', { date: '2026-11-23', minutes: 60, ...body }), 201);
}
