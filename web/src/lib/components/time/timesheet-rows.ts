import type { Timesheet } from '../../time-api.ts';

/** One line of the timesheet grid: a project, maybe a task, minutes per day (Monday first). */
export interface GridRow {
  projectId: string;
  projectName: string;
  taskId: string | null;
  taskTitle: string | null;
  minutes: number[];
}

export const rowKey = (r: { projectId: string; taskId: string | null }) => `${r.projectId}:${r.taskId ?? ''}`;

/** The server's rows plus the rows added here and not yet filled, in the server's order then the added ones. */
export function gridRows(sheet: Timesheet, added: readonly GridRow[]): GridRow[] {
  const rows: GridRow[] = sheet.rows.map((r) => ({ ...r, minutes: [...r.minutes] }));
  const seen = new Set(rows.map(rowKey));
  for (const a of added) if (!seen.has(rowKey(a))) rows.push({ ...a, minutes: sheet.days.map(() => 0) });
  return rows;
}
