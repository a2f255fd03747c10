import type { TenantDb } from '../../../db/tenant/client.ts';
import type { Actor } from '../records/actor.ts';
import { historyRow, insertHistory, type Changes } from '../records/history.ts';
import { PROJECT_ENTITY } from './project-write.ts';

type Tx = Parameters<Parameters<TenantDb['transaction']>[0]>[0];

interface MilestoneState {
  name: string;
  dueOn: string | null;
  done: boolean;
}

/**
 * What a milestone write leaves in its PROJECT's history, so the project's feed tells it.
 * The project sees its milestones as a few virtual fields, `[from, to]` like any other:
 *   milestoneId    [id, id]            which milestone (always; an identifier, not a change)
 *   milestone      [name, name]        its name; null on the side where it was not live
 *                                      (create [null, n], trash [n, null], restore [null, n])
 *   milestoneDue   [dueOn, dueOn]      on create when dated, on a change when it moved
 *   milestoneDone  [done, done]        on create when born done ([null, true]), on a change when toggled
 *   milestoneTrashed [false, true]     on trash, [true, false] on restore (tells a restore from a create)
 * Entries are `update`s of the project: the project itself was neither created nor deleted.
 */
export function milestoneCreated(id: string, m: MilestoneState): Changes {
  const changes: Changes = { milestoneId: [id, id], milestone: [null, m.name] };
  if (m.dueOn !== null) changes['milestoneDue'] = [null, m.dueOn];
  if (m.done) changes['milestoneDone'] = [null, true];
  return changes;
}

export function milestoneChanged(id: string, before: MilestoneState, after: MilestoneState): Changes {
  const changes: Changes = { milestoneId: [id, id], milestone: [before.name, after.name] };
  if (before.dueOn !== after.dueOn) changes['milestoneDue'] = [before.dueOn, after.dueOn];
  if (before.done !== after.done) changes['milestoneDone'] = [before.done, after.done];
  return changes;
}

export function milestoneTrashed(id: string, name: string): Changes {
  return { milestoneId: [id, id], milestone: [name, null], milestoneTrashed: [false, true] };
}

export function milestoneRestored(id: string, name: string): Changes {
  return { milestoneId: [id, id], milestone: [null, name], milestoneTrashed: [true, false] };
}

/**
 * Writes the entry on the project inside the milestone's transaction. The project's `version`
 * and `updatedAt` stay: a milestone is its own record with its own version, and bumping the
 * project's would turn someone's concurrent If-Match edit of the project into a 409.
 */
export async function recordOnProject(tx: Tx, projectId: string, changes: Changes, actor: Actor): Promise<void> {
  await insertHistory(tx, historyRow(PROJECT_ENTITY, projectId, 'update', changes, actor.userId, actor.now));
}
