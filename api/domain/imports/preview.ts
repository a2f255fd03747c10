import type { Client } from '@libsql/client';
import type { CsvDelimiter, CsvEncoding, CsvRecord } from '../../lib/csv.ts';
import type { RowResult } from './cells.ts';
import { companyToCreate, readCompanyRow } from './company-rows.ts';
import { contactToCreate, readContactRow, type ContactRow } from './contact-rows.ts';
import { countDataRecords, dataRecords, type CsvFile } from './csv-file.ts';
import { DEDUPE_FIELDS, IMPORT_FIELDS, type ImportEntity, type ImportField, type Mapping } from './fields.ts';
import { resolveCompanies } from './import-contacts.ts';
import type { Owners } from './owners.ts';

export const PREVIEW_ROWS = 20;

export interface ImportPreview {
  entity: ImportEntity;
  encoding: CsvEncoding;
  bom: boolean;
  delimiter: CsvDelimiter;
  hasHeader: boolean;
  /** Data rows in the file (header and blank lines not counted). */
  totalRows: number;
  columns: { index: number; header: string; field: ImportField | null }[];
  mapping: Mapping;
  /** Every field a column can be mapped to, and the one a dedupe keys on. */
  fields: ImportField[];
  dedupeField: ImportField;
  /** The first rows with what would stop each from being created (null: it would import). */
  rows: { row: number; cells: string[]; problems: Record<string, string> | null }[];
}

/** What the wizard shows before anything is written: the file as read, the mapping, and the first rows checked like the API checks them. */
export async function previewImport(
  db: Pick<Client, 'execute'>,
  entity: ImportEntity,
  file: CsvFile,
  mapping: Mapping,
  owners: Owners,
  userId: string | null,
): Promise<ImportPreview> {
  const totalRows = countDataRecords(file);
  const records: CsvRecord[] = [];
  for (const record of dataRecords(file)) {
    records.push(record);
    if (records.length === PREVIEW_ROWS) break;
  }
  const checks = entity === 'companies' ? checkCompanyRows(records, mapping, owners, userId) : await checkContactRows(db, records, mapping, owners, userId);
  const fieldAt = new Map(Object.entries(mapping).map(([field, index]) => [index, field as ImportField]));
  return {
    entity,
    encoding: file.encoding,
    bom: file.bom,
    delimiter: file.delimiter,
    hasHeader: file.hasHeader,
    totalRows,
    columns: file.headers.map((header, index) => ({ index, header, field: fieldAt.get(index) ?? null })),
    mapping,
    fields: [...IMPORT_FIELDS[entity]],
    dedupeField: DEDUPE_FIELDS[entity],
    rows: records.map((r, i) => ({ row: r.row, cells: r.fields, problems: checks[i] ?? null })),
  };
}

const problemsOf = (r: RowResult<unknown>) => (r.ok ? null : r.fields);

function checkCompanyRows(records: CsvRecord[], mapping: Mapping, owners: Owners, userId: string | null) {
  return records.map((r) => {
    const read = readCompanyRow(r.fields, mapping, owners);
    return read.ok ? problemsOf(companyToCreate(read.value, userId)) : read.fields;
  });
}

async function checkContactRows(db: Pick<Client, 'execute'>, records: CsvRecord[], mapping: Mapping, owners: Owners, userId: string | null) {
  const reads = records.map((r) => readContactRow(r.fields, mapping, owners));
  const companyOf = await resolveCompanies(db, reads.flatMap((r): ContactRow[] => (r.ok ? [r.value] : [])));
  return reads.map((read) => {
    if (!read.ok) return read.fields;
    const company = companyOf(read.value.company);
    return company.ok ? problemsOf(contactToCreate(read.value.patch, company.id, userId)) : company.fields;
  });
}
