import type { Role } from '../context.ts';

/**
 * Who may do what: the one permission table. Every `/w/{ws}` route declares the permission it
 * needs with `access()` (api/access/gate.ts); the role sweep test checks each route × role
 * against this table. API keys act with the role chosen when the key was made (admin or member).
 */
export const PERMISSIONS = {
  /** Read the workspace's records (CRM and projects alike). */
  'records:read': { roles: ['owner', 'admin', 'member'] },
  /** Create, change, trash, import and restore CRM records. */
  'records:write': { roles: ['owner', 'admin', 'member'] },
  /** Create and change project-management records (projects, time, expenses…): Pro. */
  'projects:write': { roles: ['owner', 'admin', 'member'], feature: 'projects' },
  /** Workspace settings that shape everyone's work: name, pipeline stages, project statuses. */
  'settings:manage': { roles: ['owner', 'admin'] },
  /** Shape the project workflow (project statuses): owners and admins, on Pro like all project management. */
  'projects:manage': { roles: ['owner', 'admin'], feature: 'projects' },
  /** See who is in the workspace (pickers, members page). */
  'members:read': { roles: ['owner', 'admin', 'member'] },
  /** Invite, change roles, remove members. */
  'members:manage': { roles: ['owner', 'admin'] },
  'apiKeys:manage': { roles: ['owner', 'admin'] },
  /** Plan, payment, seats; deleting the workspace; handing ownership over. */
  'billing:manage': { roles: ['owner'] },
  'workspace:own': { roles: ['owner'] },
} as const satisfies Record<string, { roles: readonly Role[]; feature?: Feature }>;

export type Permission = keyof typeof PERMISSIONS;
export type Feature = 'projects';

export function roleAllows(role: Role, permission: Permission): boolean {
  return (PERMISSIONS[permission].roles as readonly Role[]).includes(role);
}

const ROLE_NAMES: Record<string, string> = { owner: 'the owner', 'owner,admin': 'owners and admins' };

/** "Only owners and admins can do this." — for 403 messages. */
export function whoMay(permission: Permission): string {
  return ROLE_NAMES[PERMISSIONS[permission].roles.join(',')] ?? 'members';
}
