import type { apiKeys } from '../../../db/control/schema.ts';

export type ApiKeyRole = 'admin' | 'member';
export type ApiKeyStatus = 'active' | 'expired' | 'revoked';

export interface ApiKeyView {
  id: string;
  name: string;
  role: ApiKeyRole;
  createdBy: { id: string; name: string };
  createdAt: string;
  lastUsedAt: string | null;
  expiresAt: string | null;
  revokedAt: string | null;
  status: ApiKeyStatus;
}

type Row = Pick<typeof apiKeys.$inferSelect, 'id' | 'name' | 'role' | 'createdBy' | 'createdAt' | 'lastUsedAt' | 'expiresAt' | 'revokedAt'>;

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

export function keyStatus(row: Pick<Row, 'expiresAt' | 'revokedAt'>, now: number): ApiKeyStatus {
  if (row.revokedAt !== null) return 'revoked';
  if (row.expiresAt !== null && row.expiresAt <= now) return 'expired';
  return 'active';
}

/** The public shape of a key: never the secret, nor its hash. */
export function apiKeyView(row: Row, creatorName: string, now: number): ApiKeyView {
  return {
    id: row.id,
    name: row.name,
    role: row.role,
    createdBy: { id: row.createdBy, name: creatorName },
    createdAt: new Date(row.createdAt).toISOString(),
    lastUsedAt: iso(row.lastUsedAt),
    expiresAt: iso(row.expiresAt),
    revokedAt: iso(row.revokedAt),
    status: keyStatus(row, now),
  };
}
