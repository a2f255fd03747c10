/** True when `e` (or a driver error it wraps) is SQLite's UNIQUE failure on `table.column`. */
export function isUniqueViolation(e: unknown, column: string): boolean {
  for (let cur: unknown = e, depth = 0; cur && depth < 5; depth++) {
    const message = cur instanceof Error ? cur.message : String(cur);
    if (message.includes('UNIQUE constraint failed') && message.includes(column)) return true;
    cur = (cur as { cause?: unknown }).cause;
  }
  return false;
}
