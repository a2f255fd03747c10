import type { Client } from '@libsql/client';
import type { ControlDb } from '../db/control/client.ts';
import type { TenantDb } from '../db/tenant/client.ts';
import type { SessionUser } from './auth/session.ts';
import type { ApiKeyCaller } from './domain/api-keys/authenticate.ts';
import type { Platform } from './platform.ts';

export type Role = 'owner' | 'admin' | 'member';

export interface WorkspaceContext {
  id: string;
  slug: string;
  name: string;
  plan: 'free' | 'pro';
  role: Role;
  /**
   * Who acts: the signed-in user, or for an API key the admin who created it. Writes are
   * attributed to them (history actor, default owner).
   */
  userId: string;
  /** This workspace's own database; nothing else is reachable from a workspace route. */
  client: Client;
  /** Drizzle over `client`. */
  db: TenantDb;
}

/** Hono's typed context for every route. */
export interface AppEnv {
  Variables: {
    platform: Platform;
    control: ControlDb;
    session: { id: string; user: SessionUser } | null;
    /** Set when the request authenticated with `Authorization: Bearer <api key>` (then `session` is null). */
    apiKey: ApiKeyCaller | null;
    workspace: WorkspaceContext;
  };
}
