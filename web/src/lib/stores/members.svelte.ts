import type { Me } from '../api.ts';
import { membersApi, type Member } from './records-api.ts';

const byWorkspace = $state<Record<string, readonly Member[]>>({});
// Workspaces whose member list was already requested (not rendered, so a plain record).
const pending: Record<string, true> = {};

/**
 * The workspace's members, the signed-in user first, for owner and assignee pickers and names. Starts as just the signed-in user
 * and fills in from `GET /w/:ws/members`; if that fails, the pickers simply offer the user alone.
 */
export function membersOf(ws: string, me: Me): readonly Member[] {
  const self: Member = { userId: me.user.id, name: me.user.name, email: me.user.email, role: '' };
  const known = byWorkspace[ws];
  if (!known && !pending[ws]) {
    pending[ws] = true;
    membersApi
      .list(ws)
      .then((page) => {
        byWorkspace[ws] = page.items.length ? page.items : [self];
      })
      .catch(() => {
        byWorkspace[ws] = [self];
      });
  }
  if (!known) return [self];
  // The signed-in user first: pickers default to them.
  const mine = known.find((m) => m.userId === self.userId) ?? self;
  return [mine, ...known.filter((m) => m.userId !== self.userId)];
}

/**
 * Drops what is known of a workspace's members (all workspaces without an argument), so the
 * pickers fetch the list again: after a member is removed, renamed or changes role.
 */
export function forgetMembers(ws?: string): void {
  for (const key of ws === undefined ? Object.keys(byWorkspace) : [ws]) {
    delete byWorkspace[key];
    delete pending[key];
  }
}

/** A member's display name; the email when they have no name. */
export function memberName(members: readonly Member[], userId: string | null): string | null {
  if (!userId) return null;
  const member = members.find((m) => m.userId === userId);
  if (!member) return null;
  return member.name || member.email;
}
