import type { ControlDb } from '../../db/control/client.ts';
import { memberCount } from '../domain/workspaces/usage.ts';
import type { Platform } from '../platform.ts';
import { getAccount, setSeats } from './accounts.ts';

/**
 * Keeps the paid seat count equal to the member count. Called after every membership change
 * (invitation accepted, member removed) and when the owner opens billing, so a provider
 * hiccup at one change is mended by the next. Throws when the provider fails; the recorded
 * count then stays the old one, so the next call tries again.
 */
export async function syncSeats(platform: Platform, control: ControlDb, workspaceId: string, now: number): Promise<void> {
  const [account, members] = await Promise.all([getAccount(control, workspaceId), memberCount(control, workspaceId)]);
  // No account: never upgraded, so nothing to charge; the first upgrade records the count.
  if (!account || account.seats === members) return;
  await platform.billing.updateSeats(account, members);
  await setSeats(control, workspaceId, members, now);
}
