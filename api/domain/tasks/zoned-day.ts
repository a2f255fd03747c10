// Calendar days in an IANA time zone, with Intl only (no tz database of our own).

/** Whether `tz` names a time zone this runtime knows (e.g. Europe/Prague). */
export function isTimeZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function partsIn(tz: string, ms: number) {
  let f = formatters.get(tz);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone: tz,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(tz, f);
  }
  const p: Record<string, number> = {};
  for (const part of f.formatToParts(ms)) if (part.type !== 'literal') p[part.type] = Number(part.value);
  return { year: p['year']!, month: p['month']!, day: p['day']!, hour: p['hour']!, minute: p['minute']!, second: p['second']! };
}

/** How far the zone's wall clock is ahead of UTC at instant `ms`. */
function offsetAt(tz: string, ms: number): number {
  const p = partsIn(tz, ms);
  const wall = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second);
  return wall - Math.floor(ms / 1000) * 1000;
}

/** The instant the zone's clock shows 00:00 on the given day (the first instant of it across a DST jump). */
function midnight(tz: string, year: number, month: number, day: number): number {
  const wall = Date.UTC(year, month - 1, day);
  let at = wall - offsetAt(tz, wall);
  // The offset at the guess may differ from the one at midnight when a DST change lies between.
  const second = wall - offsetAt(tz, at);
  if (second !== at) at = Math.min(at, second);
  return at;
}

/** [start of today, start of tomorrow) in zone `tz` as seen at instant `now`, both ms. */
export function dayBounds(tz: string, now: number): { start: number; end: number } {
  const p = partsIn(tz, now);
  const next = new Date(Date.UTC(p.year, p.month - 1, p.day + 1));
  return {
    start: midnight(tz, p.year, p.month, p.day),
    end: midnight(tz, next.getUTCFullYear(), next.getUTCMonth() + 1, next.getUTCDate()),
  };
}
