import { eq } from 'drizzle-orm';
import type { ControlDb } from '../../../db/control/client.ts';
import { memberships, passwordCredentials, sessions, users, workspaces } from '../../../db/control/schema.ts';
import type { TenantProvider } from '../../../db/tenants/provider.ts';
import { hashPassword, passwordProblem } from '../../auth/password.ts';
import { newSession } from '../../auth/session.ts';
import { AppError } from '../../errors.ts';
import { isUniqueViolation } from '../../lib/db-errors.ts';
import { newId } from '../../lib/ids.ts';
import { provisionWorkspace } from '../workspaces/provision-workspace.ts';
import { workspaceView, type WorkspaceView } from '../workspaces/workspace-view.ts';
import { userView, type UserView } from './user-view.ts';

export interface SignUpInput {
  name: string;
  email: string;
  password: string;
  workspaceName: string;
  locale?: string | undefined;
}

export interface SignUpResult {
  user: UserView;
  workspace: WorkspaceView;
  sessionToken: string;
}

/**
 * Creates the account, its first workspace (with its own migrated database), the owner
 * membership and a session. All control-plane rows go in one transaction; the tenant
 * database is removed again if that transaction fails.
 */
export async function signUp(db: ControlDb, tenants: TenantProvider, input: SignUpInput, now: number): Promise<SignUpResult> {
  const email = input.email.trim().toLowerCase();
  const problem = passwordProblem(input.password, { email, name: input.name });
  if (problem) throw new AppError('validation_failed', 'The password is not acceptable.', { fields: { password: problem } });

  const existing = await db.select({ id: users.id }).from(users).where(eq(users.email, email)).limit(1);
  if (existing.length > 0) throw emailTaken();

  const hash = await hashPassword(input.password);
  const userId = newId(now);
  const { row: ws } = await provisionWorkspace(db, tenants, input.workspaceName.trim(), now, input.locale);
  const session = newSession(userId, now);
  const user = { id: userId, email, name: input.name.trim(), locale: input.locale ?? null, emailVerifiedAt: null, createdAt: now, updatedAt: now };
  try {
    await db.batch([
      db.insert(users).values(user),
      db.insert(passwordCredentials).values({ userId, hash, updatedAt: now }),
      db.insert(workspaces).values(ws),
      db.insert(memberships).values({ workspaceId: ws.id, userId, role: 'owner', createdAt: now }),
      db.insert(sessions).values(session.row),
    ]);
  } catch (e) {
    await tenants.destroy(ws.id, ws.dbLocation).catch(() => undefined);
    // Two sign-ups with one email racing past the check above: the UNIQUE index decides.
    if (isUniqueViolation(e, 'users.email')) throw emailTaken();
    throw e;
  }
  return {
    user: userView(user),
    workspace: workspaceView({ ...ws, plan: 'free', country: 'CZ', currency: 'CZK', migrationLockedAt: null, migrationError: null, migrationStatus: 'ready' }, 'owner'),
    sessionToken: session.token,
  };
}

const emailTaken = () =>
  new AppError('conflict', 'An account with this email already exists.', { fields: { email: 'This email is already registered. Log in instead.' } });
