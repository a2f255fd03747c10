import type { z } from '@hono/zod-openapi';
import { AppError } from '../../errors.ts';
import { unguardFormula } from '../../lib/csv.ts';
import { fieldErrors } from '../../validation.ts';
import type { ImportField, Mapping } from './fields.ts';

/** A row that cannot be imported, and why (field → message, in the import's field names). */
export interface RowProblem {
  row: number;
  fields: Record<string, string>;
  message: string;
}

export type RowResult<T> = { ok: true; value: T } | { ok: false; fields: Record<string, string> };

/** The trimmed, non-empty cell of a mapped field (an export's formula guard taken off). */
export function cellOf(cells: readonly string[], mapping: Mapping, field: ImportField): string | undefined {
  const index = mapping[field];
  if (index === undefined) return undefined;
  const value = unguardFormula((cells[index] ?? '').trim()).trim();
  return value === '' ? undefined : value;
}

/** "vip, Praha; partner" → ["vip", "Praha", "partner"]: spreadsheets list tags with either. */
export const splitTags = (cell: string) =>
  cell
    .split(/[,;|]/)
    .map((t) => t.trim())
    .filter((t) => t !== '');

/** API field paths (`address.postalCode`, `tags.3`) → the import's field names. */
function importFieldName(path: string): string {
  const [head, second] = path.split('.');
  return head === 'address' && second ? second : (head ?? path);
}

/** Runs a zod schema over a row, with the problems keyed by import field. */
export function parseRow<S extends z.ZodType>(schema: S, raw: Record<string, unknown>): RowResult<z.output<S>> {
  const result = schema.safeParse(raw);
  if (result.success) return { ok: true, value: result.data };
  const fields: Record<string, string> = {};
  for (const [path, message] of Object.entries(fieldErrors(result.error.issues))) fields[importFieldName(path)] ??= message;
  return { ok: false, fields };
}

/** Runs a domain check (checkCompany, checkContact) and turns its validation error into row problems. */
export function checkRow<T>(check: () => T): RowResult<T> {
  try {
    return { ok: true, value: check() };
  } catch (e) {
    if (e instanceof AppError && e.code === 'validation_failed' && e.fields) {
      const fields: Record<string, string> = {};
      for (const [path, message] of Object.entries(e.fields)) fields[importFieldName(path)] ??= message;
      return { ok: false, fields };
    }
    throw e;
  }
}

export function rowProblem(row: number, fields: Record<string, string>): RowProblem {
  return { row, fields, message: Object.values(fields).join(' ') };
}
