import type { ControlDb } from '../../db/control/client.ts';
import type { Platform } from '../platform.ts';

/**
 * Keeps the paid seat count equal to the member count. Called after every membership change
 * (invitation accepted, member removed). Placeholder until the billing providers land.
 */
export async function syncSeats(_platform: Platform, _control: ControlDb, _workspaceId: string, _now: number): Promise<void> {}
