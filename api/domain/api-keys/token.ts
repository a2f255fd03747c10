import { sha256 } from '@oslojs/crypto/sha2';
import { constantTimeEqual } from '@oslojs/crypto/subtle';
import { encodeBase32LowerCaseNoPadding } from '@oslojs/encoding';

// Same design as sessions (api/auth/session.ts): the caller holds `<id> + <secret>`, we keep
// only SHA-256 of the secret and compare in constant time. The id in the token lets a
// request find its key by primary key, so no hash is ever looked up or compared across rows.

const PREFIX = 'tdm_';
/** 20 random bytes: 160 bits, 32 base32 characters. */
const SECRET_BYTES = 20;
const SECRET_PATTERN = /^[a-z2-7]{32}$/;
const ID_PATTERN = /^[0-9a-f-]{36}$/;

export function newSecret(): string {
  const b = new Uint8Array(SECRET_BYTES);
  crypto.getRandomValues(b);
  return encodeBase32LowerCaseNoPadding(b);
}

export function hashSecret(secret: string): Uint8Array {
  return sha256(new TextEncoder().encode(secret));
}

/** `tdm_<id>_<secret>`: the prefix makes a leaked key easy to recognise (secret scanners, logs). */
export function formatToken(id: string, secret: string): string {
  return `${PREFIX}${id}_${secret}`;
}

/** The id and secret of a well-formed token; null for anything else (never throws). */
export function parseToken(token: string): { id: string; secret: string } | null {
  if (token.length > 100 || !token.startsWith(PREFIX)) return null;
  const parts = token.slice(PREFIX.length).split('_');
  if (parts.length !== 2) return null;
  const [id, secret] = parts as [string, string];
  if (!ID_PATTERN.test(id) || !SECRET_PATTERN.test(secret)) return null;
  return { id, secret };
}

export function secretMatches(secret: string, stored: Uint8Array): boolean {
  return constantTimeEqual(hashSecret(secret), stored);
}
