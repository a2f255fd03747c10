import type { Client, InStatement, InValue, Row } from '@libsql/client';
import type { TenantDb } from '../../../db/tenant/client.ts';
import { AppError } from '../../errors.ts';
import { COMPANY_FIELDS } from '../companies/company.ts';
import { CONTACT_FIELDS } from '../contacts/contact.ts';
import type { Actor } from '../records/actor.ts';
import { historyRow, type Changes } from '../records/history.ts';
import { HISTORY_COLUMNS, historyValues, insertStatements, placeholders, tagStatements, yieldToEventLoop } from './chunk.ts';
import type { ImportEntity } from './fields.ts';
import { getImportJob, type ImportJob } from './import-job.ts';

/** History rows reverted per transaction. */
const REVERT_BATCH = 500;
/**
 * Created records deleted per transaction. Larger than an import's chunks because each commit
 * of deletions costs the full-text indexes a merge: 2,000 per commit undid 100k rows about
 * three times faster than 500, at ~0.1 s per transaction.
 */
const DELETE_BATCH = 2000;

/** Each entity's table, and the column behind each field its history records. */
const TABLES: Record<ImportEntity, { entity: string; table: string; columns: Record<string, string> }> = {
  companies: {
    entity: 'company',
    table: 'companies',
    columns: columnsOf(COMPANY_FIELDS, { regNo: 'reg_no', vatNo: 'vat_no', postalCode: 'postal_code', ownerId: 'owner_id' }),
  },
  contacts: {
    entity: 'contact',
    table: 'contacts',
    columns: columnsOf(CONTACT_FIELDS, { firstName: 'first_name', lastName: 'last_name', companyId: 'company_id', ownerId: 'owner_id' }),
  },
};

function columnsOf(fields: readonly string[], renamed: Record<string, string>): Record<string, string> {
  return Object.fromEntries(fields.map((f) => [f, renamed[f] ?? f]));
}

type Table = (typeof TABLES)[ImportEntity];

const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

/** A field's current value as history records it (tags as a list). */
function fieldValue(row: Row, column: string): unknown {
  const v = row[column];
  return column === 'tags' ? (JSON.parse(String(v)) as string[]) : (v ?? null);
}

/**
 * Takes an import back: the fields it changed on existing records return to their earlier
 * values (newest change first; a field someone has edited since is left alone), then the
 * records it created are deleted with their tags and history. Works in transactions of a
 * bounded size and is safe to repeat after an interruption: reverted fields no longer match and created
 * rows already gone are not found again.
 */
export async function undoImport(db: TenantDb, client: Client, jobId: string, actor: Actor): Promise<ImportJob> {
  const job = await getImportJob(db, jobId, actor.now);
  if (job.status === 'running' || job.status === 'pending') throw new AppError('conflict', 'The import is still running. Undo it when it has finished.');
  if (job.status === 'undone') throw new AppError('conflict', 'This import has already been undone.');
  const table = TABLES[job.entity];

  // The import's updates, newest first, by their history ids (see importHistoryId).
  let before = `${jobId}/`;
  for (;;) {
    const page = await client.execute({
      sql: 'SELECT id, entity_id, changes FROM record_history WHERE id > ? AND id < ? ORDER BY id DESC LIMIT ?',
      args: [`${jobId}.`, before, REVERT_BATCH],
    });
    if (page.rows.length === 0) break;
    before = String(page.rows[page.rows.length - 1]!['id']);
    await inTransaction(client, (tx) => revertPage(tx, table, jobId, page.rows, actor));
    await yieldToEventLoop();
  }

  for (;;) {
    const done = await inTransaction(client, async (tx) => {
      const found = await tx.execute({ sql: `SELECT id FROM ${table.table} WHERE import_id = ? LIMIT ?`, args: [jobId, DELETE_BATCH] });
      const ids = found.rows.map((r) => String(r['id']));
      if (ids.length === 0) return true;
      const list = placeholders(ids.length);
      await tx.batch([
        { sql: `DELETE FROM record_tags WHERE entity = ? AND entity_id IN (${list})`, args: [table.entity, ...ids] },
        { sql: `DELETE FROM record_history WHERE entity = ? AND entity_id IN (${list})`, args: [table.entity, ...ids] },
        { sql: `DELETE FROM ${table.table} WHERE id IN (${list})`, args: ids },
      ]);
      return false;
    });
    if (done) break;
    await yieldToEventLoop();
  }

  await client.execute({ sql: "UPDATE import_jobs SET status = 'undone', updated_at = ? WHERE id = ?", args: [actor.now, jobId] });
  return getImportJob(db, jobId, actor.now);
}

type Tx = Pick<Awaited<ReturnType<Client['transaction']>>, 'execute' | 'batch'>;

async function inTransaction<T>(client: Client, body: (tx: Tx) => Promise<T>): Promise<T> {
  const tx = await client.transaction('write');
  try {
    const out = await body(tx);
    await tx.commit();
    return out;
  } finally {
    tx.close();
  }
}

async function revertPage(tx: Tx, table: Table, jobId: string, page: Row[], actor: Actor): Promise<void> {
  const ids = [...new Set(page.map((h) => String(h['entity_id'])))];
  const found = await tx.execute({ sql: `SELECT * FROM ${table.table} WHERE id IN (${placeholders(ids.length)})`, args: ids });
  const records = new Map(found.rows.map((r) => [String(r['id']), { importId: r['import_id'], values: new Map<string, unknown>(), row: r }]));
  const reverts = new Map<string, { set: Map<string, unknown>; changes: Changes }>();
  for (const h of page) {
    const id = String(h['entity_id']);
    const record = records.get(id);
    // Records this import created are deleted afterwards: nothing to revert on them.
    if (!record || record.importId === jobId) continue;
    for (const [field, [from, to]] of Object.entries(JSON.parse(String(h['changes'])) as Changes)) {
      const column = table.columns[field];
      if (!column) continue;
      const current = record.values.has(field) ? record.values.get(field) : fieldValue(record.row, column);
      if (!same(current, to)) continue;
      const revert = reverts.get(id) ?? { set: new Map<string, unknown>(), changes: {} };
      // Several rows may have changed one field: the revert goes from now to the oldest value.
      const first = field in revert.changes ? revert.changes[field]![0] : current;
      revert.changes[field] = [first, from ?? null];
      revert.set.set(field, from ?? null);
      record.values.set(field, from ?? null);
      reverts.set(id, revert);
    }
  }
  const writes: InStatement[] = [];
  const history = [];
  for (const [id, revert] of reverts) {
    const fields = [...revert.set.keys()];
    const args = fields.map((f) => {
      const v = revert.set.get(f);
      return (f === 'tags' ? JSON.stringify(v) : v) as InValue;
    });
    writes.push({
      sql: `UPDATE ${table.table} SET ${fields.map((f) => `${table.columns[f]} = ?`).join(', ')}, version = version + 1, updated_at = ? WHERE id = ?`,
      args: [...args, actor.now, id],
    });
    if (revert.set.has('tags')) writes.push(...tagStatements(table.entity, id, revert.set.get('tags') as string[]));
    history.push(historyRow(table.entity, id, 'update', revert.changes, actor.userId, actor.now));
  }
  writes.push(...insertStatements('record_history', HISTORY_COLUMNS, history.map(historyValues)));
  if (writes.length) await tx.batch(writes);
}
