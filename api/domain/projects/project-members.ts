import { and, eq, notInArray } from 'drizzle-orm';
import type { TenantDb } from '../../../db/tenant/client.ts';
import { projectMembers } from '../../../db/tenant/schema.ts';

type Tx = Parameters<Parameters<TenantDb['transaction']>[0]>[0];

/** Member ids as stored and compared: each once, in a stable order. */
export function normalizeMemberIds(ids: readonly string[]): string[] {
  return [...new Set(ids)].sort();
}

/** Makes the project's member rows exactly `userIds` (inside the write's transaction); members who stay keep their row. */
export async function replaceProjectMembers(tx: Tx, projectId: string, userIds: readonly string[], now: number): Promise<void> {
  await tx
    .delete(projectMembers)
    .where(and(eq(projectMembers.projectId, projectId), userIds.length ? notInArray(projectMembers.userId, [...userIds]) : undefined));
  if (userIds.length) {
    await tx
      .insert(projectMembers)
      .values(userIds.map((userId) => ({ projectId, userId, createdAt: now })))
      .onConflictDoNothing();
  }
}
