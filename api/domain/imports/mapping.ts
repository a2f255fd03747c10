import { AppError } from '../../errors.ts';
import type { CsvFile } from './csv-file.ts';
import { DEDUPE_FIELDS, guessMapping, IMPORT_FIELDS, type ImportEntity, type ImportField, type Mapping } from './fields.ts';

/** The columns an import cannot do without, as `{field: message}` for those missing. */
const REQUIRED: Record<ImportEntity, (m: Mapping) => Record<string, string>> = {
  companies: (m): Record<string, string> => (m.name === undefined ? { 'mapping.name': 'Choose the column that holds the company name.' } : {}),
  contacts: (m) => {
    if (m.fullName !== undefined) return {};
    const missing: Record<string, string> = {};
    if (m.firstName === undefined) missing['mapping.firstName'] = 'Choose the column with the first name (or the full name).';
    if (m.lastName === undefined) missing['mapping.lastName'] = 'Choose the column with the last name (or the full name).';
    return missing;
  },
};

const invalid = (fields: Record<string, string>) => new AppError('validation_failed', 'The column mapping does not fit this file.', { fields });

/**
 * The mapping to use: the caller's (JSON `{field: column}`, the column as a 0-based index or
 * a header name; `null` leaves a field out) or, when none is given, the guessed one. Every
 * problem is reported at once, keyed `mapping.<field>`. A preview may lack the required
 * fields (the wizard is still choosing); an import may not.
 */
export function resolveMapping(entity: ImportEntity, raw: string | undefined, file: CsvFile, options: { requireAll: boolean }): Mapping {
  let mapping: Mapping;
  if (raw === undefined) {
    mapping = file.hasHeader ? guessMapping(entity, file.headers) : {};
  } else {
    mapping = parseMapping(entity, raw, file.headers);
  }
  const missing = REQUIRED[entity](mapping);
  if (options.requireAll && Object.keys(missing).length) throw invalid(missing);
  return mapping;
}

function parseMapping(entity: ImportEntity, raw: string, headers: readonly string[]): Mapping {
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch {
    value = undefined;
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw invalid({ mapping: 'Send the mapping as a JSON object such as {"name": 0, "regNo": 1}.' });
  }
  const known = IMPORT_FIELDS[entity];
  const fields: Record<string, string> = {};
  const mapping: Mapping = {};
  const usedBy = new Map<number, string>();
  for (const [key, column] of Object.entries(value)) {
    const at = `mapping.${key}`;
    if (!(known as readonly string[]).includes(key)) {
      fields[at] = 'Unknown field.';
      continue;
    }
    if (column === null) continue;
    let index: number;
    if (typeof column === 'number') {
      if (!Number.isInteger(column) || column < 0 || column >= headers.length) {
        fields[at] = `The file has columns 0 to ${headers.length - 1}.`;
        continue;
      }
      index = column;
    } else if (typeof column === 'string') {
      const wanted = column.trim().toLowerCase();
      index = headers.findIndex((h) => h.trim().toLowerCase() === wanted);
      if (index < 0) {
        fields[at] = `The file has no column named "${column.slice(0, 100)}".`;
        continue;
      }
    } else {
      fields[at] = 'Use a column number or a column name.';
      continue;
    }
    const other = usedBy.get(index);
    if (other !== undefined) {
      fields[at] = `Column "${headers[index]}" is already used for ${other}.`;
      continue;
    }
    usedBy.set(index, key);
    mapping[key as ImportField] = index;
  }
  if (Object.keys(fields).length) throw invalid(fields);
  return mapping;
}

export type DedupeMode = 'skip' | 'update';

/** The dedupe key must be the entity's own (IČO for companies, email for contacts) and mapped. */
export function resolveDedupe(entity: ImportEntity, dedupe: string | undefined, mapping: Mapping): ImportField | null {
  if (dedupe === undefined || dedupe === 'none') return null;
  const field = DEDUPE_FIELDS[entity];
  if (dedupe !== field) throw invalid({ dedupe: `${entity === 'companies' ? 'Companies' : 'Contacts'} can be deduplicated by ${field} only.` });
  if (mapping[field] === undefined) throw invalid({ dedupe: `Choose the column that holds ${field === 'regNo' ? 'the IČO' : 'the email'} to deduplicate by it.` });
  return field;
}
