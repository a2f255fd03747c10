import { fmt, i18n } from '../../i18n/index.svelte.ts';
import type { Messages } from '../../i18n/en.ts';
import type { HistoryEntry } from '../../stores/records-api.ts';
import { formatDay } from '../records/format.ts';

const text = (v: unknown): string | null => (typeof v === 'string' ? v : null);

/**
 * A project history entry left by one of its milestones, told in a sentence ("Jana moved
 * milestone “Beta” to 20 Mar 2027"); null for the project's own entries. The shape is the API's
 * (api/domain/projects/milestone-feed.ts): `milestoneId`, `milestone` [name, name] with null where
 * the milestone was not live, `milestoneDue`, `milestoneDone`, `milestoneTrashed`.
 */
export function describeMilestoneEntry(entry: HistoryEntry, who: string, m: Messages['milestoneFeed']): string | null {
  const c = entry.changes;
  if (!c['milestoneId'] || !c['milestone']) return null;
  const [from, to] = c['milestone'];
  const name = text(to) ?? text(from) ?? '';
  const sentence = (parts: string[]) => fmt(m.sentence, { who, what: new Intl.ListFormat(i18n.intl, { type: 'conjunction' }).format(parts) });
  const trashed = c['milestoneTrashed'];
  if (trashed) return sentence([fmt(trashed[1] === true ? m.removed : m.restored, { name })]);

  const due = c['milestoneDue'];
  const done = c['milestoneDone'];
  if (from === null) {
    const details: string[] = [];
    const dueOn = text(due?.[1]);
    if (dueOn) details.push(fmt(m.due, { date: formatDay(dueOn) }));
    if (done?.[1] === true) details.push(m.alreadyDone);
    return sentence([details.length ? fmt(m.addedWith, { name, details: details.join(', ') }) : fmt(m.added, { name })]);
  }

  const parts: string[] = [];
  if (text(from) !== null && from !== to) parts.push(fmt(m.renamed, { from: text(from) ?? '', name }));
  if (due) {
    const before = text(due[0]);
    const after = text(due[1]);
    if (after === null) parts.push(fmt(m.undated, { name }));
    else parts.push(fmt(before === null ? m.dated : m.moved, { name, date: formatDay(after) }));
  }
  if (done) parts.push(fmt(done[1] === true ? m.done : m.reopened, { name }));
  return sentence(parts.length ? parts : [fmt(m.changed, { name })]);
}
