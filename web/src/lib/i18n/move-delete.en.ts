import type { Plural } from './en.ts';

/** Deleting a deal stage or project status that still holds records: move them first. */
export const moveDeleteEn = {
  openStage: 'Move the deals and delete…',
  openStatus: 'Move the projects and delete…',
  stageTitle: 'Delete stage “{name}”',
  statusTitle: 'Delete status “{name}”',
  stageCount: { one: '{n} deal is in this stage.', other: '{n} deals are in this stage.' } as Plural,
  statusCount: { one: '{n} project is in this status.', other: '{n} projects are in this status.' } as Plural,
  stageSome: 'Deals are in this stage.',
  statusSome: 'Projects are in this status.',
  moveTo: 'Move them to',
  choose: 'Choose…',
  stageTrash: 'Deals of this stage in the trash move too, so a restore brings them back there.',
  statusTrash: 'Projects of this status in the trash move too, so a restore brings them back there.',
  submit: 'Move and delete',
  submitting: 'Moving…',
  targetGone: 'That one is no longer there. Choose another.',
  stageDone: 'Deals moved to “{target}”, stage “{name}” deleted.',
  statusDone: 'Projects moved to “{target}”, status “{name}” deleted.',
};
