import { and, eq, isNull } from 'drizzle-orm';
import type { TenantDb } from '../../../db/tenant/client.ts';
import { projects } from '../../../db/tenant/schema.ts';
import { notFound } from '../../errors.ts';
import type { Expense } from '../expenses/expense.ts';
import { listExpenses } from '../expenses/list-expenses.ts';
import { EXPORT_PAGE, exportCsv, type ExportColumn, type ExportLang } from '../exports/csv-export.ts';
import { listTimeEntries } from '../time/list-time-entries.ts';
import type { TimeEntry } from '../time/time-entry.ts';
import { decimalAmount, decimalHours } from './csv-money.ts';

export interface DateRange {
  dateFrom?: string | undefined;
  dateTo?: string | undefined;
}

type Members = ReadonlyMap<string, { name: string; email: string }>;

async function assertProject(db: TenantDb, id: string): Promise<{ name: string }> {
  const [p] = await db.select({ name: projects.name }).from(projects).where(and(eq(projects.id, id), isNull(projects.deletedAt)));
  if (!p) throw notFound('Project');
  return p;
}

const yesNo = (v: boolean, lang: ExportLang) => (v ? (lang === 'cs' ? 'ano' : 'yes') : lang === 'cs' ? 'ne' : 'no');

function timeColumns(lang: ExportLang, members: Members): ExportColumn<TimeEntry>[] {
  const money = (m: { amount: number; currency: string } | null) => (m === null ? null : decimalAmount(m.amount, m.currency, lang));
  return [
    { en: 'Date', cs: 'Datum', value: (e) => e.date },
    { en: 'Person', cs: 'Osoba', value: (e) => members.get(e.userId)?.name ?? e.userId },
    { en: 'Email', cs: 'E-mail', value: (e) => members.get(e.userId)?.email ?? null },
    { en: 'Project', cs: 'Projekt', value: (e) => e.projectName },
    { en: 'Task', cs: 'Úkol', value: (e) => e.taskTitle },
    { en: 'Note', cs: 'Poznámka', value: (e) => e.note },
    { en: 'Minutes', cs: 'Minuty', value: (e) => String(e.minutes) },
    { en: 'Hours', cs: 'Hodiny', value: (e) => decimalHours(e.minutes, lang) },
    { en: 'Billable', cs: 'Fakturovatelné', value: (e) => yesNo(e.billable, lang) },
    { en: 'Billing rate', cs: 'Prodejní sazba', value: (e) => money(e.hourlyRate) },
    { en: 'Amount', cs: 'Částka', value: (e) => money(e.revenue) },
    { en: 'Cost', cs: 'Náklad', value: (e) => money(e.cost) },
    { en: 'Currency', cs: 'Měna', value: (e) => e.revenue.currency },
    { en: 'ID', cs: 'ID', value: (e) => e.id },
  ];
}

/** A project's time entries as a CSV stream for invoicing, oldest day first, 1,000 rows per query. */
export async function exportProjectTime(db: TenantDb, projectId: string, range: DateRange, members: Members, lang: ExportLang) {
  await assertProject(db, projectId);
  return exportCsv(
    (cursor) => listTimeEntries(db, { projectId, ...range, sort: 'date', limit: EXPORT_PAGE, cursor }),
    timeColumns(lang, members),
    lang,
  );
}

function expenseColumns(lang: ExportLang): ExportColumn<Expense>[] {
  return [
    { en: 'Date', cs: 'Datum', value: (e) => e.date },
    { en: 'Project', cs: 'Projekt', value: (e) => e.projectName },
    { en: 'Category', cs: 'Kategorie', value: (e) => e.category },
    { en: 'Note', cs: 'Poznámka', value: (e) => e.note },
    { en: 'Amount', cs: 'Částka', value: (e) => decimalAmount(e.amount.amount, e.amount.currency, lang) },
    { en: 'Currency', cs: 'Měna', value: (e) => e.amount.currency },
    { en: 'ID', cs: 'ID', value: (e) => e.id },
  ];
}

/** A project's expenses as a CSV stream, oldest first. */
export async function exportProjectExpenses(db: TenantDb, projectId: string, range: DateRange, lang: ExportLang) {
  await assertProject(db, projectId);
  return exportCsv((cursor) => listExpenses(db, { projectId, ...range, sort: 'date', limit: EXPORT_PAGE, cursor }), expenseColumns(lang), lang);
}
