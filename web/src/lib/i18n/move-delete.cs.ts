import type { Messages } from './en.ts';

export const moveDeleteCs: Messages['moveDelete'] = {
  openStage: 'Přesunout obchody a smazat…',
  openStatus: 'Přesunout projekty a smazat…',
  stageTitle: 'Smazat fázi „{name}“',
  statusTitle: 'Smazat stav „{name}“',
  stageCount: { one: 'V této fázi je {n} obchod.', few: 'V této fázi jsou {n} obchody.', many: 'V této fázi je {n} obchodu.', other: 'V této fázi je {n} obchodů.' },
  statusCount: { one: 'V tomto stavu je {n} projekt.', few: 'V tomto stavu jsou {n} projekty.', many: 'V tomto stavu je {n} projektu.', other: 'V tomto stavu je {n} projektů.' },
  stageSome: 'V této fázi jsou obchody.',
  statusSome: 'V tomto stavu jsou projekty.',
  moveTo: 'Přesunout je do',
  choose: 'Vyberte…',
  stageTrash: 'Přesunou se i obchody této fáze v koši, takže se po obnovení vrátí tam.',
  statusTrash: 'Přesunou se i projekty tohoto stavu v koši, takže se po obnovení vrátí tam.',
  submit: 'Přesunout a smazat',
  submitting: 'Přesouvám…',
  targetGone: 'Ta už neexistuje. Vyberte jinou.',
  stageDone: 'Obchody jsou přesunuté do „{target}“, fáze „{name}“ je smazaná.',
  statusDone: 'Projekty jsou přesunuté do „{target}“, stav „{name}“ je smazaný.',
};
