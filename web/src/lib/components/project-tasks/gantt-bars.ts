// The project timeline as frappe-gantt bars: what is drawn where, and the dates a dragged bar means.
import type { Timeline } from '../../project-task-types.ts';
import { dayOf, dueAtOfDay, startAtFrom } from './task-dates.ts';

/** A bar as frappe-gantt takes it (its GanttTask), kept here so the unit tests need no browser library. */
export interface GanttBar {
  id: string;
  name: string;
  start: string;
  end: string;
  progress: number;
  dependencies?: string[];
  custom_class?: string;
}

export const MILESTONE_PREFIX = 'milestone-';

/** frappe-gantt writes bar labels as HTML: user text must be escaped first. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

/** Tasks with a start or due date become bars (a date alone: one day); milestones become one-day markers. */
export function ganttBars(timeline: Timeline, milestoneLabel: (name: string) => string): GanttBar[] {
  const violated = new Set(timeline.dependencies.filter((d) => d.violated).map((d) => d.taskId));
  const scheduled = timeline.tasks.filter((t) => t.startAt !== null || t.dueAt !== null);
  const ids = new Set(scheduled.map((t) => t.id));
  const bars: GanttBar[] = scheduled.map((t) => {
    const start = dayOf((t.startAt ?? t.dueAt)!);
    const end = dayOf((t.dueAt ?? t.startAt)!);
    const ticked = t.checklist.filter((i) => i.done).length;
    return {
      id: t.id,
      name: escapeHtml(t.title),
      start,
      // A due day before the start day (hand-edited data) still draws: as one day.
      end: end < start ? start : end,
      progress: t.done ? 100 : t.checklist.length ? Math.round((ticked / t.checklist.length) * 100) : 0,
      dependencies: t.dependsOn.filter((id) => ids.has(id)),
      custom_class: [t.done ? 'bar-done' : '', violated.has(t.id) ? 'bar-violated' : ''].filter(Boolean).join(' ') || undefined,
    };
  });
  for (const m of timeline.milestones) {
    if (!m.dueOn) continue;
    bars.push({ id: `${MILESTONE_PREFIX}${m.id}`, name: escapeHtml(milestoneLabel(m.name)), start: m.dueOn, end: m.dueOn, progress: m.done ? 100 : 0, custom_class: 'bar-milestone' });
  }
  return bars;
}

/** The API values for a bar dragged to `start`…`end` (frappe-gantt's local dates, end inclusive). */
export function rescheduled(start: Date, end: Date): { startAt: string; dueAt: string } {
  return { startAt: startAtFrom(dayOf(start))!, dueAt: dueAtOfDay(dayOf(end))! };
}
