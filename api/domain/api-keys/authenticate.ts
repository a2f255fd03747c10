import { and, eq, sql } from 'drizzle-orm';
import type { ControlDb } from '../../../db/control/client.ts';
import { apiKeys, memberships } from '../../../db/control/schema.ts';
import type { Role } from '../../context.ts';
import { effectiveRole } from './roles.ts';
import { parseToken, secretMatches } from './token.ts';

/** `lastUsedAt` is written at most this often, so a busy integration doesn't write per request. */
export const LAST_USED_GRANULARITY_MS = 60 * 1000;

/** Who a valid key lets in: one workspace, a role, and the person its writes are attributed to. */
export interface ApiKeyCaller {
  id: string;
  workspaceId: string;
  role: Role;
  /** The admin who created the key: the actor of its writes, the default owner of its records. */
  userId: string;
}

// Every key request looks its key up: the query is built once per control client. The creator's
// membership comes along, so a key whose creator left the workspace stops working with them.
function buildKeyLookup(control: ControlDb) {
  return control
    .select({ key: apiKeys, creatorRole: memberships.role })
    .from(apiKeys)
    .leftJoin(memberships, and(eq(memberships.workspaceId, apiKeys.workspaceId), eq(memberships.userId, apiKeys.createdBy)))
    .where(eq(apiKeys.id, sql.placeholder('id')))
    .limit(1)
    .prepare();
}
const lookups = new WeakMap<ControlDb, ReturnType<typeof buildKeyLookup>>();
function keyLookup(control: ControlDb) {
  let q = lookups.get(control);
  if (!q) {
    q = buildKeyLookup(control);
    lookups.set(control, q);
  }
  return q;
}

export interface AuthenticatedKey {
  caller: ApiKeyCaller;
  /** True when `lastUsedAt` is stale enough to be written (see markUsed). */
  touchDue: boolean;
}

/** The key a token names, if it is well-formed, matches, and is neither revoked nor expired. */
export async function authenticateApiKey(control: ControlDb, token: string, now: number): Promise<AuthenticatedKey | null> {
  const parsed = parseToken(token);
  if (!parsed) return null;
  const found = await keyLookup(control).get({ id: parsed.id });
  if (!found) return null;
  const { key, creatorRole } = found;
  if (!secretMatches(parsed.secret, new Uint8Array(key.secretHash))) return null;
  if (key.revokedAt !== null || (key.expiresAt !== null && key.expiresAt <= now) || creatorRole === null) return null;
  return {
    caller: { id: key.id, workspaceId: key.workspaceId, role: effectiveRole(key.role, creatorRole), userId: key.createdBy },
    touchDue: key.lastUsedAt === null || now - key.lastUsedAt >= LAST_USED_GRANULARITY_MS,
  };
}

export async function markUsed(control: ControlDb, id: string, now: number): Promise<void> {
  await control.update(apiKeys).set({ lastUsedAt: now }).where(eq(apiKeys.id, id));
}
