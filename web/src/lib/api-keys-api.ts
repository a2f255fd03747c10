// Typed calls for the API keys settings tab (API.md: /w/:ws/api-keys).
import { api } from './api.ts';

export type ApiKeyRole = 'admin' | 'member';
export type ApiKeyStatus = 'active' | 'expired' | 'revoked';

export interface ApiKey {
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

/** The answer to a create: the only time the secret is ever sent. */
export interface CreatedApiKey extends ApiKey {
  secret: string;
}

export interface ApiKeyInput {
  name: string;
  role: ApiKeyRole;
  /** null: never expires. */
  expiresInDays: number | null;
}

const path = (slug: string) => `/w/${encodeURIComponent(slug)}/api-keys`;

export const apiKeysApi = {
  list: (slug: string, options?: { signal?: AbortSignal }) => api.get<{ items: ApiKey[] }>(path(slug), options).then((r) => r.items),
  create: (slug: string, input: ApiKeyInput) => api.post<CreatedApiKey>(path(slug), input),
  revoke: (slug: string, id: string) => api.delete(`${path(slug)}/${encodeURIComponent(id)}`),
};
