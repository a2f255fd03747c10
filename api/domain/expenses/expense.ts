import type { expenses } from '../../../db/tenant/schema.ts';
import type { Money } from '../projects/figures.ts';

export type ExpenseRow = typeof expenses.$inferSelect;

/** Money a project spent beyond time (travel, licences, subcontractors): part of its actual cost. */
export interface Expense {
  id: string;
  projectId: string;
  projectName: string;
  /** YYYY-MM-DD. */
  date: string;
  week: string;
  /** In the project's currency. */
  amount: Money;
  category: string | null;
  note: string | null;
  createdAt: string;
  updatedAt: string;
  deletedAt: string | null;
  version: number;
}

export interface ExpenseInput {
  projectId: string;
  date: string;
  amount: Money;
  category: string | null;
  note: string | null;
}

const iso = (ms: number) => new Date(ms).toISOString();

export function expenseView(row: ExpenseRow, projectName: string): Expense {
  return {
    id: row.id,
    projectId: row.projectId,
    projectName,
    date: row.date,
    week: row.week,
    amount: { amount: row.amount, currency: row.currency },
    category: row.category,
    note: row.note,
    createdAt: iso(row.createdAt),
    updatedAt: iso(row.updatedAt),
    deletedAt: row.deletedAt === null ? null : iso(row.deletedAt),
    version: row.version,
  };
}
