import { and, eq, ne } from 'drizzle-orm';
import type { ControlDb } from '../../../db/control/client.ts';
import { memberships } from '../../../db/control/schema.ts';
import type { TenantDb } from '../../../db/tenant/client.ts';
import { AppError, notFound } from '../../errors.ts';
import { memberRow } from './list-members.ts';
import { reassignRecords, type Reassigned } from './reassign-records.ts';

export interface RemoveMemberInput {
  control: ControlDb;
  tenant: TenantDb;
  workspaceId: string;
  /** Who is removing (the member themselves when leaving). */
  actorId: string;
  now: number;
}

/**
 * Takes `userId` out of the workspace. Their records stay; with `reassignTo` (another member)
 * everything they own or are assigned to moves to that member first. The owner can be
 * neither removed nor leave: ownership is handed over first, so a workspace always has one.
 *
 * Two databases, so no single transaction: the records move first and the membership goes
 * after. If the second step fails the member is still there and a retry does both again;
 * the other order could strand records on someone no longer reachable through the API.
 * Their sessions lose the workspace at once: every request looks the membership up.
 */
export async function removeMember(input: RemoveMemberInput, userId: string, options: { reassignTo?: string | undefined } = {}): Promise<{ reassigned: Reassigned | null }> {
  const { control, workspaceId } = input;
  const target = await memberRow(control, workspaceId, userId);
  if (!target) throw notFound('Member');
  if (target.role === 'owner') throw new AppError('forbidden', 'The owner cannot leave or be removed. Transfer ownership to another member first.');

  let reassigned: Reassigned | null = null;
  if (options.reassignTo !== undefined) {
    const heir = options.reassignTo === userId ? undefined : await memberRow(control, workspaceId, options.reassignTo);
    if (!heir) {
      throw new AppError('validation_failed', 'Some fields are missing or invalid.', {
        fields: { reassignTo: 'Choose another member of this workspace.' },
      });
    }
    reassigned = await reassignRecords(input.tenant, userId, heir.userId, { userId: input.actorId, now: input.now });
  }

  // `role <> 'owner'` again here: an ownership transfer to this member may have landed meanwhile.
  const removed = await control
    .delete(memberships)
    .where(and(eq(memberships.workspaceId, workspaceId), eq(memberships.userId, userId), ne(memberships.role, 'owner')))
    .returning({ userId: memberships.userId });
  if (removed.length === 0) throw notFound('Member');
  return { reassigned };
}
