// Records seen in lists or pages of this tab, so opening one paints at once while the fresh copy loads.
const records = new Map<string, unknown>();
const MAX = 500;

const keyOf = (ws: string, kind: string, id: string) => `${ws}\u0000${kind}\u0000${id}`;

export function rememberRecords<T extends { id: string }>(ws: string, kind: string, items: readonly T[]): void {
  for (const item of items) {
    const key = keyOf(ws, kind, item.id);
    records.delete(key);
    records.set(key, item);
  }
  while (records.size > MAX) {
    const oldest = records.keys().next().value;
    if (oldest === undefined) break;
    records.delete(oldest);
  }
}

export function cachedRecord<T>(ws: string, kind: string, id: string): T | undefined {
  return records.get(keyOf(ws, kind, id)) as T | undefined;
}

export function forgetRecord(ws: string, kind: string, id: string): void {
  records.delete(keyOf(ws, kind, id));
}
