// Helpers for the invitation and member tests: verified inviters, links read from the outbox
// the way an invitee reads their inbox, and member/invitation rows straight from the control DB.
import { and, eq } from 'drizzle-orm';
import { invitations, memberships, users } from '../../db/control/schema.ts';
import { mailTo } from './account-support.ts';
import { ok, wsCall } from './records-support.ts';
import type { Harness, SignedUp } from './support.ts';

/** Marks the account's email as verified (the verification flow has its own tests). */
export async function verify(h: Harness, who: SignedUp): Promise<void> {
  await h.control.update(users).set({ emailVerifiedAt: h.clock.ms }).where(eq(users.id, who.user.id));
}

export interface InvitationBody {
  id: string;
  email: string;
  role: 'admin' | 'member';
  status: 'pending' | 'expired' | 'accepted' | 'revoked';
  invitedBy: { userId: string; name: string } | null;
  createdAt: string;
  expiresAt: string;
}

/** The `/invite/<token>` link of the newest invitation mailed to `email`. */
export async function inviteLink(h: Harness, email: string): Promise<{ url: string; token: string; subject: string; text: string }> {
  const [row] = await mailTo(h, email, 'invitation');
  if (!row) throw new Error(`no invitation mailed to ${email}`);
  const m = /(\S+\/invite\/([^\s/]+))/.exec(row.text);
  if (!m) throw new Error(`no invitation link in: ${row.text}`);
  return { url: m[1]!, token: m[2]!, subject: row.subject, text: row.text };
}

/** Invites `email` as `who` (expects 201) and returns the invitation and its link token. */
export async function invite(h: Harness, who: SignedUp, email: string, role: 'admin' | 'member' = 'member'): Promise<{ invitation: InvitationBody; token: string }> {
  const invitation = await ok<InvitationBody>(wsCall(h, who, 'POST', '/invitations', { email, role }), 201);
  return { invitation, token: (await inviteLink(h, email)).token };
}

export async function membershipOf(h: Harness, workspaceId: string, userId: string): Promise<typeof memberships.$inferSelect | undefined> {
  const [row] = await h.control.select().from(memberships).where(and(eq(memberships.workspaceId, workspaceId), eq(memberships.userId, userId)));
  return row;
}

export async function invitationRow(h: Harness, id: string): Promise<typeof invitations.$inferSelect> {
  const [row] = await h.control.select().from(invitations).where(eq(invitations.id, id));
  if (!row) throw new Error(`no invitation ${id}`);
  return row;
}

export async function userByEmail(h: Harness, email: string): Promise<typeof users.$inferSelect | undefined> {
  const [row] = await h.control.select().from(users).where(eq(users.email, email));
  return row;
}

/** Counts of the control tables an acceptance writes to, to prove a refusal wrote nothing. */
export async function controlCounts(h: Harness): Promise<string> {
  const rs = await h.platform
    .control()
    .execute(
      "SELECT (SELECT count(*) FROM users) AS users, (SELECT count(*) FROM memberships) AS memberships, (SELECT count(*) FROM sessions) AS sessions, (SELECT count(*) FROM invitations WHERE accepted_at IS NOT NULL) AS accepted, (SELECT count(*) FROM email_outbox) AS mails",
    );
  return JSON.stringify(rs.rows[0]);
}
