import { eq } from 'drizzle-orm';
import type { ControlDb } from '../../../db/control/client.ts';
import { users } from '../../../db/control/schema.ts';
import { notFound } from '../../errors.ts';
import { findOpenInvitation } from './open-invitation.ts';

export interface InvitationPreview {
  email: string;
  role: 'admin' | 'member';
  workspace: { name: string };
  invitedBy: { name: string } | null;
  /** Whether to offer "log in" (an account exists) or "create your account". */
  accountExists: boolean;
  expiresAt: string;
}

/** What the invitation page shows to whoever holds the link (no sign-in needed). */
export async function previewInvitation(control: ControlDb, token: string, now: number): Promise<InvitationPreview> {
  const open = await findOpenInvitation(control, token, now);
  if (!open) throw notFound('Invitation');
  const [account] = await control.select({ id: users.id }).from(users).where(eq(users.email, open.invitation.email)).limit(1);
  return {
    email: open.invitation.email,
    role: open.invitation.role,
    workspace: { name: open.workspace.name },
    invitedBy: open.inviterName === null ? null : { name: open.inviterName },
    accountExists: account !== undefined,
    expiresAt: new Date(open.invitation.expiresAt).toISOString(),
  };
}
