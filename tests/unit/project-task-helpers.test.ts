// The project task screens' pure helpers: days ↔ instants (in the browser's zone), hours ↔ minutes,
// drop neighbours, and the timeline's bars (escaped labels, one-day bars, violations, milestones).
import { describe, expect, it } from 'vitest';
import { escapeHtml, ganttBars, rescheduled } from '../../web/src/lib/components/project-tasks/gantt-bars.ts';
import { dayOf, dueAtOfDay, hoursText, isOverdue, neighboursOf, parseHours, startAtFrom } from '../../web/src/lib/components/project-tasks/task-dates.ts';
import type { ProjectTask, Timeline } from '../../web/src/lib/project-task-types.ts';

function task(id: string, extra: Partial<ProjectTask> = {}): ProjectTask {
  return {
    id,
    title: id,
    dueAt: null,
    startAt: null,
    done: false,
    assigneeId: null,
    projectId: 'p',
    status: 'todo',
    position: 'a0',
    estimateMinutes: null,
    checklist: [],
    dependsOn: [],
    milestoneId: null,
    version: 1,
    createdAt: '2026-11-27T10:00:00.000Z',
    updatedAt: '2026-11-27T10:00:00.000Z',
    ...extra,
  };
}

describe('days and instants', () => {
  it('starts a day at local midnight and ends it at 23:59:59.999 local, both reading back as that day', () => {
    const start = startAtFrom('2026-12-01')!;
    const due = dueAtOfDay('2026-12-04')!;
    expect(new Date(start).getHours()).toBe(0);
    expect(new Date(due).getMilliseconds()).toBe(999);
    expect(new Date(due).getHours()).toBe(23);
    expect(dayOf(start)).toBe('2026-12-01');
    expect(dayOf(due)).toBe('2026-12-04');
    expect(startAtFrom('1. 12. 2026')).toBeNull();
    expect(dueAtOfDay('')).toBeNull();
  });

  it('turns a dragged bar into the API’s start and due instants', () => {
    const { startAt, dueAt } = rescheduled(new Date(2026, 11, 7), new Date(2026, 11, 10, 23, 59, 59));
    expect([dayOf(startAt), dayOf(dueAt)]).toEqual(['2026-12-07', '2026-12-10']);
    expect(Date.parse(dueAt) - Date.parse(startAt)).toBe(4 * 86_400_000 - 1 + (new Date(2026, 11, 10).getTimezoneOffset() - new Date(2026, 11, 7).getTimezoneOffset()) * 60_000);
  });

  it('calls an open task past its due instant overdue, a done one never', () => {
    const now = Date.parse('2026-11-27T10:00:00Z');
    expect(isOverdue({ done: false, dueAt: '2026-11-27T09:00:00Z' }, now)).toBe(true);
    expect(isOverdue({ done: true, dueAt: '2026-11-27T09:00:00Z' }, now)).toBe(false);
    expect(isOverdue({ done: false, dueAt: null }, now)).toBe(false);
  });
});

describe('hours', () => {
  it('reads hours with a comma or a dot into whole minutes, refusing what is no number', () => {
    expect(parseHours('1,5')).toBe(90);
    expect(parseHours(' 12.25 ')).toBe(735);
    expect(parseHours('')).toBeNull();
    expect(parseHours('1,5h')).toBeNaN();
    expect(parseHours('-1')).toBeNaN();
    expect(parseHours('1667')).toBeNaN();
    expect(parseHours('1666')).toBe(99_960);
  });

  it('shows minutes as hours in the locale’s decimal style', () => {
    expect(hoursText(90, 'cs-CZ')).toBe('1,5');
    expect(hoursText(90, 'en-GB')).toBe('1.5');
    expect(hoursText(6000, 'cs-CZ')).toBe('100');
    expect(hoursText(null, 'cs-CZ')).toBe('');
  });
});

describe('drop neighbours', () => {
  it('names the cards above and below a dropped card', () => {
    const items = [{ id: 'a' }, { id: 'b' }, { id: 'c' }];
    expect(neighboursOf(items, 'b')).toEqual({ afterId: 'a', beforeId: 'c' });
    expect(neighboursOf(items, 'a')).toEqual({ beforeId: 'b' });
    expect(neighboursOf(items, 'c')).toEqual({ afterId: 'b' });
    expect(neighboursOf([{ id: 'x' }], 'x')).toEqual({});
    expect(neighboursOf(items, 'z')).toEqual({});
  });
});

describe('timeline bars', () => {
  const timeline: Timeline = {
    project: { id: 'p', name: 'P', startOn: null, dueOn: null },
    tasks: [
      task('design', { title: '<b>Design</b> & "copy"', startAt: startAtFrom('2026-11-30'), dueAt: dueAtOfDay('2026-12-04') }),
      task('build', { startAt: startAtFrom('2026-12-03'), dueAt: dueAtOfDay('2026-12-10'), dependsOn: ['design', 'unscheduled'], checklist: [{ id: '1', title: 'x', done: true }, { id: '2', title: 'y', done: false }] }),
      task('deadline', { dueAt: dueAtOfDay('2026-12-12'), done: true }),
      task('unscheduled'),
    ],
    milestones: [
      { id: 'm1', name: 'Launch <now>', dueOn: '2026-12-18', done: false },
      { id: 'm2', name: 'Someday', dueOn: null, done: false },
    ],
    dependencies: [
      { taskId: 'build', dependsOnId: 'design', violated: true, reason: 'dates' },
      { taskId: 'build', dependsOnId: 'unscheduled', violated: false, reason: null },
    ],
  };

  it('draws scheduled tasks and dated milestones, escaping every label', () => {
    const bars = ganttBars(timeline, (name) => `Milestone: ${name}`);
    expect(bars.map((b) => b.id)).toEqual(['design', 'build', 'deadline', 'milestone-m1']);
    expect(bars[0]).toMatchObject({ name: '&lt;b&gt;Design&lt;/b&gt; &amp; &quot;copy&quot;', start: '2026-11-30', end: '2026-12-04', progress: 0 });
    // Arrows only to tasks that are drawn; a broken dependency marks the bar; checklist = progress.
    expect(bars[1]).toMatchObject({ dependencies: ['design'], custom_class: 'bar-violated', progress: 50 });
    // A due date alone is a one-day bar; a done task is full and marked.
    expect(bars[2]).toMatchObject({ start: '2026-12-12', end: '2026-12-12', progress: 100, custom_class: 'bar-done' });
    expect(bars[3]).toMatchObject({ name: 'Milestone: Launch &lt;now&gt;', start: '2026-12-18', end: '2026-12-18', custom_class: 'bar-milestone' });
  });

  it('escapes all five HTML-special characters', () => {
    expect(escapeHtml(`<img src=x onerror='a'>&"`)).toBe('&lt;img src=x onerror=&#39;a&#39;&gt;&amp;&quot;');
  });
});
