import type { invitations } from '../../../db/control/schema.ts';

export type InvitationRow = typeof invitations.$inferSelect;
export type InvitationStatus = 'pending' | 'expired' | 'accepted' | 'revoked';

export interface InvitationView {
  id: string;
  email: string;
  role: 'admin' | 'member';
  /** `pending` until it expires; `expired` ones can still be resent or revoked. */
  status: InvitationStatus;
  invitedBy: { userId: string; name: string } | null;
  createdAt: string;
  expiresAt: string;
}

export function invitationStatus(row: Pick<InvitationRow, 'acceptedAt' | 'revokedAt' | 'expiresAt'>, now: number): InvitationStatus {
  if (row.acceptedAt !== null) return 'accepted';
  if (row.revokedAt !== null) return 'revoked';
  return row.expiresAt <= now ? 'expired' : 'pending';
}

export function invitationView(row: InvitationRow, inviter: { id: string; name: string } | null, now: number): InvitationView {
  return {
    id: row.id,
    email: row.email,
    role: row.role,
    status: invitationStatus(row, now),
    invitedBy: inviter ? { userId: inviter.id, name: inviter.name } : null,
    createdAt: new Date(row.createdAt).toISOString(),
    expiresAt: new Date(row.expiresAt).toISOString(),
  };
}
