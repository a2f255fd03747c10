import type { Role } from '../../context.ts';
import type { Money } from '../deals/deal.ts';

export interface MemberView {
  userId: string;
  name: string;
  email: string;
  role: Role;
  joinedAt: string;
  /** Hourly rates: present for owners and admins only (what people cost is not everyone's business). */
  costRate?: Money | null;
  billRate?: Money | null;
}

export interface MemberRow {
  userId: string;
  name: string;
  email: string;
  role: Role;
  joinedAt: number;
  costRate: number | null;
  billRate: number | null;
}

const money = (amount: number | null, currency: string): Money | null => (amount === null ? null : { amount, currency });

export function memberView(row: MemberRow, currency: string, showRates: boolean): MemberView {
  const view: MemberView = { userId: row.userId, name: row.name, email: row.email, role: row.role, joinedAt: new Date(row.joinedAt).toISOString() };
  if (showRates) {
    view.costRate = money(row.costRate, currency);
    view.billRate = money(row.billRate, currency);
  }
  return view;
}
