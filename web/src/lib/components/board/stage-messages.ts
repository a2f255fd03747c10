import type { Locale } from '../../i18n/index.svelte.ts';

// The API explains refused stage changes in English; these are the sentences it writes, in Czech.
const czech: [RegExp, (m: RegExpExecArray) => string][] = [
  [
    /^Move the (\d+) deals? in “(.+)” to another stage first\.$/,
    (m) => {
      const n = Number(m[1]);
      const word = n === 1 ? 'obchod' : n >= 2 && n <= 4 ? 'obchody' : 'obchodů';
      return `Nejdřív přesuňte ${n} ${word} z fáze „${m[2]}“ do jiné fáze.`;
    },
  ],
  [/^The pipeline needs at least one open stage.*$/, () => 'Nástěnka potřebuje aspoň jednu otevřenou fázi: nejdřív přidejte jinou otevřenou fázi.'],
  [/^There is already a stage called “(.+)”\.$/, (m) => `Fáze „${m[1]}“ už existuje.`],
  [/^Use a name no other stage has\.$/, () => 'Zvolte název, který žádná jiná fáze nemá.'],
  [/^A pipeline holds at most (\d+) stages\.$/, (m) => `Nástěnka může mít nejvýše ${m[1]} fází.`],
];

/** A stage error from the API in the user's language (unknown sentences pass through). */
export function localizeStageMessage(message: string, locale: Locale): string {
  if (locale !== 'cs') return message;
  for (const [pattern, replace] of czech) {
    const match = pattern.exec(message);
    if (match) return replace(match);
  }
  return message;
}
