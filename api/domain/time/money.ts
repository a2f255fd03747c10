// Money arithmetic of time tracking: integer minor units only. Amounts go through BigInt so
// no intermediate product is ever a float, whatever the rate.

/** Highest hourly rate or amount accepted anywhere (minor units): 10^12, far below 2^53. */
export const MAX_AMOUNT = 1_000_000_000_000;

/**
 * What `minutes` of work cost or earn at `ratePerHour` (minor units per hour), rounded half-up
 * to a whole minor unit: ⌊(2·minutes·rate + 60) / 120⌋. A null rate counts as zero.
 */
export function amountFor(minutes: number, ratePerHour: number | null): number {
  if (ratePerHour === null || ratePerHour === 0 || minutes === 0) return 0;
  if (!Number.isSafeInteger(minutes) || !Number.isSafeInteger(ratePerHour) || minutes < 0 || ratePerHour < 0) {
    throw new RangeError(`amountFor needs non-negative integers, got ${minutes} min at ${ratePerHour}`);
  }
  return Number((2n * BigInt(minutes) * BigInt(ratePerHour) + 60n) / 120n);
}

/**
 * `part` as a percentage of `whole` with one decimal, rounded half-up (null without a whole):
 * 800 of 1000 → 80, 1 of 3 → 33.3. Integer arithmetic, then one division by ten for display.
 */
export function percentOf(part: number, whole: number | null): number | null {
  if (whole === null || whole <= 0) return null;
  const tenths = (2n * 1000n * BigInt(part) + BigInt(whole)) / (2n * BigInt(whole));
  // BigInt division truncates toward zero; negative parts (refunds) round toward zero too.
  return Number(tenths) / 10;
}

/** Minutes as hours with at most two decimals (hours are a quantity, not money). */
export function hoursOf(minutes: number): number {
  return Math.round((minutes * 100) / 60) / 100;
}
