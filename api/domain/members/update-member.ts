import { and, eq } from 'drizzle-orm';
import type { ControlDb } from '../../../db/control/client.ts';
import { memberships } from '../../../db/control/schema.ts';
import type { Role } from '../../context.ts';
import { AppError, notFound } from '../../errors.ts';
import type { Money } from '../deals/deal.ts';
import { memberRow, workspaceCurrency } from './list-members.ts';
import { memberView, type MemberView } from './member-view.ts';

export interface MemberPatch {
  /** `owner` is not settable here: ownership moves only by transfer, so there is always exactly one. */
  role?: 'admin' | 'member' | undefined;
  costRate?: Money | null | undefined;
  billRate?: Money | null | undefined;
}

export interface MemberActor {
  userId: string;
  role: Role;
}

function minorUnits(field: 'costRate' | 'billRate', value: Money | null | undefined, currency: string): number | null | undefined {
  if (value === undefined || value === null) return value;
  if (value.currency !== currency) {
    throw new AppError('validation_failed', 'Some fields are missing or invalid.', {
      fields: { [`${field}.currency`]: `Use the workspace currency, ${currency}.` },
    });
  }
  return value.amount;
}

/**
 * Changes a member's role or hourly rates (owners and admins; the route's gate checks that).
 * Admins manage everyone except the owner: the owner's role never changes here (transfer
 * ownership instead), and only the owner may set the owner's own rates.
 */
export async function updateMember(control: ControlDb, workspaceId: string, actor: MemberActor, userId: string, patch: MemberPatch): Promise<MemberView> {
  return control.transaction(async (tx) => {
    const target = await memberRow(tx, workspaceId, userId);
    if (!target) throw notFound('Member');
    if (target.role === 'owner') {
      if (actor.role !== 'owner') throw new AppError('forbidden', 'Admins cannot change the workspace owner.');
      if (patch.role !== undefined) throw new AppError('forbidden', 'The owner’s role changes only by transferring ownership to another member.');
    }
    const currency = await workspaceCurrency(tx, workspaceId);
    const costRate = minorUnits('costRate', patch.costRate, currency);
    const billRate = minorUnits('billRate', patch.billRate, currency);
    const set = {
      ...(patch.role !== undefined ? { role: patch.role } : {}),
      ...(costRate !== undefined ? { costRate } : {}),
      ...(billRate !== undefined ? { billRate } : {}),
    };
    if (Object.keys(set).length > 0) {
      await tx.update(memberships).set(set).where(and(eq(memberships.workspaceId, workspaceId), eq(memberships.userId, userId)));
    }
    return memberView({ ...target, ...set }, currency, true);
  });
}
