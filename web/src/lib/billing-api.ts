// Typed calls for the Plan & billing settings tab (API.md: /w/:ws/billing).
import { api, type Plan } from './api.ts';

export interface Billing {
  id: string;
  plan: Plan;
  /** `local`: no payment provider (self-hosted), the owner switches plans directly. */
  provider: 'local' | 'stripe';
  status: string | null;
  seats: number;
  members: number;
  currentPeriodEnd: string | null;
  nextInvoice: { amount: { amount: number; currency: string }; at: string | null } | null;
  pastDue: { since: string; graceEndsAt: string } | null;
  portal: boolean;
}

/** A plan change: switched here (the billing view), or continued on Stripe's page. */
export type PlanChange = Billing | { checkoutUrl: string } | { portalUrl: string };

/** Where to send the browser to finish a plan change, when it continues at the provider. */
export function continueAt(change: PlanChange): string | null {
  if ('checkoutUrl' in change) return change.checkoutUrl;
  if ('portalUrl' in change) return change.portalUrl;
  return null;
}

const path = (slug: string) => `/w/${encodeURIComponent(slug)}/billing`;

export const billingApi = {
  get: (slug: string, options?: { signal?: AbortSignal }) => api.get<Billing>(path(slug), options),
  changePlan: (slug: string, plan: Plan) => api.post<PlanChange>(`${path(slug)}/plan`, { plan }),
  portal: (slug: string) => api.post<{ portalUrl: string }>(`${path(slug)}/portal`),
};
