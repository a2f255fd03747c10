// Calendar days of instants in an IANA time zone (the user's), with Intl only.
import { dayBounds } from '../tasks/zoned-day.ts';

/** Where the product lives when a client names no zone. */
export const DEFAULT_TIME_ZONE = 'Europe/Prague';

const formatters = new Map<string, Intl.DateTimeFormat>();

/** The calendar date `YYYY-MM-DD` the zone's clock shows at instant `ms`. */
export function dateIn(tz: string, ms: number): string {
  let f = formatters.get(tz);
  if (!f) {
    // en-CA formats dates as YYYY-MM-DD.
    f = new Intl.DateTimeFormat('en-CA', { timeZone: tz, year: 'numeric', month: '2-digit', day: '2-digit' });
    formatters.set(tz, f);
  }
  return f.format(ms);
}

/** The instant the next calendar day begins in `tz`, after instant `ms`. */
export function nextMidnight(tz: string, ms: number): number {
  return dayBounds(tz, ms).end;
}
