// Pure helpers over lists of records, kept apart from the reactive stores that use them.

/** `rows` followed by the `more` rows it does not contain yet (a page may overlap the last one). */
export function appendNew<T extends { id: string }>(rows: readonly T[], more: readonly T[]): T[] {
  const seen = new Set(rows.map((row) => row.id));
  return [...rows, ...more.filter((row) => !seen.has(row.id))];
}

/** `rows` with each row that has an `updated` twin (same id) swapped for it. */
export function replaceById<T extends { id: string }>(rows: readonly T[], updated: readonly T[]): T[] {
  const byId = new Map(updated.map((row) => [row.id, row]));
  return rows.map((row) => byId.get(row.id) ?? row);
}

/** `rows` with `back` rows re-inserted at their old indexes (those already present are skipped). */
export function insertAt<T extends { id: string }>(rows: readonly T[], back: readonly { item: T; index: number }[]): T[] {
  const next = [...rows];
  const present = new Set(next.map((row) => row.id));
  for (const { item, index } of [...back].sort((a, b) => a.index - b.index)) {
    if (present.has(item.id)) continue;
    next.splice(Math.min(index, next.length), 0, item);
  }
  return next;
}

/** `rows` without those whose id is listed. */
export function withoutIds<T extends { id: string }>(rows: readonly T[], ids: Iterable<string>): T[] {
  const drop = new Set(ids);
  return rows.filter((row) => !drop.has(row.id));
}

/** Each row's index by id. */
export function indexById(rows: readonly { id: string }[]): Record<string, number> {
  const out: Record<string, number> = {};
  rows.forEach((row, index) => (out[row.id] = index));
  return out;
}

/** The distinct values, lower-cased, sorted for the given locale. */
export function distinctSorted(values: Iterable<string>, locale: string): string[] {
  return [...new Set(Array.from(values, (v) => v.toLowerCase()))].sort((a, b) => a.localeCompare(b, locale));
}

/** Ids of `rows` that are not in `keep`. */
export function missingIds(ids: Iterable<string>, rows: readonly { id: string }[]): string[] {
  const present = new Set(rows.map((row) => row.id));
  return Array.from(ids).filter((id) => !present.has(id));
}
