import type { Client } from '@libsql/client';

/**
 * Where a workspace's own database lives and how to reach it. The `location` string is
 * stored in the control plane (`workspaces.db_location`) and handed back to `open`.
 */
export interface TenantProvider {
  /** Short name for logs and reports: `local` or `turso`. */
  readonly kind: string;
  /** Creates an empty database for a new workspace and returns its location. */
  create(workspaceId: string): Promise<string>;
  /**
   * A client for the workspace's database. Callers must not `close()` it: the provider owns
   * its lifetime (an LRU of open files locally; one client per request on Workers).
   */
  open(workspaceId: string, location: string): Client;
  /** Deletes the workspace's database (used when a sign-up fails half-way and by tests). */
  destroy(workspaceId: string, location: string): Promise<void>;
}
