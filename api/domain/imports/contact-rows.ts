import type { z } from '@hono/zod-openapi';
import { contactPatchSchema } from '../../routes/contacts.ts';
import { checkContact, type ContactInput } from '../contacts/contact.ts';
import { normalizeTags } from '../records/tags.ts';
import { cellOf, checkRow, parseRow, splitTags, type RowResult } from './cells.ts';
import type { Mapping } from './fields.ts';
import { ownerOf, type Owners } from './owners.ts';

// The company link is not a cell: the import resolves it by IČO or name (import-contacts.ts).
const contactRowSchema = contactPatchSchema.omit({ companyId: true });

export type ContactPatch = z.output<typeof contactRowSchema>;

export interface ContactRow {
  patch: ContactPatch;
  /** The company the row names, to be looked up: by IČO when given, else by exact name. */
  company: { regNo: string } | { name: string } | null;
}

/** "Jan Novák" → first "Jan", last "Novák"; a single word is the last name. */
function splitFullName(full: string): { firstName?: string; lastName: string } {
  const parts = full.split(/\s+/);
  const lastName = parts.pop()!;
  return parts.length ? { firstName: parts.join(' '), lastName } : { lastName };
}

/** One CSV row → the contact fields it sets. Empty cells set nothing. */
export function readContactRow(cells: readonly string[], mapping: Mapping, owners: Owners): RowResult<ContactRow> {
  const cell = (f: Parameters<typeof cellOf>[2]) => cellOf(cells, mapping, f);
  const raw: Record<string, unknown> = {};
  for (const f of ['firstName', 'lastName', 'email', 'phone', 'title'] as const) {
    const v = cell(f);
    if (v !== undefined) raw[f] = v;
  }
  const full = cell('fullName');
  if (full !== undefined && raw['lastName'] === undefined) {
    const split = splitFullName(full);
    raw['lastName'] = split.lastName;
    if (raw['firstName'] === undefined && split.firstName !== undefined) raw['firstName'] = split.firstName;
  }
  const tags = cell('tags');
  if (tags !== undefined) raw['tags'] = splitTags(tags);
  const owner = ownerOf(cell('ownerEmail'), owners);
  if (owner.ok && owner.value !== undefined) raw['ownerId'] = owner.value;
  const parsed = parseRow(contactRowSchema, raw);
  if (!parsed.ok || !owner.ok) return { ok: false, fields: { ...(parsed.ok ? {} : parsed.fields), ...(owner.ok ? {} : owner.fields) } };
  const regNo = cell('companyRegNo')?.replace(/\s+/g, '');
  const name = cell('company');
  const company = regNo !== undefined ? { regNo: /^\d{1,7}$/.test(regNo) ? regNo.padStart(8, '0') : regNo } : name !== undefined ? { name } : null;
  return { ok: true, value: { patch: parsed.value, company } };
}

export function contactToCreate(patch: ContactPatch, companyId: string | null, defaultOwnerId: string | null): RowResult<ContactInput> {
  // Both names, as `POST /contacts` requires them.
  const missing: Record<string, string> = {};
  if (patch.firstName === undefined) missing['firstName'] = 'Enter a first name.';
  if (patch.lastName === undefined) missing['lastName'] = 'Enter a last name.';
  if (patch.firstName === undefined || patch.lastName === undefined) return { ok: false, fields: missing };
  const input: ContactInput = {
    firstName: patch.firstName,
    lastName: patch.lastName,
    email: patch.email ?? null,
    phone: patch.phone ?? null,
    title: patch.title ?? null,
    companyId,
    tags: normalizeTags(patch.tags ?? []),
    ownerId: patch.ownerId ?? defaultOwnerId,
  };
  return checkRow(() => checkContact(input));
}

/**
 * An existing contact updated by a row: the row's cells win, its tags are added. The email
 * it was matched by stays as stored (the match ignores case; the address is the same).
 */
export function contactMerged(current: ContactInput, patch: ContactPatch, companyId: string | null): RowResult<ContactInput> {
  const { tags, email, ...rest } = patch;
  if (email !== undefined && email?.toLowerCase() !== current.email?.toLowerCase()) Object.assign(rest, { email });
  const merged: ContactInput = {
    ...current,
    ...Object.fromEntries(Object.entries(rest).filter(([, v]) => v !== undefined)),
    companyId: companyId ?? current.companyId,
    tags: normalizeTags([...current.tags, ...(tags ?? [])]),
  };
  return checkRow(() => checkContact(merged));
}
