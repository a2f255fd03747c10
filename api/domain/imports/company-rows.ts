import type { z } from '@hono/zod-openapi';
import { companyPatchSchema } from '../../routes/companies.ts';
import { checkCompany, type CompanyInput } from '../companies/company.ts';
import { normalizeTags } from '../records/tags.ts';
import { cellOf, checkRow, parseRow, splitTags, type RowResult } from './cells.ts';
import type { Mapping } from './fields.ts';
import { ownerOf, type Owners } from './owners.ts';

export type CompanyPatch = z.output<typeof companyPatchSchema>;

/**
 * One CSV row → the company fields it sets, through the same rules as `PATCH /companies`.
 * Empty cells set nothing. Excel drops the leading zeros of an IČO stored as a number, so a
 * Czech IČO of fewer than 8 digits gets them back.
 */
export function readCompanyRow(cells: readonly string[], mapping: Mapping, owners: Owners): RowResult<CompanyPatch> {
  const cell = (f: Parameters<typeof cellOf>[2]) => cellOf(cells, mapping, f);
  const raw: Record<string, unknown> = {};
  const country = cell('country')?.toUpperCase();
  for (const f of ['name', 'vatNo', 'email', 'phone', 'website'] as const) {
    const v = cell(f);
    if (v !== undefined) raw[f] = v;
  }
  if (country !== undefined) raw['country'] = country;
  const regNo = cell('regNo')?.replace(/\s+/g, '');
  if (regNo !== undefined) raw['regNo'] = (country ?? 'CZ') === 'CZ' && /^\d{1,7}$/.test(regNo) ? regNo.padStart(8, '0') : regNo;
  const address: Record<string, string> = {};
  for (const f of ['street', 'city', 'postalCode'] as const) {
    const v = cell(f);
    if (v !== undefined) address[f] = v;
  }
  if (Object.keys(address).length) raw['address'] = address;
  const tags = cell('tags');
  if (tags !== undefined) raw['tags'] = splitTags(tags);
  const owner = ownerOf(cell('ownerEmail'), owners);
  if (owner.ok && owner.value !== undefined) raw['ownerId'] = owner.value;
  const parsed = parseRow(companyPatchSchema, raw);
  if (!owner.ok) return { ok: false, fields: { ...(parsed.ok ? {} : parsed.fields), ...owner.fields } };
  return parsed;
}

/** A new company from a row: the name is required, the rest as the API defaults it. */
export function companyToCreate(patch: CompanyPatch, defaultOwnerId: string | null): RowResult<CompanyInput> {
  if (patch.name === undefined) return { ok: false, fields: { name: 'Enter a name.' } };
  const input: CompanyInput = {
    name: patch.name,
    country: patch.country ?? 'CZ',
    regNo: patch.regNo ?? null,
    vatNo: patch.vatNo ?? null,
    email: patch.email ?? null,
    phone: patch.phone ?? null,
    website: patch.website ?? null,
    address: { street: patch.address?.street ?? null, city: patch.address?.city ?? null, postalCode: patch.address?.postalCode ?? null },
    tags: normalizeTags(patch.tags ?? []),
    ownerId: patch.ownerId === undefined ? defaultOwnerId : patch.ownerId,
  };
  return checkRow(() => checkCompany(input));
}

/** An existing company updated by a row: the row's cells win, its tags are added. */
export function companyMerged(current: CompanyInput, patch: CompanyPatch): RowResult<CompanyInput> {
  const { address, tags, ...rest } = patch;
  const merged: CompanyInput = {
    ...current,
    ...Object.fromEntries(Object.entries(rest).filter(([, v]) => v !== undefined)),
    address: { ...current.address, ...Object.fromEntries(Object.entries(address ?? {}).filter(([, v]) => v !== undefined)) },
    tags: normalizeTags([...current.tags, ...(tags ?? [])]),
  };
  return checkRow(() => checkCompany(merged));
}
