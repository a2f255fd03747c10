import { and, eq } from 'drizzle-orm';
import type { ControlDb } from '../../../db/control/client.ts';
import { memberships } from '../../../db/control/schema.ts';
import { AppError } from '../../errors.ts';

/** Owners and assignees must belong to the workspace; anything else is a field error. */
export async function assertMember(control: ControlDb, workspaceId: string, userId: string | null | undefined, field: string): Promise<void> {
  if (userId === null || userId === undefined) return;
  const [row] = await control
    .select({ userId: memberships.userId })
    .from(memberships)
    .where(and(eq(memberships.workspaceId, workspaceId), eq(memberships.userId, userId)))
    .limit(1);
  if (!row) throw new AppError('validation_failed', 'Some fields are missing or invalid.', { fields: { [field]: 'Not a member of this workspace.' } });
}
