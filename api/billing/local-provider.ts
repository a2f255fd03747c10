import { AppError, notFound } from '../errors.ts';
import { switchPlanDirectly } from './accounts.ts';
import type { BillingProvider } from './provider.ts';

/**
 * No payment provider (self-hosting, `npm start`): the owner switches the plan directly and
 * nobody is charged. Seats are still counted, so the billing page reads the same everywhere.
 */
export function createLocalBilling(): BillingProvider {
  return {
    name: 'local',
    async startUpgrade(ctx, { workspace, seats }) {
      await switchPlanDirectly(ctx.control, { workspaceId: workspace.id, provider: 'local', plan: 'pro', seats }, ctx.now);
      return { kind: 'switched' };
    },
    async downgrade(ctx, { workspace, account }) {
      await switchPlanDirectly(ctx.control, { workspaceId: workspace.id, provider: 'local', plan: 'free', seats: account?.seats ?? 1 }, ctx.now);
      return { kind: 'switched' };
    },
    portalUrl() {
      return Promise.reject(new AppError('conflict', 'No payment provider is configured on this server, so there is no payment portal: the owner switches the plan directly.'));
    },
    // Nothing to charge: the caller records the count.
    updateSeats: () => Promise.resolve(),
    nextInvoice: () => Promise.resolve(null),
    cancelNow: () => Promise.resolve(),
    handleWebhook() {
      return Promise.reject(notFound('Payment provider'));
    },
  };
}
