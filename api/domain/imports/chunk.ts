import type { InStatement, InValue, Row, Transaction } from '@libsql/client';
import type { recordHistory } from '../../../db/tenant/schema.ts';
import type { CsvRecord } from '../../lib/csv.ts';
import type { Actor } from '../records/actor.ts';
import { diff, historyRow, type Changes } from '../records/history.ts';
import type { RowProblem } from './cells.ts';
import type { ImportField, Mapping } from './fields.ts';
import type { DedupeMode } from './mapping.ts';
import type { Owners } from './owners.ts';

// Chunks are written with plain SQL on the workspace's libSQL transaction, not through
// drizzle: building a 500-row insert through the query builder cost about as much CPU as
// SQLite spent executing it. One read (the dedupe lookup) and one batch per chunk also make
// it two round trips to a remote database instead of one per statement.

/** What a chunk writer may do with the chunk's transaction. */
export type ChunkTx = Pick<Transaction, 'execute' | 'batch'>;

export interface ChunkContext {
  jobId: string;
  mapping: Mapping;
  dedupe: ImportField | null;
  mode: DedupeMode;
  actor: Actor;
  owners: Owners;
  /** Owner of created records whose row names none: the importing user, as on `POST`. */
  defaultOwnerId: string | null;
}

export interface ChunkResult {
  created: number;
  updated: number;
  skipped: number;
  problems: RowProblem[];
  /** Every write of the chunk, run by the caller in the chunk's transaction with the progress update. */
  writes: InStatement[];
}

/** Reads a chunk's rows and returns its writes (the transaction is only used for lookups). */
export type ChunkWriter = (tx: Pick<ChunkTx, 'execute'>, records: readonly CsvRecord[], ctx: ChunkContext) => Promise<ChunkResult>;

// An import's updates are found again by undo through their history ids, which start with
// the job id (a range scan on the primary key): record_history has no import column.
export const importHistoryId = (jobId: string, row: number) => `${jobId}.${String(row).padStart(9, '0')}`;

/** An update some row of this import made, as history records it. */
export interface RowUpdate {
  row: number;
  changes: Changes;
}

/** SQLite's default limit of bound parameters per statement is 32,766. */
const MAX_PARAMS = 30_000;

/** Multi-row INSERTs of `rows`, split so that no statement binds too many parameters. */
export function insertStatements(table: string, columns: readonly string[], rows: readonly InValue[][]): InStatement[] {
  const perStatement = Math.max(1, Math.floor(MAX_PARAMS / columns.length));
  const tuple = `(${columns.map(() => '?').join(', ')})`;
  const out: InStatement[] = [];
  for (let i = 0; i < rows.length; i += perStatement) {
    const slice = rows.slice(i, i + perStatement);
    out.push({ sql: `INSERT INTO ${table} (${columns.join(', ')}) VALUES ${slice.map(() => tuple).join(', ')}`, args: slice.flat() });
  }
  return out;
}

/** `?, ?, ?` for an IN list. */
export const placeholders = (n: number) => Array.from({ length: n }, () => '?').join(', ');

export const HISTORY_COLUMNS = ['id', 'entity', 'entity_id', 'action', 'changes', 'actor_id', 'at'] as const;

export function historyValues(h: typeof recordHistory.$inferInsert): InValue[] {
  return [h.id, h.entity, h.entityId, h.action, h.changes, h.actorId ?? null, h.at];
}

/** Replaces a record's tag rows (inside the chunk's batch). */
export function tagStatements(entity: string, entityId: string, tags: readonly string[]): InStatement[] {
  return [
    { sql: 'DELETE FROM record_tags WHERE entity = ? AND entity_id = ?', args: [entity, entityId] },
    ...insertStatements(
      'record_tags',
      ['entity', 'entity_id', 'tag'],
      tags.map((t) => [entity, entityId, t.toLowerCase()]),
    ),
  ];
}

export const textOrNull = (v: Row[string] | undefined) => (v === null || v === undefined ? null : String(v));

/** Rows by creation (then id): where several records share a key, the oldest is the match. */
export function oldestFirst(rows: readonly Row[]): Row[] {
  return [...rows].sort((a, b) => Number(a['created_at']) - Number(b['created_at']) || String(a['id']).localeCompare(String(b['id'])));
}

/**
 * Lets other requests run between two transactions. The embedded database answers without
 * real I/O, so a loop of transactions would otherwise keep the event loop to itself.
 */
export const yieldToEventLoop = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

/** A record a chunk writes: its latest value, and for one that existed before, what changed. */
export interface ChunkTarget<T extends { tags: string[] }> {
  current: T;
  existing?: { id: string; tags: string[]; updates: RowUpdate[] };
}

/** How one entity's rows become SQL (companies and contacts differ only in these). */
export interface ChunkEntity<T extends { tags: string[] }> {
  table: string;
  entity: string;
  columns: readonly string[];
  fields: readonly string[];
  values(id: string, record: T, importId: string, now: number): InValue[];
  historyColumns(record: T): Record<string, unknown>;
  update(id: string, record: T, now: number): InStatement;
}

/**
 * The writes of one chunk: a multi-row insert per table for the new records with their tags
 * and history, then an update (with tags and one history row per changing CSV row) for each
 * existing record the chunk changed.
 */
export function chunkWrites<T extends { tags: string[] }>(
  spec: ChunkEntity<T>,
  created: readonly { id: string; target: ChunkTarget<T> }[],
  targets: Iterable<ChunkTarget<T>>,
  ctx: Pick<ChunkContext, 'actor' | 'jobId'>,
): InStatement[] {
  const { actor, jobId } = ctx;
  const writes: InStatement[] = [
    ...insertStatements(spec.table, spec.columns, created.map(({ id, target }) => spec.values(id, target.current, jobId, actor.now))),
    ...insertStatements(
      'record_tags',
      ['entity', 'entity_id', 'tag'],
      created.flatMap(({ id, target }) => target.current.tags.map((tag) => [spec.entity, id, tag.toLowerCase()])),
    ),
  ];
  const history = created.map(({ id, target }) =>
    historyRow(spec.entity, id, 'create', diff(null, spec.historyColumns(target.current), spec.fields), actor.userId, actor.now),
  );
  for (const target of targets) {
    const existing = target.existing;
    if (!existing || existing.updates.length === 0) continue;
    writes.push(spec.update(existing.id, target.current, actor.now));
    if (JSON.stringify(existing.tags) !== JSON.stringify(target.current.tags)) writes.push(...tagStatements(spec.entity, existing.id, target.current.tags));
    for (const u of existing.updates) {
      history.push({ ...historyRow(spec.entity, existing.id, 'update', u.changes, actor.userId, actor.now), id: importHistoryId(jobId, u.row) });
    }
  }
  writes.push(...insertStatements('record_history', HISTORY_COLUMNS, history.map(historyValues)));
  return writes;
}
