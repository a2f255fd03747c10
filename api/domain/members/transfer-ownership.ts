import { and, eq } from 'drizzle-orm';
import type { ControlDb } from '../../../db/control/client.ts';
import { memberships } from '../../../db/control/schema.ts';
import { AppError } from '../../errors.ts';
import { memberRow } from './list-members.ts';

const invalid = (message: string) => new AppError('validation_failed', 'Some fields are missing or invalid.', { fields: { userId: message } });

/**
 * Hands the workspace to another member: they become the owner, the previous owner an admin.
 * Both role changes are one transaction, so the workspace never has zero or two owners.
 */
export async function transferOwnership(control: ControlDb, workspaceId: string, ownerId: string, toUserId: string): Promise<void> {
  if (toUserId === ownerId) throw invalid('You already own this workspace. Choose another member.');
  await control.transaction(async (tx) => {
    const owner = await memberRow(tx, workspaceId, ownerId);
    if (owner?.role !== 'owner') throw new AppError('forbidden', 'Only the owner can transfer ownership.');
    const target = await memberRow(tx, workspaceId, toUserId);
    if (!target) throw invalid('Not a member of this workspace.');
    await tx.update(memberships).set({ role: 'admin' }).where(and(eq(memberships.workspaceId, workspaceId), eq(memberships.userId, ownerId)));
    await tx.update(memberships).set({ role: 'owner' }).where(and(eq(memberships.workspaceId, workspaceId), eq(memberships.userId, toUserId)));
  });
}
