// What a key press on a timeline task does to its days: the moves, the one-day floor, month and DST edges.
import { describe, expect, it } from 'vitest';
import { addDays, barDays, datesOf, moved, moveOf } from '../../web/src/lib/components/project-tasks/timeline-keys.ts';
import { dayOf } from '../../web/src/lib/components/project-tasks/task-dates.ts';

const key = (k: string, mods: Partial<{ shiftKey: boolean; altKey: boolean; ctrlKey: boolean; metaKey: boolean }> = {}) => ({
  key: k,
  shiftKey: false,
  altKey: false,
  ctrlKey: false,
  metaKey: false,
  ...mods,
});

describe('moveOf', () => {
  it('maps the arrows and Shift+arrows, and leaves other keys and modifiers alone', () => {
    expect(moveOf(key('ArrowLeft'))).toBe('earlier');
    expect(moveOf(key('ArrowRight'))).toBe('later');
    expect(moveOf(key('ArrowLeft', { shiftKey: true }))).toBe('shorter');
    expect(moveOf(key('ArrowRight', { shiftKey: true }))).toBe('longer');
    expect(moveOf(key('ArrowRight', { ctrlKey: true }))).toBeNull();
    expect(moveOf(key('ArrowLeft', { altKey: true }))).toBeNull();
    expect(moveOf(key('Enter'))).toBeNull();
  });
});

describe('moved', () => {
  const days = { start: '2026-12-01', end: '2026-12-04' };
  it('moves the whole task or only its due day', () => {
    expect(moved(days, 'later')).toEqual({ start: '2026-12-02', end: '2026-12-05' });
    expect(moved(days, 'earlier')).toEqual({ start: '2026-11-30', end: '2026-12-03' });
    expect(moved(days, 'longer')).toEqual({ start: '2026-12-01', end: '2026-12-05' });
    expect(moved(days, 'shorter')).toEqual({ start: '2026-12-01', end: '2026-12-03' });
  });
  it('will not shorten a one-day task', () => {
    expect(moved({ start: '2026-12-01', end: '2026-12-01' }, 'shorter')).toBeNull();
  });
  it('crosses months, years and the DST change one calendar day at a time', () => {
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addDays('2027-03-01', -1)).toBe('2027-02-28');
    expect(addDays('2026-03-28', 1)).toBe('2026-03-29');
    expect(addDays('2026-03-29', 1)).toBe('2026-03-30');
    expect(addDays('2026-10-25', -1)).toBe('2026-10-24');
  });
});

describe('barDays and datesOf', () => {
  it('reads a task as its bar does: a lone date is one day, a due before the start is the start', () => {
    expect(barDays({ startAt: null, dueAt: null })).toBeNull();
    const due = '2026-12-04T22:59:59.999Z';
    expect(barDays({ startAt: null, dueAt: due })).toEqual({ start: dayOf(due), end: dayOf(due) });
    const start = '2026-12-05T10:00:00Z';
    expect(barDays({ startAt: start, dueAt: '2026-12-01T10:00:00Z' })).toEqual({ start: dayOf(start), end: dayOf(start) });
  });
  it('sends local start of the first day and end of the last, which read back as the same days', () => {
    const dates = datesOf({ start: '2026-12-02', end: '2026-12-05' });
    expect(barDays(dates)).toEqual({ start: '2026-12-02', end: '2026-12-05' });
    expect(new Date(dates.dueAt).getHours()).toBe(23);
    expect(new Date(dates.startAt).getHours()).toBe(0);
  });
});
