/** A project's activity feed telling its milestones' writes (parts joined as a list after `{who}`). */
export const milestoneFeedEn = {
  sentence: '{who} {what}',
  added: 'added milestone “{name}”',
  addedWith: 'added milestone “{name}” ({details})',
  due: 'due {date}',
  alreadyDone: 'done',
  renamed: 'renamed milestone “{from}” to “{name}”',
  moved: 'moved milestone “{name}” to {date}',
  undated: 'removed the due date of milestone “{name}”',
  dated: 'set milestone “{name}” due {date}',
  done: 'marked milestone “{name}” done',
  reopened: 'reopened milestone “{name}”',
  removed: 'removed milestone “{name}”',
  restored: 'restored milestone “{name}”',
  changed: 'changed milestone “{name}”',
};
