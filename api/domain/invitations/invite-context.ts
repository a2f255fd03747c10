import { eq } from 'drizzle-orm';
import type { ControlDb } from '../../../db/control/client.ts';
import { users } from '../../../db/control/schema.ts';
import type { Plan } from '../../access/entitlements.ts';
import { AppError } from '../../errors.ts';
import type { Mailer } from '../../mail/mailer.ts';

/** What sending (or resending) an invitation needs: where, by whom, and how the link goes out. */
export interface InviteContext {
  control: ControlDb;
  mailer: Mailer;
  /** Origin of the web app, for the link in the email. */
  appOrigin: string;
  workspace: { id: string; name: string; plan: Plan };
  inviter: { id: string; name: string; emailVerifiedAt: number | null; locale: string | null };
  now: number;
}

/**
 * Invitations go out in the inviter's name, so the inviter must have proved their own address:
 * otherwise anyone could sign up as "ceo@acme.cz" and mail links from a trusted-looking name.
 */
export function assertVerifiedInviter(inviter: InviteContext['inviter']): void {
  if (inviter.emailVerifiedAt === null) {
    throw new AppError('forbidden', 'Verify your email address before inviting people: open the link we sent you, or send a new one from your account settings.');
  }
}

/** The acting person (the signed-in user, or an API key's creator) as an inviter. */
export async function loadInviter(control: ControlDb, userId: string): Promise<InviteContext['inviter']> {
  const [row] = await control
    .select({ id: users.id, name: users.name, emailVerifiedAt: users.emailVerifiedAt, locale: users.locale })
    .from(users)
    .where(eq(users.id, userId))
    .limit(1);
  if (!row) throw new AppError('unauthenticated', 'Sign in to continue.');
  return row;
}
