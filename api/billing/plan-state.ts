import type { Plan } from '../access/entitlements.ts';

/** How long a workspace keeps Pro after a failed payment, so a card can be fixed without losing access. */
export const GRACE_MS = 7 * 24 * 60 * 60 * 1000;

/** Subscription states that pay for Pro. `past_due` does so only during the grace period. */
const PAID = new Set(['active', 'trialing']);

/**
 * States of a subscription that still exists at the provider and may become paid again
 * (a new card settles it), so upgrading means fixing payment rather than a second subscription.
 */
export const UNSETTLED = new Set(['past_due', 'unpaid', 'incomplete', 'paused']);

export function graceEndsAt(pastDueSince: number): number {
  return pastDueSince + GRACE_MS;
}

export function graceOver(pastDueSince: number | null, now: number): boolean {
  return pastDueSince !== null && now >= graceEndsAt(pastDueSince);
}

/** The plan a billing account pays for at `now`: the value workspaces.plan must hold. */
export function effectivePlan(account: { status: string; pastDueSince: number | null }, now: number): Plan {
  if (PAID.has(account.status)) return 'pro';
  if (account.status === 'past_due') return account.pastDueSince === null || !graceOver(account.pastDueSince, now) ? 'pro' : 'free';
  return 'free';
}
