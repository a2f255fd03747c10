import type { Client, Transaction } from '@libsql/client';
import { eq } from 'drizzle-orm';
import type { TenantDb } from '../../../db/tenant/client.ts';
import { importJobs } from '../../../db/tenant/schema.ts';
import { newId } from '../../lib/ids.ts';
import type { CsvRecord } from '../../lib/csv.ts';
import type { Logger } from '../../platform.ts';
import { RECORD_COUNT_SQL } from '../records/record-quota.ts';
import type { RowProblem } from './cells.ts';
import { planMessages } from '../../access/entitlements.ts';
import { yieldToEventLoop, type ChunkContext, type ChunkResult, type ChunkWriter } from './chunk.ts';
import { dataRecords, type CsvFile } from './csv-file.ts';
import type { ImportEntity, ImportField, Mapping } from './fields.ts';
import { importCompanyChunk } from './import-companies.ts';
import { importContactChunk } from './import-contacts.ts';
import { failJob, importJobView, MAX_PROBLEMS, type ImportJob } from './import-job.ts';
import type { DedupeMode } from './mapping.ts';
import type { Owners } from './owners.ts';

/** Rows per transaction: large enough to amortise the commit, small enough not to hold the write lock long. */
export const CHUNK_ROWS = 500;

const READERS: Record<ImportEntity, ChunkWriter> = { companies: importCompanyChunk, contacts: importContactChunk };

export interface ImportPlan {
  entity: ImportEntity;
  file: CsvFile;
  totalRows: number;
  mapping: Mapping;
  dedupe: ImportField | null;
  mode: DedupeMode;
  owners: Owners;
  userId: string | null;
  /** Companies + contacts the workspace may hold (the free plan's limit); null for no limit. */
  recordLimit: number | null;
}

async function countRecordsSql(tx: Transaction): Promise<number> {
  const rs = await tx.execute(RECORD_COUNT_SQL);
  return Number(rs.rows[0]?.[0] ?? 0);
}

/** Thrown inside a chunk when the record limit is reached: the import ends there, cleanly. */
class LimitReached extends Error {
  readonly row: number;
  constructor(row: number) {
    super('record limit reached');
    this.row = row;
  }
}

/** The job row, `running` from the start: the caller starts runImport right after. */
export async function createImportJob(db: TenantDb, plan: ImportPlan, now: number): Promise<ImportJob> {
  const id = newId(now);
  return db.transaction(async (tx) => {
    const [row] = await tx
      .insert(importJobs)
      .values({ id, entity: plan.entity, status: 'running', totalRows: plan.totalRows, createdBy: plan.userId, createdAt: now, updatedAt: now })
      .returning();
    return importJobView(row!);
  });
}

/**
 * Imports the rows in chunks, each chunk and its progress update one transaction (on the
 * workspace's libSQL client: see chunk.ts), so the job's counts always match the database. Runs after the response has gone
 * (in the background); a failure marks the job failed, keeping the chunks already written.
 */
export async function runImport(db: TenantDb, client: Client, jobId: string, plan: ImportPlan, clock: () => number, logger: Logger): Promise<void> {
  const read = READERS[plan.entity];
  const problems: RowProblem[] = [];
  let firstRow = 0;
  // Near the free plan's limit, rows go one at a time (each one's writes run at once, so the
  // next row's dedupe lookup sees them) and the import stops at the first row with no room.
  const readWithinLimit = async (tx: Transaction, records: CsvRecord[], ctx: ChunkContext, limit: number): Promise<ChunkResult & { stoppedAt?: number }> => {
    let room = limit - (await countRecordsSql(tx));
    if (room >= records.length) return read(tx, records, ctx);
    const total: ChunkResult & { stoppedAt?: number } = { created: 0, updated: 0, skipped: 0, problems: [], writes: [] };
    for (const record of records) {
      const one = await read(tx, [record], ctx);
      if (one.created > room) {
        total.stoppedAt = record.row;
        break;
      }
      await tx.batch(one.writes);
      room -= one.created;
      total.created += one.created;
      total.updated += one.updated;
      total.skipped += one.skipped;
      total.problems.push(...one.problems);
    }
    return total;
  };
  const flush = async (records: CsvRecord[]) => {
    const now = clock();
    const ctx: ChunkContext = {
      jobId,
      mapping: plan.mapping,
      dedupe: plan.dedupe,
      mode: plan.mode,
      actor: { userId: plan.userId, now },
      owners: plan.owners,
      defaultOwnerId: plan.userId,
    };
    const tx = await client.transaction('write');
    try {
      const result: ChunkResult & { stoppedAt?: number } = plan.recordLimit === null ? await read(tx, records, ctx) : await readWithinLimit(tx, records, ctx, plan.recordLimit);
      const fresh = result.problems.slice(0, Math.max(MAX_PROBLEMS + 1 - problems.length, 0));
      problems.push(...fresh);
      const processed = result.stoppedAt === undefined ? records.length : records.findIndex((r) => r.row === result.stoppedAt);
      await tx.batch([
        ...result.writes,
        {
          sql: `UPDATE import_jobs SET processed_rows = processed_rows + ?, created_count = created_count + ?, updated_count = updated_count + ?,
                skipped_count = skipped_count + ?, problems = coalesce(?, problems), updated_at = ? WHERE id = ?`,
          args: [processed, result.created, result.updated, result.skipped, fresh.length ? JSON.stringify(problems) : null, now, jobId],
        },
      ]);
      await tx.commit();
      if (result.stoppedAt !== undefined) throw new LimitReached(result.stoppedAt);
    } finally {
      tx.close();
    }
  };
  try {
    let chunk: CsvRecord[] = [];
    for (const record of dataRecords(plan.file)) {
      chunk.push(record);
      if (chunk.length === CHUNK_ROWS) {
        firstRow = chunk[0]!.row;
        await flush(chunk);
        chunk = [];
        await yieldToEventLoop();
      }
    }
    if (chunk.length) {
      firstRow = chunk[0]!.row;
      await flush(chunk);
    }
    await db.transaction(async (tx) => {
      await tx.update(importJobs).set({ status: 'done', updatedAt: clock() }).where(eq(importJobs.id, jobId));
    });
  } catch (e) {
    if (e instanceof LimitReached && plan.recordLimit !== null) {
      const message = `The import stopped at row ${e.row}: ${planMessages.records(plan.recordLimit)} The rows before it were imported; after upgrading, import the file again with duplicates skipped to add the rest.`;
      await failJob(db, jobId, message, clock()).catch((err: unknown) => logger.error('could not mark import stopped', { jobId, error: String(err) }));
      return;
    }
    logger.error('import failed', { jobId, error: e instanceof Error ? (e.stack ?? e.message) : String(e) });
    const message = `The import stopped at row ${firstRow} because of an error on our side; the rows before it were imported. Undo the import and try again.`;
    await failJob(db, jobId, message, clock()).catch((err: unknown) => logger.error('could not mark import failed', { jobId, error: String(err) }));
  }
}
