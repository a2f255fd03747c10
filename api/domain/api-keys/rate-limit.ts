/** Requests allowed per window, per key. */
export interface RateLimit {
  requests: number;
  windowSeconds: number;
}

export const DEFAULT_API_KEY_RATE_LIMIT: RateLimit = { requests: 200, windowSeconds: 10 };

/** `200/10` (requests / seconds) from the environment; anything else is a start-up error. */
export function parseRateLimit(raw: string | undefined, fallback: RateLimit = DEFAULT_API_KEY_RATE_LIMIT): RateLimit {
  if (raw === undefined || raw.trim() === '') return fallback;
  const m = /^\s*(\d+)\s*\/\s*(\d+)\s*$/.exec(raw);
  const requests = Number(m?.[1]);
  const windowSeconds = Number(m?.[2]);
  if (!m || requests < 1 || windowSeconds < 1 || !Number.isSafeInteger(requests) || !Number.isSafeInteger(windowSeconds)) {
    throw new Error(`API_KEY_RATE_LIMIT must look like 200/10 (requests per seconds), got "${raw}"`);
  }
  return { requests, windowSeconds };
}

export type RateDecision =
  | { allowed: true; limit: number; remaining: number; resetSeconds: number }
  | { allowed: false; limit: number; remaining: 0; resetSeconds: number };

interface Window {
  start: number;
  count: number;
  windowMs: number;
}

/** Past this many tracked keys, ended windows are swept out on the next hit. */
const SWEEP_AT = 1000;

/**
 * A fixed window per key, in this process's memory: cheap, no storage write per request, and
 * `Retry-After` is exact (the end of the window). The price is that a burst may straddle two
 * windows, and that every process (every Workers isolate) counts on its own.
 */
export function createRateLimiter() {
  const windows = new Map<string, Window>();

  function sweep(now: number) {
    for (const [key, w] of windows) if (now - w.start >= w.windowMs) windows.delete(key);
  }

  return {
    hit(key: string, limit: RateLimit, now: number): RateDecision {
      const windowMs = limit.windowSeconds * 1000;
      let w = windows.get(key);
      if (!w || now - w.start >= windowMs || now < w.start) {
        if (!w && windows.size >= SWEEP_AT) sweep(now);
        w = { start: now, count: 0, windowMs };
        windows.set(key, w);
      }
      const resetSeconds = Math.max(1, Math.ceil((w.start + windowMs - now) / 1000));
      if (w.count >= limit.requests) return { allowed: false, limit: limit.requests, remaining: 0, resetSeconds };
      w.count += 1;
      return { allowed: true, limit: limit.requests, remaining: limit.requests - w.count, resetSeconds };
    },
    /** Keys currently tracked (for tests of the sweep). */
    get size() {
      return windows.size;
    },
  };
}

export type RateLimiter = ReturnType<typeof createRateLimiter>;
