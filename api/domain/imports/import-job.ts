import { desc, eq, lt, sql } from 'drizzle-orm';
import type { TenantDb } from '../../../db/tenant/client.ts';
import { importJobs } from '../../../db/tenant/schema.ts';
import { notFound } from '../../errors.ts';
import type { RowProblem } from './cells.ts';
import type { ImportEntity } from './fields.ts';

export type ImportJobRow = typeof importJobs.$inferSelect;

/** Problems kept per job; one more is stored so that the view can say the list was cut. */
export const MAX_PROBLEMS = 1000;

/** A job that has not moved for this long died with its process (restart, Worker limit). */
export const STALE_AFTER_MS = 5 * 60_000;

export interface ImportJob {
  id: string;
  entity: ImportEntity;
  status: ImportJobRow['status'];
  totalRows: number;
  processedRows: number;
  /** processedRows / totalRows, 0–100, rounded down (100 only when every row is done). */
  percent: number;
  createdCount: number;
  updatedCount: number;
  skippedCount: number;
  /** Rows that were not imported and why, in row order, at most 1,000. */
  problems: RowProblem[];
  problemsTruncated: boolean;
  /** Why a failed job stopped. */
  error: string | null;
  createdBy: string | null;
  createdAt: string;
  updatedAt: string;
}

export function importJobView(row: ImportJobRow): ImportJob {
  const all = JSON.parse(row.problems) as RowProblem[];
  const rowProblems = all.filter((p) => p.row > 0);
  return {
    id: row.id,
    entity: row.entity,
    status: row.status,
    totalRows: row.totalRows,
    processedRows: row.processedRows,
    percent: row.totalRows === 0 ? 100 : Math.floor((row.processedRows * 100) / row.totalRows),
    createdCount: row.createdCount,
    updatedCount: row.updatedCount,
    skippedCount: row.skippedCount,
    problems: rowProblems.slice(0, MAX_PROBLEMS),
    problemsTruncated: rowProblems.length > MAX_PROBLEMS,
    error: all.find((p) => p.row === 0)?.message ?? null,
    createdBy: row.createdBy,
    createdAt: new Date(row.createdAt).toISOString(),
    updatedAt: new Date(row.updatedAt).toISOString(),
  };
}

/** The job, with a job whose process died (no progress for STALE_AFTER_MS) marked failed. */
export async function getImportJob(db: TenantDb, id: string, now: number): Promise<ImportJob> {
  const [row] = await db.select().from(importJobs).where(eq(importJobs.id, id));
  if (!row) throw notFound('Import');
  if ((row.status === 'running' || row.status === 'pending') && now - row.updatedAt > STALE_AFTER_MS) {
    return importJobView(await failJob(db, row.id, 'The import stopped before it finished (the server restarted). Undo it and import the file again.', now));
  }
  return importJobView(row);
}

/** Newest first, keyset on the (time-ordered) id. */
export async function listImportJobs(db: TenantDb, limit: number, before: string | undefined): Promise<{ items: ImportJob[]; nextCursor: string | null }> {
  const rows = await db
    .select()
    .from(importJobs)
    .where(before ? lt(importJobs.id, before) : undefined)
    .orderBy(desc(importJobs.id))
    .limit(limit + 1);
  const items = rows.slice(0, limit);
  return { items: items.map(importJobView), nextCursor: rows.length > limit ? (items[items.length - 1]?.id ?? null) : null };
}

/** Marks a job failed with a reason; the rows it wrote stay (undo removes them). */
export async function failJob(db: TenantDb, id: string, message: string, now: number): Promise<ImportJobRow> {
  return db.transaction(async (tx) => {
    const [row] = await tx
      .update(importJobs)
      .set({
        status: 'failed',
        problems: sql`json_insert(${importJobs.problems}, '$[#]', json(${JSON.stringify({ row: 0, fields: {}, message })}))`,
        updatedAt: now,
      })
      .where(eq(importJobs.id, id))
      .returning();
    if (!row) throw notFound('Import');
    return row;
  });
}
