const RAND_BITS = 74n;

let lastMs = -1;
let lastRand = 0n;

/** 73 random bits: one short of the field, so increments within a millisecond have room. */
function randomBits(): bigint {
  const r = new Uint8Array(10);
  crypto.getRandomValues(r);
  let v = 0n;
  for (const x of r) v = (v << 8n) | BigInt(x);
  return v & ((1n << (RAND_BITS - 1n)) - 1n);
}

/**
 * A UUIDv7: time-ordered, so new rows land at the end of B-tree indexes and ids sort by
 * creation, yet opaque and unguessable. Within one millisecond the random part grows by a
 * random step (RFC 9562 §6.2, method 2), so ids made in the same millisecond still sort in
 * the order they were made: history and timelines break ties of equal timestamps by id.
 */
export function newId(now: number = Date.now()): string {
  let rand = now === lastMs ? lastRand + 1n + (randomBits() & 0xffffn) : randomBits();
  // Practically unreachable (2^57 ids in one millisecond); stay unique rather than ordered.
  if (rand >= 1n << RAND_BITS) rand = randomBits();
  lastMs = now;
  lastRand = rand;
  const b = new Uint8Array(16);
  const ms = BigInt(now);
  for (let i = 0; i < 6; i++) b[i] = Number((ms >> BigInt(8 * (5 - i))) & 0xffn);
  const randA = Number(rand >> 62n); // 12 bits after the version nibble
  const randB = rand & ((1n << 62n) - 1n); // 62 bits after the variant bits
  b[6] = 0x70 | (randA >> 8);
  b[7] = randA & 0xff;
  b[8] = 0x80 | Number(randB >> 56n);
  for (let i = 9; i < 16; i++) b[i] = Number((randB >> BigInt(8 * (15 - i))) & 0xffn);
  const h = Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}
