import { and, eq, isNotNull, isNull } from 'drizzle-orm';
import type { TenantDb } from '../../../db/tenant/client.ts';
import { expenses, projects } from '../../../db/tenant/schema.ts';
import { notFound } from '../../errors.ts';
import { newId } from '../../lib/ids.ts';
import type { Actor } from '../records/actor.ts';
import { isoWeek } from '../time/iso-week.ts';
import { invalid, liveProject, type ProjectRef, type Tx } from '../time/rates.ts';
import { stale } from '../time/write-time-entry.ts';
import { expenseView, type Expense, type ExpenseInput } from './expense.ts';

function assertCurrency(project: ProjectRef, currency: string): void {
  if (currency !== project.currency) throw invalid({ 'amount.currency': `Use the project's currency (${project.currency}).` });
}

export async function expenseById(tx: Tx | TenantDb, id: string, deleted = false): Promise<Expense> {
  const [r] = await tx
    .select({ row: expenses, projectName: projects.name })
    .from(expenses)
    .innerJoin(projects, eq(projects.id, expenses.projectId))
    .where(and(eq(expenses.id, id), deleted ? isNotNull(expenses.deletedAt) : isNull(expenses.deletedAt)));
  if (!r) throw notFound(deleted ? 'Expense in the trash' : 'Expense');
  return expenseView(r.row, r.projectName);
}

/** Records an expense on a live project, in the project's currency. */
export async function createExpense(db: TenantDb, input: ExpenseInput, actor: Actor): Promise<Expense> {
  return db.transaction(async (tx) => {
    const project = await liveProject(tx, input.projectId);
    assertCurrency(project, input.amount.currency);
    const id = newId(actor.now);
    await tx.insert(expenses).values({
      id,
      projectId: project.id,
      date: input.date,
      week: isoWeek(input.date),
      amount: input.amount.amount,
      currency: input.amount.currency,
      category: input.category,
      note: input.note,
      version: 1,
      createdAt: actor.now,
      updatedAt: actor.now,
    });
    return expenseById(tx, id);
  });
}

async function liveRow(tx: Tx, id: string) {
  const [row] = await tx.select().from(expenses).where(and(eq(expenses.id, id), isNull(expenses.deletedAt)));
  if (!row) throw notFound('Expense');
  return row;
}

/** A partial change; the amount's currency must stay the (possibly new) project's. */
export async function updateExpense(db: TenantDb, id: string, patch: Partial<ExpenseInput>, actor: Actor, ifMatch?: number): Promise<Expense> {
  return db.transaction(async (tx) => {
    const cur = await liveRow(tx, id);
    if (ifMatch !== undefined && ifMatch !== cur.version) throw stale();
    const next: ExpenseInput = {
      projectId: patch.projectId ?? cur.projectId,
      date: patch.date ?? cur.date,
      amount: patch.amount ?? { amount: cur.amount, currency: cur.currency },
      category: patch.category !== undefined ? patch.category : cur.category,
      note: patch.note !== undefined ? patch.note : cur.note,
    };
    const project = await liveProject(tx, next.projectId);
    assertCurrency(project, next.amount.currency);
    const [row] = await tx
      .update(expenses)
      .set({
        projectId: next.projectId,
        date: next.date,
        week: isoWeek(next.date),
        amount: next.amount.amount,
        currency: next.amount.currency,
        category: next.category,
        note: next.note,
        version: cur.version + 1,
        updatedAt: actor.now,
      })
      .where(and(eq(expenses.id, id), eq(expenses.version, cur.version)))
      .returning({ id: expenses.id });
    if (!row) throw stale();
    return expenseById(tx, id);
  });
}

export async function trashExpense(db: TenantDb, id: string, actor: Actor, ifMatch?: number): Promise<void> {
  await db.transaction(async (tx) => {
    const cur = await liveRow(tx, id);
    if (ifMatch !== undefined && ifMatch !== cur.version) throw stale();
    await tx.update(expenses).set({ deletedAt: actor.now, version: cur.version + 1, updatedAt: actor.now }).where(eq(expenses.id, id));
  });
}

/** The undo of a delete; the project must still be live. */
export async function restoreExpense(db: TenantDb, id: string, actor: Actor): Promise<Expense> {
  return db.transaction(async (tx) => {
    const [cur] = await tx.select().from(expenses).where(and(eq(expenses.id, id), isNotNull(expenses.deletedAt)));
    if (!cur) throw notFound('Expense in the trash');
    await liveProject(tx, cur.projectId);
    await tx.update(expenses).set({ deletedAt: null, version: cur.version + 1, updatedAt: actor.now }).where(eq(expenses.id, id));
    return expenseById(tx, id);
  });
}
