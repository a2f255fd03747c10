import type { Locale } from '../../i18n/index.svelte.ts';

// The API explains refused status changes in English; these are the sentences it writes, in Czech.
const czech: [RegExp, (m: RegExpExecArray) => string][] = [
  [
    /^Move the (\d+) projects? in “(.+)” to another status first\.$/,
    (m) => {
      const n = Number(m[1]);
      const word = n === 1 ? 'projekt' : n >= 2 && n <= 4 ? 'projekty' : 'projektů';
      return `Nejdřív přesuňte ${n} ${word} ze stavu „${m[2]}“ do jiného stavu.`;
    },
  ],
  [/^The workflow needs at least one status.*$/, () => 'Projekty potřebují aspoň jeden stav: nejdřív přidejte jiný.'],
  [/^There is already a status called “(.+)”\.$/, (m) => `Stav „${m[1]}“ už existuje.`],
  [/^Use a name no other status has\.$/, () => 'Zvolte název, který žádný jiný stav nemá.'],
  [/^A workflow holds at most (\d+) statuses\.$/, (m) => `Projekty mohou mít nejvýše ${m[1]} stavů.`],
  [/^Use the project’s currency \((\w+)\)\.$/, (m) => `Použijte měnu projektu (${m[1]}).`],
  [/^Use a due date on or after the start date\.$/, () => 'Termín nemůže být před začátkem.'],
  [/^Only a won deal can become a project.*$/, () => 'Projekt lze založit jen z vyhraného obchodu: nejdřív obchod označte jako vyhraný.'],
  [/^Everyone here must be a member of this workspace\.$/, () => 'Všichni musí být členy tohoto pracovního prostoru.'],
];

/** A project or status error from the API in the user's language (unknown sentences pass through). */
export function localizeProjectMessage(message: string, locale: Locale): string {
  if (locale !== 'cs') return message;
  for (const [pattern, replace] of czech) {
    const match = pattern.exec(message);
    if (match) return replace(match);
  }
  return message;
}
