import type { Role } from '../../context.ts';
import type { ApiKeyRole } from './api-key-view.ts';

const RANK: Record<Role, number> = { member: 0, admin: 1, owner: 2 };

/** A key may be made only by someone who has at least its rights. */
export function mayGrant(creator: Role, key: ApiKeyRole): boolean {
  return RANK[creator] >= RANK[key];
}

/**
 * What a key may do now: its own role, but never more than its creator still has. An admin
 * demoted to member takes their admin keys down with them.
 */
export function effectiveRole(key: ApiKeyRole, creator: Role): Role {
  return RANK[creator] < RANK[key] ? creator : key;
}
