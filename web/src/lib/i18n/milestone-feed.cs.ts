import type { Messages } from './en.ts';

export const milestoneFeedCs: Messages['milestoneFeed'] = {
  sentence: '{who} {what}',
  added: 'přidal(a) milník „{name}“',
  addedWith: 'přidal(a) milník „{name}“ ({details})',
  due: 'termín {date}',
  alreadyDone: 'hotový',
  renamed: 'přejmenoval(a) milník „{from}“ na „{name}“',
  moved: 'přesunul(a) milník „{name}“ na {date}',
  undated: 'zrušil(a) termín milníku „{name}“',
  dated: 'dal(a) milníku „{name}“ termín {date}',
  done: 'označil(a) milník „{name}“ jako hotový',
  reopened: 'označil(a) milník „{name}“ jako nehotový',
  removed: 'smazal(a) milník „{name}“',
  restored: 'obnovil(a) milník „{name}“',
  changed: 'změnil(a) milník „{name}“',
};
