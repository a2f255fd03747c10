import { eq } from 'drizzle-orm';
import type { ControlDb } from '../../db/control/client.ts';
import { workspaces } from '../../db/control/schema.ts';
import type { Plan } from '../access/entitlements.ts';
import { memberCount } from '../domain/workspaces/usage.ts';
import { notFound } from '../errors.ts';
import type { Logger } from '../platform.ts';
import { getAccount } from './accounts.ts';
import { graceEndsAt } from './plan-state.ts';
import type { BillingProvider, NextInvoice, ProviderName } from './provider.ts';

/** GET /w/{ws}/billing (API.md, billing). */
export interface BillingView {
  /** The workspace's id: billing is one per workspace. */
  id: string;
  plan: Plan;
  /** The server's payment provider: `local` means the owner switches plans directly. */
  provider: ProviderName;
  /** The subscription as the provider last reported it (`active`, `past_due`, `canceled`…); null before the first upgrade. */
  status: string | null;
  /** Seats paid for (Pro); 0 on Free. */
  seats: number;
  members: number;
  /** When the paid period ends or renews (Stripe). */
  currentPeriodEnd: string | null;
  nextInvoice: NextInvoice | null;
  /** A failed payment: Pro stays until graceEndsAt, then the workspace falls back to Free. */
  pastDue: { since: string; graceEndsAt: string } | null;
  /** Whether POST /billing/portal has a page to open (Stripe, once a customer exists). */
  portal: boolean;
}

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

export async function billingView(
  deps: { control: ControlDb; billing: BillingProvider; logger: Logger },
  workspaceId: string,
): Promise<BillingView> {
  const { control, billing } = deps;
  const [[ws], account, members] = await Promise.all([
    control.select({ plan: workspaces.plan }).from(workspaces).where(eq(workspaces.id, workspaceId)),
    getAccount(control, workspaceId),
    memberCount(control, workspaceId),
  ]);
  if (!ws) throw notFound('Workspace');
  let nextInvoice: NextInvoice | null = null;
  if (account && account.status !== 'canceled') {
    try {
      nextInvoice = await billing.nextInvoice(account);
    } catch (e) {
      // The page still shows plan and seats when the provider is slow or down.
      deps.logger.error('next invoice unavailable', { workspaceId, error: e instanceof Error ? e.message : String(e) });
    }
  }
  const pastDue = account?.status === 'past_due' && account.pastDueSince !== null ? account.pastDueSince : null;
  return {
    id: workspaceId,
    plan: ws.plan,
    provider: billing.name,
    status: account?.status ?? null,
    seats: ws.plan === 'pro' ? (account?.seats ?? members) : 0,
    members,
    currentPeriodEnd: iso(account?.currentPeriodEnd ?? null),
    nextInvoice,
    pastDue: pastDue === null ? null : { since: new Date(pastDue).toISOString(), graceEndsAt: new Date(graceEndsAt(pastDue)).toISOString() },
    portal: billing.name === 'stripe' && account?.provider === 'stripe' && account.customerId !== null,
  };
}
