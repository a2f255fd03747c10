import { czechSortKey } from '../../../db/tenant/collation.ts';
import type { InStatement, InValue, Row } from '@libsql/client';
import { newId } from '../../lib/ids.ts';
import { CONTACT_FIELDS, contactColumns, type ContactInput } from '../contacts/contact.ts';
import { diff } from '../records/history.ts';
import { rowProblem, type RowProblem } from './cells.ts';
import {
  oldestFirst,
  placeholders,
  textOrNull,
  type ChunkTx,
  chunkWrites,
  type ChunkEntity,
  type ChunkTarget,
  type ChunkWriter,
} from './chunk.ts';
import { contactMerged, contactToCreate, readContactRow, type ContactRow } from './contact-rows.ts';

const ENTITY = 'contact';

const COLUMNS = ['id', 'first_name', 'last_name', 'email', 'phone', 'title', 'company_id', 'tags', 'owner_id', 'import_id', 'version', 'created_at', 'updated_at'] as const;

function values(id: string, c: ContactInput, importId: string, now: number): InValue[] {
  return [id, c.firstName, c.lastName, c.email, c.phone, c.title, c.companyId, JSON.stringify(c.tags), c.ownerId, importId, 1, now, now];
}

function inputOf(r: Row): ContactInput {
  return {
    firstName: textOrNull(r['first_name']),
    lastName: String(r['last_name']),
    email: textOrNull(r['email']),
    phone: textOrNull(r['phone']),
    title: textOrNull(r['title']),
    companyId: textOrNull(r['company_id']),
    tags: JSON.parse(String(r['tags'])) as string[],
    ownerId: textOrNull(r['owner_id']),
  };
}

function updateStatement(id: string, c: ContactInput, now: number): InStatement {
  return {
    sql: `UPDATE contacts SET first_name = ?, last_name = ?, email = ?, phone = ?, title = ?, company_id = ?, tags = ?, owner_id = ?,
          version = version + 1, updated_at = ? WHERE id = ?`,
    args: [c.firstName, c.lastName, c.email, c.phone, c.title, c.companyId, JSON.stringify(c.tags), c.ownerId, now, id],
  };
}

type Target = ChunkTarget<ContactInput>;

const SPEC: ChunkEntity<ContactInput> = {
  table: 'contacts',
  entity: ENTITY,
  columns: COLUMNS,
  fields: CONTACT_FIELDS,
  values,
  historyColumns: contactColumns,
  update: updateStatement,
};

/**
 * Live companies the chunk's rows name: two indexed lookups (IČO, exact name) per chunk. The
 * indexes are named because, without statistics, SQLite would rather scan one led by deleted_at.
 */
export async function resolveCompanies(tx: Pick<ChunkTx, 'execute'>, rows: readonly ContactRow[]) {
  const regNos = new Set<string>();
  const names = new Set<string>();
  for (const r of rows) {
    if (r.company && 'regNo' in r.company) regNos.add(r.company.regNo);
    else if (r.company) names.add(r.company.name);
  }
  const byRegNo = new Map<string, string>();
  const byName = new Map<string, string>();
  if (regNos.size) {
    const found = await tx.execute({
      sql: `SELECT id, reg_no, created_at FROM companies INDEXED BY companies_reg_no_idx WHERE reg_no IN (${placeholders(regNos.size)}) AND deleted_at IS NULL`,
      args: [...regNos],
    });
    for (const c of oldestFirst(found.rows)) if (!byRegNo.has(String(c['reg_no']))) byRegNo.set(String(c['reg_no']), String(c['id']));
  }
  if (names.size) {
    // Exact names, found through the sort-key index (the key is a function of the name).
    const keys = new Set([...names].map(czechSortKey));
    const found = await tx.execute({
      sql: `SELECT id, name, created_at FROM companies INDEXED BY companies_name_key_idx
            WHERE deleted_at IS NULL AND name_key IN (${placeholders(keys.size)}) AND name IN (${placeholders(names.size)})`,
      args: [...keys, ...names],
    });
    for (const c of oldestFirst(found.rows)) if (!byName.has(String(c['name']))) byName.set(String(c['name']), String(c['id']));
  }
  return (company: ContactRow['company']): { ok: true; id: string | null } | { ok: false; fields: Record<string, string> } => {
    if (company === null) return { ok: true, id: null };
    if ('regNo' in company) {
      const id = byRegNo.get(company.regNo);
      return id ? { ok: true, id } : { ok: false, fields: { companyRegNo: `No company with IČO ${company.regNo} in this workspace. Import the companies first, or leave the cell empty.` } };
    }
    const id = byName.get(company.name);
    return id ? { ok: true, id } : { ok: false, fields: { company: `No company named “${company.name.slice(0, 100)}” in this workspace. Import the companies first, or leave the cell empty.` } };
  };
}

/**
 * One chunk of contact rows: validated like the API, linked to companies by IČO or name,
 * deduplicated by email (case-insensitively) against the database and the rows before it.
 */
export const importContactChunk: ChunkWriter = async (tx, records, ctx) => {
  const { actor } = ctx;
  const problems: RowProblem[] = [];
  let skipped = 0;
  let updated = 0;
  const rows = records.map((r) => ({ row: r.row, read: readContactRow(r.fields, ctx.mapping, ctx.owners) }));
  const valid = rows.flatMap((r) => (r.read.ok ? [r.read.value] : []));
  const companyOf = await resolveCompanies(tx, valid);

  const byKey = new Map<string, Target>();
  const keyOf = (email: string | null | undefined) => (ctx.dedupe && email ? email.toLowerCase() : null);
  if (ctx.dedupe) {
    const emails = new Set<string>();
    for (const r of valid) {
      if (!r.patch.email) continue;
      // Stored emails keep their case, and the index compares exactly: look up both forms.
      emails.add(r.patch.email);
      emails.add(r.patch.email.toLowerCase());
    }
    if (emails.size) {
      const found = await tx.execute({
        sql: `SELECT * FROM contacts INDEXED BY contacts_email_idx WHERE email IN (${placeholders(emails.size)}) AND deleted_at IS NULL`,
        args: [...emails],
      });
      for (const row of oldestFirst(found.rows)) {
        const key = String(row['email']).toLowerCase();
        if (byKey.has(key)) continue;
        const current = inputOf(row);
        byKey.set(key, { current, existing: { id: String(row['id']), tags: current.tags, updates: [] } });
      }
    }
  }

  const created: { id: string; target: Target }[] = [];
  for (const { row, read } of rows) {
    if (!read.ok) {
      problems.push(rowProblem(row, read.fields));
      skipped++;
      continue;
    }
    const company = companyOf(read.value.company);
    if (!company.ok) {
      problems.push(rowProblem(row, company.fields));
      skipped++;
      continue;
    }
    const key = keyOf(read.value.patch.email);
    const target = key === null ? undefined : byKey.get(key);
    if (target) {
      if (ctx.mode === 'skip') {
        skipped++;
        continue;
      }
      const merged = contactMerged(target.current, read.value.patch, company.id);
      if (!merged.ok) {
        problems.push(rowProblem(row, merged.fields));
        skipped++;
        continue;
      }
      const changes = diff(contactColumns(target.current), contactColumns(merged.value), CONTACT_FIELDS);
      if (Object.keys(changes).length === 0) {
        skipped++;
        continue;
      }
      target.existing?.updates.push({ row, changes });
      target.current = merged.value;
      updated++;
      continue;
    }
    const input = contactToCreate(read.value.patch, company.id, ctx.defaultOwnerId);
    if (!input.ok) {
      problems.push(rowProblem(row, input.fields));
      skipped++;
      continue;
    }
    const entry = { id: newId(actor.now), target: { current: input.value } };
    created.push(entry);
    if (key !== null) byKey.set(key, entry.target);
  }

  const writes = chunkWrites(SPEC, created, byKey.values(), ctx);
  return { created: created.length, updated, skipped, problems, writes };
};
