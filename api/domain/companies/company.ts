import type { companies } from '../../../db/tenant/schema.ts';
import { isValidDic, isValidIco, normalizeDic, normalizePhone, normalizePsc } from '../../lib/cz.ts';
import { AppError } from '../../errors.ts';

export type CompanyRow = typeof companies.$inferSelect;

export interface CompanyInput {
  name: string;
  country: string;
  regNo: string | null;
  vatNo: string | null;
  email: string | null;
  phone: string | null;
  website: string | null;
  address: { street: string | null; city: string | null; postalCode: string | null };
  tags: string[];
  ownerId: string | null;
}

export interface Company extends CompanyInput {
  id: string;
  createdAt: string;
  updatedAt: string;
  deletedAt: string | null;
  version: number;
}

/** Fields whose changes the history records, in display order. */
export const COMPANY_FIELDS = ['name', 'country', 'regNo', 'vatNo', 'email', 'phone', 'website', 'street', 'city', 'postalCode', 'tags', 'ownerId'] as const;

export function companyView(row: CompanyRow): Company {
  return {
    id: row.id,
    name: row.name,
    country: row.country,
    regNo: row.regNo,
    vatNo: row.vatNo,
    email: row.email,
    phone: row.phone,
    website: row.website,
    address: { street: row.street, city: row.city, postalCode: row.postalCode },
    tags: JSON.parse(row.tags) as string[],
    ownerId: row.ownerId,
    createdAt: new Date(row.createdAt).toISOString(),
    updatedAt: new Date(row.updatedAt).toISOString(),
    deletedAt: row.deletedAt === null ? null : new Date(row.deletedAt).toISOString(),
    version: row.version,
  };
}

/** The flat column values of a company, for comparing versions in the history. */
export function companyColumns(c: CompanyInput) {
  return {
    name: c.name,
    country: c.country,
    regNo: c.regNo,
    vatNo: c.vatNo,
    email: c.email,
    phone: c.phone,
    website: c.website,
    street: c.address.street,
    city: c.address.city,
    postalCode: c.address.postalCode,
    tags: c.tags,
    ownerId: c.ownerId,
  };
}

/**
 * Rules that depend on more than one field (the country decides how IČO, DIČ, PSČ and phone
 * are read); normalizes to the stored forms. Throws one validation error listing every field.
 */
export function checkCompany(c: CompanyInput): CompanyInput {
  const fields: Record<string, string> = {};
  const cz = c.country === 'CZ';
  const out = { ...c, address: { ...c.address } };
  if (c.regNo !== null) {
    const reg = c.regNo.replace(/\s+/g, '');
    if (cz && !isValidIco(reg)) fields['regNo'] = 'IČO must be 8 digits with a valid check digit.';
    out.regNo = reg;
  }
  if (c.vatNo !== null) {
    const vat = normalizeDic(c.vatNo);
    if (cz && !isValidDic(vat)) fields['vatNo'] = 'DIČ must be CZ followed by 8–10 digits with a valid check digit.';
    out.vatNo = vat;
  }
  if (c.phone !== null) {
    const phone = normalizePhone(c.phone);
    if (phone === null) fields['phone'] = 'Enter a phone number like +420 602 123 456.';
    else out.phone = phone;
  }
  if (cz && c.address.postalCode !== null) {
    const psc = normalizePsc(c.address.postalCode);
    if (psc === null) fields['address.postalCode'] = 'PSČ must be five digits, like 110 00.';
    else out.address.postalCode = psc;
  }
  if (Object.keys(fields).length) throw new AppError('validation_failed', 'Some fields are missing or invalid.', { fields });
  return out;
}
