import { eq } from 'drizzle-orm';
import { invitations, users, workspaces } from '../../../db/control/schema.ts';
import type { ControlReader } from '../members/seat-room.ts';
import { parseInvitationToken, secretMatches } from './invitation-token.ts';
import { invitationStatus, type InvitationRow } from './invitation-view.ts';

export interface OpenInvitation {
  invitation: InvitationRow;
  workspace: { id: string; slug: string; name: string; plan: 'free' | 'pro' };
  inviterName: string | null;
}

/**
 * The invitation a link token names, if it can still be accepted. Unknown, wrong-secret,
 * expired, revoked and used links all come back null alike, so a link reveals nothing
 * about why it stopped working.
 */
export async function findOpenInvitation(db: ControlReader, token: string, now: number): Promise<OpenInvitation | null> {
  const parsed = parseInvitationToken(token);
  if (!parsed) return null;
  const [found] = await db
    .select({
      invitation: invitations,
      workspace: { id: workspaces.id, slug: workspaces.slug, name: workspaces.name, plan: workspaces.plan },
      inviterName: users.name,
    })
    .from(invitations)
    .innerJoin(workspaces, eq(workspaces.id, invitations.workspaceId))
    .leftJoin(users, eq(users.id, invitations.invitedBy))
    .where(eq(invitations.id, parsed.id))
    .limit(1);
  if (!found || !secretMatches(parsed.secret, found.invitation.secretHash)) return null;
  if (invitationStatus(found.invitation, now) !== 'pending') return null;
  return found;
}
