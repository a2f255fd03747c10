import { and, count, eq, gt, isNull, or } from 'drizzle-orm';
import type { ControlDb } from '../../../db/control/client.ts';
import { apiKeys, users } from '../../../db/control/schema.ts';
import type { Role } from '../../context.ts';
import { AppError, notFound } from '../../errors.ts';
import { newId } from '../../lib/ids.ts';
import { apiKeyView, type ApiKeyRole, type ApiKeyView } from './api-key-view.ts';
import { mayGrant } from './roles.ts';
import { formatToken, hashSecret, newSecret } from './token.ts';

/** Active keys a workspace may hold at once: plenty for integrations, a bound for a runaway script. */
export const MAX_ACTIVE_KEYS = 100;
const DAY_MS = 24 * 60 * 60 * 1000;
/** Ten years: "never" is what `null` is for; a date past this is a typo. */
const MAX_LIFETIME_MS = 3650 * DAY_MS;

export interface NewApiKey {
  name: string;
  role: ApiKeyRole;
  /** Absolute expiry (ms); null or absent = never. */
  expiresAt?: number | null | undefined;
  /** Relative expiry; the alternative to `expiresAt`. */
  expiresInDays?: number | null | undefined;
}

export interface KeyCreator {
  userId: string;
  /** The creator's own role in the workspace: a key never gets more. */
  role: Role;
}

const invalid = (fields: Record<string, string>) => new AppError('validation_failed', 'Some fields are missing or invalid.', { fields });

function expiryOf(input: NewApiKey, now: number): number | null {
  if (input.expiresAt != null && input.expiresInDays != null) throw invalid({ expiresInDays: 'Give either expiresAt or expiresInDays, not both.' });
  const at = input.expiresInDays != null ? now + input.expiresInDays * DAY_MS : (input.expiresAt ?? null);
  if (at === null) return null;
  if (at <= now) throw invalid({ expiresAt: 'Pick a time in the future.' });
  if (at > now + MAX_LIFETIME_MS) throw invalid({ expiresAt: 'Pick a time within ten years, or none for a key that never expires.' });
  return at;
}

/**
 * A new key for the workspace. The answer carries the full token once; only its hash is kept,
 * so nobody (us included) can show it again.
 */
export async function createApiKey(
  control: ControlDb,
  workspaceId: string,
  input: NewApiKey,
  creator: KeyCreator,
  now: number,
): Promise<ApiKeyView & { secret: string }> {
  if (creator.role === 'member') throw new AppError('forbidden', 'Only owners and admins can create API keys.');
  if (!mayGrant(creator.role, input.role)) {
    throw new AppError('forbidden', 'A key cannot have more rights than the person who creates it.');
  }
  const expiresAt = expiryOf(input, now);
  // A soft cap: two creates racing at the limit may both pass, which is harmless.
  const [active] = await control
    .select({ n: count() })
    .from(apiKeys)
    .where(and(eq(apiKeys.workspaceId, workspaceId), isNull(apiKeys.revokedAt), or(isNull(apiKeys.expiresAt), gt(apiKeys.expiresAt, now))));
  if ((active?.n ?? 0) >= MAX_ACTIVE_KEYS) {
    throw new AppError('conflict', `This workspace already has ${MAX_ACTIVE_KEYS} active API keys. Revoke one you no longer use first.`);
  }
  const id = newId(now);
  const secret = newSecret();
  const row = {
    id,
    workspaceId,
    name: input.name,
    role: input.role,
    secretHash: Buffer.from(hashSecret(secret)),
    createdBy: creator.userId,
    createdAt: now,
    lastUsedAt: null,
    expiresAt,
    revokedAt: null,
  };
  await control.insert(apiKeys).values(row);
  const [creatorRow] = await control.select({ name: users.name }).from(users).where(eq(users.id, creator.userId));
  return { ...apiKeyView(row, creatorRow?.name ?? '', now), secret: formatToken(id, secret) };
}

/**
 * Revokes the key at once: the next request with it is refused. Revoking twice is fine; a
 * key of another workspace is "not found", like any other id that isn't the caller's.
 */
export async function revokeApiKey(control: ControlDb, workspaceId: string, id: string, now: number): Promise<void> {
  const [row] = await control
    .select({ revokedAt: apiKeys.revokedAt })
    .from(apiKeys)
    .where(and(eq(apiKeys.id, id), eq(apiKeys.workspaceId, workspaceId)));
  if (!row) throw notFound('API key');
  if (row.revokedAt !== null) return;
  await control
    .update(apiKeys)
    .set({ revokedAt: now })
    .where(and(eq(apiKeys.id, id), eq(apiKeys.workspaceId, workspaceId), isNull(apiKeys.revokedAt)));
}
