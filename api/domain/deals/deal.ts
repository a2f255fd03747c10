import type { deals } from '../../../db/tenant/schema.ts';
import type { DealLinks } from './deal-links.ts';

export type DealRow = typeof deals.$inferSelect;

/** Integer minor units (haléře, cents) and an ISO 4217 code: never floating point. */
export interface Money {
  amount: number;
  currency: string;
}

export interface DealInput {
  title: string;
  companyId: string | null;
  contactId: string | null;
  value: Money | null;
  stage: string;
  probability: number | null;
  /** YYYY-MM-DD. */
  expectedCloseOn: string | null;
  ownerId: string | null;
  tags: string[];
}

export interface Deal extends DealInput, DealLinks {
  id: string;
  /** Order of the card within its stage column (a fractional key; compare as byte strings). */
  position: string;
  createdAt: string;
  updatedAt: string;
  deletedAt: string | null;
  version: number;
}

/** Fields whose changes the history records; the card's position is board bookkeeping, left out. */
export const DEAL_FIELDS = ['title', 'companyId', 'contactId', 'value', 'stage', 'probability', 'expectedCloseOn', 'ownerId', 'tags'] as const;

export function dealInput(row: DealRow): DealInput {
  return {
    title: row.title,
    companyId: row.companyId,
    contactId: row.contactId,
    value: row.valueAmount === null || row.valueCurrency === null ? null : { amount: row.valueAmount, currency: row.valueCurrency },
    stage: row.stage,
    probability: row.probability,
    expectedCloseOn: row.expectedCloseOn,
    ownerId: row.ownerId,
    tags: JSON.parse(row.tags) as string[],
  };
}

export function dealView(row: DealRow, links: DealLinks): Deal {
  return {
    id: row.id,
    ...dealInput(row),
    ...links,
    position: row.position,
    createdAt: new Date(row.createdAt).toISOString(),
    updatedAt: new Date(row.updatedAt).toISOString(),
    deletedAt: row.deletedAt === null ? null : new Date(row.deletedAt).toISOString(),
    version: row.version,
  };
}

/** A deal's fields as the history compares them. */
export const historyValues = (d: DealInput): Record<string, unknown> => ({ ...d });

/** The stored columns of a deal's fields. */
export function dealColumns(d: DealInput) {
  return {
    title: d.title,
    companyId: d.companyId,
    contactId: d.contactId,
    valueAmount: d.value?.amount ?? null,
    valueCurrency: d.value?.currency ?? null,
    stage: d.stage,
    probability: d.probability,
    expectedCloseOn: d.expectedCloseOn,
    ownerId: d.ownerId,
    tags: JSON.stringify(d.tags),
  };
}

let currencies: Set<string> | undefined;

/** Whether `code` is an ISO 4217 currency the runtime knows (CZK, EUR, USD…). */
export function isCurrency(code: string): boolean {
  currencies ??= new Set(Intl.supportedValuesOf('currency'));
  return currencies.has(code);
}
