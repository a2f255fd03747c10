import { desc, eq } from 'drizzle-orm';
import type { ControlDb } from '../../../db/control/client.ts';
import { apiKeys, users } from '../../../db/control/schema.ts';
import { apiKeyView, type ApiKeyView } from './api-key-view.ts';

const columns = {
  id: apiKeys.id,
  name: apiKeys.name,
  role: apiKeys.role,
  createdBy: apiKeys.createdBy,
  createdAt: apiKeys.createdAt,
  lastUsedAt: apiKeys.lastUsedAt,
  expiresAt: apiKeys.expiresAt,
  revokedAt: apiKeys.revokedAt,
  creatorName: users.name,
};

/**
 * Every key of the workspace, newest first, revoked and expired ones included so admins can
 * see what existed. A workspace holds a handful (creation is capped), so there is one page.
 */
export async function listApiKeys(control: ControlDb, workspaceId: string, now: number): Promise<ApiKeyView[]> {
  const rows = await control
    .select(columns)
    .from(apiKeys)
    .innerJoin(users, eq(users.id, apiKeys.createdBy))
    .where(eq(apiKeys.workspaceId, workspaceId))
    .orderBy(desc(apiKeys.createdAt), desc(apiKeys.id));
  return rows.map((r) => apiKeyView(r, r.creatorName, now));
}
