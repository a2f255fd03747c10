/** Rescheduling timeline bars from the keyboard: the task list under the chart. */
export const timelineKeysEn = {
  label: 'Tasks on the timeline',
  hint: 'Focus a task: ← → move it a day, Shift+← → shorten or lengthen it, Enter opens it.',
  hintReadOnly: 'Focus a task and press Enter to open it.',
  moved: '{title} moved to {range}.',
  resized: '{title} now runs {range}.',
  tooShort: '{title} already lasts a single day.',
  failed: '{title} could not be rescheduled and is back at {range}.',
};
