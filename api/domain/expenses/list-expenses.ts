import { and, asc, desc, eq, gte, isNull, lte, type SQL } from 'drizzle-orm';
import type { TenantDb } from '../../../db/tenant/client.ts';
import { expenses, projects } from '../../../db/tenant/schema.ts';
import { afterRow, decodeCursor, page } from '../records/cursor.ts';
import { expenseView, type Expense } from './expense.ts';

export const EXPENSE_SORTS = ['-date', 'date'] as const;

export interface ListExpensesQuery {
  limit: number;
  cursor?: string | undefined;
  sort: (typeof EXPENSE_SORTS)[number];
  projectId?: string | undefined;
  category?: string | undefined;
  dateFrom?: string | undefined;
  dateTo?: string | undefined;
}

/** One keyset page of live expenses, newest first by default (the project's (date, id) index). */
export async function listExpenses(db: TenantDb, query: ListExpensesQuery): Promise<{ items: Expense[]; nextCursor: string | null }> {
  const where: (SQL | undefined)[] = [isNull(expenses.deletedAt)];
  if (query.projectId !== undefined) where.push(eq(expenses.projectId, query.projectId));
  if (query.category !== undefined) where.push(eq(expenses.category, query.category));
  if (query.dateFrom !== undefined) where.push(gte(expenses.date, query.dateFrom));
  if (query.dateTo !== undefined) where.push(lte(expenses.date, query.dateTo));
  const isDesc = query.sort === '-date';
  if (query.cursor) {
    const [value, id] = decodeCursor(query.cursor);
    where.push(afterRow(expenses.date, expenses.id, isDesc, value, id));
  }
  const dir = isDesc ? desc : asc;
  const rows = await db
    .select({ row: expenses, projectName: projects.name })
    .from(expenses)
    .innerJoin(projects, eq(projects.id, expenses.projectId))
    .where(and(...where))
    .orderBy(dir(expenses.date), dir(expenses.id))
    .limit(query.limit + 1);
  return page(
    rows.map((r) => expenseView(r.row, r.projectName)),
    query.limit,
    (e) => e.date,
  );
}
