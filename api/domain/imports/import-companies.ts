import type { InStatement, InValue, Row } from '@libsql/client';
import { newId } from '../../lib/ids.ts';
import { COMPANY_FIELDS, companyColumns, type CompanyInput } from '../companies/company.ts';
import { diff } from '../records/history.ts';
import { rowProblem, type RowProblem } from './cells.ts';
import {
  oldestFirst,
  placeholders,
  textOrNull,
  chunkWrites,
  type ChunkEntity,
  type ChunkTarget,
  type ChunkWriter,
} from './chunk.ts';
import { companyMerged, companyToCreate, readCompanyRow } from './company-rows.ts';

const ENTITY = 'company';

const COLUMNS = ['id', 'name', 'country', 'reg_no', 'vat_no', 'email', 'phone', 'website', 'street', 'city', 'postal_code', 'tags', 'owner_id', 'import_id', 'version', 'created_at', 'updated_at'] as const;

function values(id: string, c: CompanyInput, importId: string, now: number): InValue[] {
  const a = c.address;
  return [id, c.name, c.country, c.regNo, c.vatNo, c.email, c.phone, c.website, a.street, a.city, a.postalCode, JSON.stringify(c.tags), c.ownerId, importId, 1, now, now];
}

function inputOf(r: Row): CompanyInput {
  return {
    name: String(r['name']),
    country: String(r['country']),
    regNo: textOrNull(r['reg_no']),
    vatNo: textOrNull(r['vat_no']),
    email: textOrNull(r['email']),
    phone: textOrNull(r['phone']),
    website: textOrNull(r['website']),
    address: { street: textOrNull(r['street']), city: textOrNull(r['city']), postalCode: textOrNull(r['postal_code']) },
    tags: JSON.parse(String(r['tags'])) as string[],
    ownerId: textOrNull(r['owner_id']),
  };
}

function updateStatement(id: string, c: CompanyInput, now: number): InStatement {
  const a = c.address;
  return {
    sql: `UPDATE companies SET name = ?, country = ?, reg_no = ?, vat_no = ?, email = ?, phone = ?, website = ?, street = ?, city = ?, postal_code = ?,
          tags = ?, owner_id = ?, version = version + 1, updated_at = ? WHERE id = ?`,
    args: [c.name, c.country, c.regNo, c.vatNo, c.email, c.phone, c.website, a.street, a.city, a.postalCode, JSON.stringify(c.tags), c.ownerId, now, id],
  };
}

type Target = ChunkTarget<CompanyInput>;

const SPEC: ChunkEntity<CompanyInput> = {
  table: 'companies',
  entity: ENTITY,
  columns: COLUMNS,
  fields: COMPANY_FIELDS,
  values,
  historyColumns: companyColumns,
  update: updateStatement,
};

/**
 * One chunk of company rows: validated like the API, deduplicated by IČO against the live
 * companies (one indexed lookup for the chunk) and the rows before it. Returns the writes:
 * one multi-row insert per table for new companies, an update per changed existing one.
 */
export const importCompanyChunk: ChunkWriter = async (tx, records, ctx) => {
  const { actor } = ctx;
  const problems: RowProblem[] = [];
  let skipped = 0;
  let updated = 0;
  const rows = records.map((r) => ({ row: r.row, read: readCompanyRow(r.fields, ctx.mapping, ctx.owners) }));

  const byKey = new Map<string, Target>();
  const keyOf = (regNo: string | null | undefined) => (ctx.dedupe && regNo ? regNo.replace(/\s+/g, '') : null);
  if (ctx.dedupe) {
    const keys = [...new Set(rows.flatMap((r) => (r.read.ok ? [keyOf(r.read.value.regNo)] : [])).filter((k): k is string => k !== null))];
    if (keys.length) {
      const found = await tx.execute({
        // Without statistics SQLite prefers an index led by deleted_at, which scans every live company.
        sql: `SELECT * FROM companies INDEXED BY companies_reg_no_idx WHERE reg_no IN (${placeholders(keys.length)}) AND deleted_at IS NULL`,
        args: keys,
      });
      for (const row of oldestFirst(found.rows)) {
        const regNo = String(row['reg_no']);
        // With several live companies of one IČO, the oldest is the one the import updates.
        if (byKey.has(regNo)) continue;
        const current = inputOf(row);
        byKey.set(regNo, { current, existing: { id: String(row['id']), tags: current.tags, updates: [] } });
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
    const key = keyOf(read.value.regNo);
    const target = key === null ? undefined : byKey.get(key);
    if (target) {
      if (ctx.mode === 'skip') {
        skipped++;
        continue;
      }
      const merged = companyMerged(target.current, read.value);
      if (!merged.ok) {
        problems.push(rowProblem(row, merged.fields));
        skipped++;
        continue;
      }
      const changes = diff(companyColumns(target.current), companyColumns(merged.value), COMPANY_FIELDS);
      if (Object.keys(changes).length === 0) {
        skipped++;
        continue;
      }
      target.existing?.updates.push({ row, changes });
      target.current = merged.value;
      updated++;
      continue;
    }
    const input = companyToCreate(read.value, ctx.defaultOwnerId);
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
