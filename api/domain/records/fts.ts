/**
 * User input → an FTS5 MATCH expression: every word must match as a prefix, quoted so that
 * FTS syntax in the input (AND, NEAR, *, ") is taken literally. Diacritics are folded by the
 * index's tokenizer (unicode61 remove_diacritics 2), so "dvorak" finds "Dvořák".
 * Returns null when nothing searchable is left.
 */
export function ftsQuery(input: string): string | null {
  const words = input
    .normalize('NFKC')
    .split(/[^\p{L}\p{N}@.+_-]+/u)
    .flatMap((w) => w.split(/[@.+_-]+/))
    .filter((w) => w.length > 0)
    .slice(0, 8);
  if (words.length === 0) return null;
  return words.map((w) => `"${w.replaceAll('"', '""')}"*`).join(' ');
}
