import type { ControlDb } from '../../db/control/client.ts';
import type { billingAccounts } from '../../db/control/schema.ts';

/** A workspace's row in billing_accounts (absent until its first plan change). */
export type BillingAccount = typeof billingAccounts.$inferSelect;

export type ProviderName = 'local' | 'stripe';

export interface BillingWorkspace {
  id: string;
  slug: string;
  name: string;
}

/** What a plan change request led to: done here and now, or continued on the provider's page. */
export type PlanChange = { kind: 'switched' } | { kind: 'redirect'; to: 'checkout' | 'portal'; url: string };

export interface UpgradeRequest {
  workspace: BillingWorkspace;
  owner: { email: string; name: string };
  /** Seats to pay for: the member count. */
  seats: number;
  account: BillingAccount | null;
  /** The billing tab's address; the provider's pages send the owner back there. */
  returnUrl: string;
}

export interface DowngradeRequest {
  workspace: BillingWorkspace;
  account: BillingAccount | null;
  returnUrl: string;
}

/** The provider's next charge, when it has one. */
export interface NextInvoice {
  amount: { amount: number; currency: string };
  /** ISO timestamp of the expected charge. */
  at: string | null;
}

export interface WebhookOutcome {
  /** `applied`, or why nothing changed: `duplicate`, `stale`, `ignored` (not an event we act on), `unknown` (no such customer). */
  result: 'applied' | 'duplicate' | 'stale' | 'ignored' | 'unknown';
  eventId: string;
  type: string;
}

/** The database and the clock a provider works with for one request. */
export interface BillingContext {
  control: ControlDb;
  now: number;
}

/**
 * Where paid plans come from. `workspaces.plan` stays the one effective plan the rest of the
 * API reads: providers (directly or through webhooks) are the only writers of it.
 */
export interface BillingProvider {
  readonly name: ProviderName;
  /** Free → Pro: switched directly (local) or a Checkout page to pay on (Stripe). */
  startUpgrade(ctx: BillingContext, request: UpgradeRequest): Promise<PlanChange>;
  /** Pro → Free: switched directly, or the provider's page to cancel the subscription on. */
  downgrade(ctx: BillingContext, request: DowngradeRequest): Promise<PlanChange>;
  /** The provider's self-service page (card, invoices, cancel); AppError when there is none. */
  portalUrl(account: BillingAccount | null, returnUrl: string): Promise<string>;
  /** Makes the provider charge for `seats` members from now on. */
  updateSeats(account: BillingAccount, seats: number): Promise<void>;
  nextInvoice(account: BillingAccount): Promise<NextInvoice | null>;
  /** Ends the subscription at once (the workspace is being deleted): nobody pays for what no longer exists. */
  cancelNow(account: BillingAccount | null): Promise<void>;
  /** Verifies and applies a provider callback (raw body, as signed); AppError `bad_request` on a bad signature. */
  handleWebhook(ctx: BillingContext, rawBody: string, signature: string | undefined): Promise<WebhookOutcome>;
}
