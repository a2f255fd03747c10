import type { contacts } from '../../../db/tenant/schema.ts';
import { AppError } from '../../errors.ts';
import { normalizePhone } from '../../lib/cz.ts';

export type ContactRow = typeof contacts.$inferSelect;

export interface ContactInput {
  firstName: string | null;
  lastName: string;
  email: string | null;
  phone: string | null;
  title: string | null;
  companyId: string | null;
  tags: string[];
  ownerId: string | null;
}

export interface Contact extends ContactInput {
  id: string;
  /** The linked company's name, read along so that lists need no second query. */
  companyName: string | null;
  createdAt: string;
  updatedAt: string;
  deletedAt: string | null;
  version: number;
}

/** Fields whose changes the history records, in display order. */
export const CONTACT_FIELDS = ['firstName', 'lastName', 'email', 'phone', 'title', 'companyId', 'tags', 'ownerId'] as const;

export function contactView(row: ContactRow, companyName: string | null): Contact {
  return {
    id: row.id,
    firstName: row.firstName,
    lastName: row.lastName,
    email: row.email,
    phone: row.phone,
    title: row.title,
    companyId: row.companyId,
    companyName: row.companyId === null ? null : companyName,
    tags: JSON.parse(row.tags) as string[],
    ownerId: row.ownerId,
    createdAt: new Date(row.createdAt).toISOString(),
    updatedAt: new Date(row.updatedAt).toISOString(),
    deletedAt: row.deletedAt === null ? null : new Date(row.deletedAt).toISOString(),
    version: row.version,
  };
}

/** The flat column values of a contact, for the history and for writing. */
export function contactColumns(c: ContactInput) {
  return {
    firstName: c.firstName,
    lastName: c.lastName,
    email: c.email,
    phone: c.phone,
    title: c.title,
    companyId: c.companyId,
    tags: c.tags,
    ownerId: c.ownerId,
  };
}

/** Normalizes the phone to its stored form (the same rule as a company's). */
export function checkContact(c: ContactInput): ContactInput {
  if (c.phone === null) return c;
  const phone = normalizePhone(c.phone);
  if (phone === null) {
    throw new AppError('validation_failed', 'Some fields are missing or invalid.', { fields: { phone: 'Enter a phone number like +420 602 123 456.' } });
  }
  return { ...c, phone };
}
