// Czech alphabetical order as plain SQL, so triggers can keep a sort-key column that an
// index covers — on local files and on Turso alike (no custom collation or function to
// register on every connection). Not a generated column: virtual ones recompute the long
// expression on every row read (a 50-row page cost 2.5×), and stored ones can't be added by
// ALTER TABLE. Č, Ř, Š, Ž and CH are letters of their own after C, R, S,
// Z and H; the other accents sort with their base letter. `~` sorts after every lowercase
// ASCII letter, so "č" → "c~" falls after "cz…" and before "d". SQLite's lower() folds only
// ASCII, hence both cases of each accented letter.
const OWN_LETTERS: [string, string][] = [
  ['č', 'c~'], ['Č', 'c~'], ['ř', 'r~'], ['Ř', 'r~'], ['š', 's~'], ['Š', 's~'], ['ž', 'z~'], ['Ž', 'z~'],
];
const ACCENTS: [string, string][] = [
  ['á', 'a'], ['Á', 'a'], ['ä', 'a'], ['Ä', 'a'], ['é', 'e'], ['É', 'e'], ['ě', 'e'], ['Ě', 'e'], ['í', 'i'], ['Í', 'i'],
  ['ó', 'o'], ['Ó', 'o'], ['ö', 'o'], ['Ö', 'o'], ['ú', 'u'], ['Ú', 'u'], ['ů', 'u'], ['Ů', 'u'], ['ü', 'u'], ['Ü', 'u'],
  ['ý', 'y'], ['Ý', 'y'], ['ď', 'd'], ['Ď', 'd'], ['ť', 't'], ['Ť', 't'], ['ň', 'n'], ['Ň', 'n'], ['ľ', 'l'], ['Ľ', 'l'],
];

const STEPS: [string, string][] = [['ch', 'h~'], ...OWN_LETTERS, ...ACCENTS];
/** SQLite's parser overflows past a few dozen nested calls: split the chain into stages. */
export const SORT_KEY_STAGES = 3;

/**
 * Stage `i` (0-based) of the Czech sort key as SQL text, applied to `input` (the source column
 * for stage 0, the previous stage's column after that). CH is replaced first, on the
 * lowercased text, then the letters of their own, then plain accents.
 */
export function czechSortKeyStage(i: number, input: string): string {
  const per = Math.ceil(STEPS.length / SORT_KEY_STAGES);
  let out = i === 0 ? `lower(${input})` : input;
  for (const [from, to] of STEPS.slice(i * per, (i + 1) * per)) out = `replace(${out}, '${from}', '${to}')`;
  return out;
}

/** The same key computed in JS (SQLite's lower() folds ASCII only, so does this). */
export function czechSortKey(text: string): string {
  let out = text.replace(/[A-Z]/g, (ch) => ch.toLowerCase());
  for (const [from, to] of STEPS) out = out.replaceAll(from, to);
  return out;
}
