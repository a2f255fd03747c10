// Fractional ordering keys (after David Greenspan's "fractional indexing", as used by Figma):
// strings that sort by plain byte comparison (SQLite's BINARY collation), so a card moves by
// rewriting its own key only, never its neighbours'. A key is an integer part (a head letter
// saying how many base-62 digits follow: 'a' one, 'b' two…; 'Z', 'Y'… for the negative side)
// and an optional fraction that never ends in '0'.

const DIGITS = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
const ZERO = DIGITS[0]!;
const LAST = DIGITS[DIGITS.length - 1]!;
/** The smallest integer part; a key cannot go below it without a fraction. */
const SMALLEST_INTEGER = `A${ZERO.repeat(26)}`;

/** The key of the first item of an empty list. */
export const FIRST_KEY = `a${ZERO}`;

export class PositionKeyError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PositionKeyError';
  }
}

function integerLength(head: string): number {
  if (head >= 'a' && head <= 'z') return head.charCodeAt(0) - 'a'.charCodeAt(0) + 2;
  if (head >= 'A' && head <= 'Z') return 'Z'.charCodeAt(0) - head.charCodeAt(0) + 2;
  throw new PositionKeyError(`invalid position key head: ${head}`);
}

function integerPart(key: string): string {
  const length = integerLength(key[0] ?? '');
  if (length > key.length) throw new PositionKeyError(`invalid position key: ${key}`);
  return key.slice(0, length);
}

/** Whether `key` is a well-formed position key (what keyBetween accepts and produces). */
export function isPositionKey(key: string): boolean {
  try {
    validate(key);
    return true;
  } catch {
    return false;
  }
}

function validate(key: string): void {
  if (key === SMALLEST_INTEGER) throw new PositionKeyError(`invalid position key: ${key}`);
  for (const ch of key.slice(1)) if (!DIGITS.includes(ch)) throw new PositionKeyError(`invalid position key: ${key}`);
  const int = integerPart(key);
  if (key.slice(int.length).endsWith(ZERO)) throw new PositionKeyError(`invalid position key: ${key}`);
}

/** A fraction strictly between fractions a and b (b null: no upper bound); neither ends in 0. */
function midpoint(a: string, b: string | null): string {
  if (b !== null) {
    let n = 0;
    while ((a[n] ?? ZERO) === b[n]) n++;
    if (n > 0) return b.slice(0, n) + midpoint(a.slice(n), b.slice(n));
  }
  const digitA = a ? DIGITS.indexOf(a[0]!) : 0;
  const digitB = b !== null ? DIGITS.indexOf(b[0]!) : DIGITS.length;
  if (digitB - digitA > 1) return DIGITS[Math.round(0.5 * (digitA + digitB))]!;
  if (b !== null && b.length > 1) return b.slice(0, 1);
  return DIGITS[digitA]! + midpoint(a.slice(1), null);
}

function incrementInteger(x: string): string | null {
  const head = x[0]!;
  const digits = x.slice(1).split('');
  let carry = true;
  for (let i = digits.length - 1; carry && i >= 0; i--) {
    const d = DIGITS.indexOf(digits[i]!) + 1;
    if (d === DIGITS.length) digits[i] = ZERO;
    else {
      digits[i] = DIGITS[d]!;
      carry = false;
    }
  }
  if (!carry) return head + digits.join('');
  if (head === 'Z') return `a${ZERO}`;
  if (head === 'z') return null;
  const next = String.fromCharCode(head.charCodeAt(0) + 1);
  if (next > 'a') digits.push(ZERO);
  else digits.pop();
  return next + digits.join('');
}

function decrementInteger(x: string): string | null {
  const head = x[0]!;
  const digits = x.slice(1).split('');
  let borrow = true;
  for (let i = digits.length - 1; borrow && i >= 0; i--) {
    const d = DIGITS.indexOf(digits[i]!) - 1;
    if (d === -1) digits[i] = LAST;
    else {
      digits[i] = DIGITS[d]!;
      borrow = false;
    }
  }
  if (!borrow) return head + digits.join('');
  if (head === 'a') return `Z${LAST}`;
  if (head === 'A') return null;
  const prev = String.fromCharCode(head.charCodeAt(0) - 1);
  if (prev < 'Z') digits.push(LAST);
  else digits.pop();
  return prev + digits.join('');
}

/**
 * A key that sorts strictly after `a` and strictly before `b` (null: no bound on that side).
 * Throws PositionKeyError when a key is malformed or `a >= b`; callers that read keys from
 * storage renumber instead.
 */
export function keyBetween(a: string | null, b: string | null): string {
  if (a !== null) validate(a);
  if (b !== null) validate(b);
  if (a !== null && b !== null && a >= b) throw new PositionKeyError(`${a} is not before ${b}`);
  if (a === null) {
    if (b === null) return FIRST_KEY;
    const ib = integerPart(b);
    const fb = b.slice(ib.length);
    if (ib === SMALLEST_INTEGER) return ib + midpoint('', fb);
    if (ib < b) return ib;
    const res = decrementInteger(ib);
    if (res === null) throw new PositionKeyError('no key before the smallest one');
    return res;
  }
  const ia = integerPart(a);
  const fa = a.slice(ia.length);
  if (b === null) {
    const next = incrementInteger(ia);
    return next === null ? ia + midpoint(fa, null) : next;
  }
  const ib = integerPart(b);
  const fb = b.slice(ib.length);
  if (ia === ib) return ia + midpoint(fa, fb);
  const next = incrementInteger(ia);
  if (next === null) throw new PositionKeyError('no key after the largest one');
  return next < b ? next : ia + midpoint(fa, null);
}

/** `n` increasing keys after `a` (null: from the start), for renumbering a whole list. */
export function keysAfter(a: string | null, n: number): string[] {
  const keys: string[] = [];
  let prev = a;
  for (let i = 0; i < n; i++) {
    prev = keyBetween(prev, null);
    keys.push(prev);
  }
  return keys;
}
