import { eq } from 'drizzle-orm';
import type { ControlDb } from '../../../db/control/client.ts';
import { apiKeys, billingAccounts, invitations, memberships, workspaces } from '../../../db/control/schema.ts';
import type { TenantProvider } from '../../../db/tenants/provider.ts';
import { AppError, notFound } from '../../errors.ts';
import type { Logger } from '../../platform.ts';

/**
 * Deletes a workspace for good: its control rows in one transaction, then its database.
 * The control rows go first: should dropping the database fail, what is left is an orphan
 * file nobody can reach (logged for the operator), never a workspace pointing at nothing.
 * `confirm` must repeat the workspace's name, so a stray request cannot do this.
 */
export async function deleteWorkspace(
  db: ControlDb,
  tenants: TenantProvider,
  logger: Logger,
  workspaceId: string,
  confirm: string,
  /** Runs after the confirmation matched and before anything is removed (ends a paid subscription). */
  beforeDelete: () => Promise<void> = () => Promise.resolve(),
): Promise<void> {
  const [ws] = await db.select({ id: workspaces.id, name: workspaces.name, dbLocation: workspaces.dbLocation }).from(workspaces).where(eq(workspaces.id, workspaceId)).limit(1);
  if (!ws) throw notFound('Workspace');
  if (confirm.trim() !== ws.name.trim()) {
    throw new AppError('validation_failed', 'Type the workspace name to confirm.', { fields: { confirm: 'Type the workspace name exactly as it is shown.' } });
  }
  await beforeDelete();
  // Explicit deletes besides ON DELETE CASCADE: a remote libSQL connection may not have
  // foreign keys switched on, and these rows must not outlive the workspace.
  await db.batch([
    db.delete(memberships).where(eq(memberships.workspaceId, ws.id)),
    db.delete(invitations).where(eq(invitations.workspaceId, ws.id)),
    db.delete(apiKeys).where(eq(apiKeys.workspaceId, ws.id)),
    db.delete(billingAccounts).where(eq(billingAccounts.workspaceId, ws.id)),
    db.delete(workspaces).where(eq(workspaces.id, ws.id)),
  ]);
  try {
    await tenants.destroy(ws.id, ws.dbLocation);
  } catch (e) {
    logger.error('workspace database not dropped', { workspaceId: ws.id, location: ws.dbLocation, error: e instanceof Error ? e.message : String(e) });
  }
}
