// Shared pieces of the project tests: the API shapes, a Pro workspace, a won deal to start from.
import { caller, type Caller } from './crm-support.ts';
import { setPlan, signUp, type Harness, type SignedUp } from './support.ts';

export interface Money {
  amount: number;
  currency: string;
}

export interface Project {
  id: string;
  name: string;
  description: string | null;
  companyId: string | null;
  companyName: string | null;
  contactId: string | null;
  dealId: string | null;
  statusId: string;
  status: { id: string; name: string; kind: string };
  managerId: string | null;
  memberIds: string[];
  startOn: string | null;
  dueOn: string | null;
  currency: string;
  budget: { hours: number | null; cost: Money | null; revenue: Money | null };
  hourlyRate: Money | null;
  fixedPrice: Money | null;
  tags: string[];
  figures: { actual: { minutes: number; cost: Money; revenue: Money }; percentUsed: { hours: number | null; cost: number | null }; margin: Money };
  version: number;
  createdAt: string;
  updatedAt: string;
  deletedAt: string | null;
}

export interface ProjectStatus {
  id: string;
  name: string;
  position: number;
  kind: string;
}

export interface Milestone {
  id: string;
  projectId: string;
  name: string;
  dueOn: string | null;
  done: boolean;
  version: number;
}

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

export interface ErrorBody {
  error: { code: string; message: string; fields?: Record<string, string> };
}

/** A new user whose own workspace is on Pro, with a caller bound to it. */
export async function proUser(h: Harness, input: Parameters<typeof signUp>[1] = {}): Promise<{ user: SignedUp; call: Caller }> {
  const user = await signUp(h.app, input);
  await setPlan(h, user.workspace.id, 'pro');
  return { user, call: caller(h, user) };
}

/** A deal in the won stage, with a company, a contact and a value. */
export async function wonDeal(c: Caller, value: Money | null = { amount: 12_500_000, currency: 'CZK' }): Promise<{ dealId: string; companyId: string; contactId: string; title: string }> {
  const company = await c.ok<{ id: string }>('POST', '/companies', { name: 'Pekárna Novák s.r.o.' });
  const contact = await c.ok<{ id: string }>('POST', '/contacts', { firstName: 'Petr', lastName: 'Novák', companyId: company.id });
  const title = 'Nový e-shop';
  const deal = await c.ok<{ id: string }>('POST', '/deals', { title, companyId: company.id, contactId: contact.id, value, stage: 'won' });
  return { dealId: deal.id, companyId: company.id, contactId: contact.id, title };
}

/** The error of a failed answer, after checking its status. */
export async function errorWith(res: Response, status: number): Promise<ErrorBody['error']> {
  const text = await res.text();
  if (res.status !== status) throw new Error(`expected ${status}, got ${res.status}: ${text}`);
  return (JSON.parse(text) as ErrorBody).error;
}
