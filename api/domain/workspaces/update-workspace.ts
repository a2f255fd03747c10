import { eq } from 'drizzle-orm';
import type { ControlDb } from '../../../db/control/client.ts';
import { workspaces } from '../../../db/control/schema.ts';
import type { Role } from '../../context.ts';
import { AppError, notFound } from '../../errors.ts';
import { workspaceView, type WorkspaceView } from './workspace-view.ts';

export async function getWorkspace(db: ControlDb, id: string, role: Role): Promise<WorkspaceView> {
  const [row] = await db.select().from(workspaces).where(eq(workspaces.id, id));
  if (!row) throw notFound('Workspace');
  return workspaceView(row, role);
}

/** Renames the workspace; its slug stays, so links and integrations keep working. */
export async function updateWorkspace(
  db: ControlDb,
  actor: { id: string; role: Role },
  patch: { name?: string | undefined },
  now: number,
): Promise<WorkspaceView> {
  if (actor.role === 'member') throw new AppError('forbidden', 'Only the owner or an admin can change workspace settings.');
  const [row] = await db
    .update(workspaces)
    .set({ ...(patch.name !== undefined ? { name: patch.name } : {}), updatedAt: now })
    .where(eq(workspaces.id, actor.id))
    .returning();
  if (!row) throw notFound('Workspace');
  return workspaceView(row, actor.role);
}
