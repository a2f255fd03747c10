import { constantTimeEqual } from '@oslojs/crypto/subtle';
import { sha256 } from '@oslojs/crypto/sha2';
import { encodeBase32LowerCaseNoPadding } from '@oslojs/encoding';
import type { emailTokens } from '../../db/control/schema.ts';

// The same shape as session tokens (api/auth/session.ts): `<id>.<secret>` in the link, only
// SHA-256 of the secret stored, so a leaked table does not verify anybody's address.

export const EMAIL_TOKEN_TTL_MS = 48 * 60 * 60 * 1000;

export type EmailTokenPurpose = 'verify' | 'change_email';

function randomPart(bytes: number): string {
  const b = new Uint8Array(bytes);
  crypto.getRandomValues(b);
  return encodeBase32LowerCaseNoPadding(b);
}

const hashSecret = (secret: string) => sha256(new TextEncoder().encode(secret));

export function newEmailToken(
  userId: string,
  purpose: EmailTokenPurpose,
  email: string,
  now: number,
): { token: string; row: typeof emailTokens.$inferInsert } {
  const id = randomPart(15);
  const secret = randomPart(20);
  return {
    token: `${id}.${secret}`,
    row: { id, userId, purpose, email, secretHash: Buffer.from(hashSecret(secret)), createdAt: now, expiresAt: now + EMAIL_TOKEN_TTL_MS },
  };
}

/** Splits a link token; null when it cannot be one of ours (so no lookup is made). */
export function parseEmailToken(token: string): { id: string; secret: string } | null {
  const [id, secret, extra] = token.split('.');
  if (!id || !secret || extra !== undefined || id.length > 64 || secret.length > 64) return null;
  return { id, secret };
}

export function secretMatches(secret: string, stored: Uint8Array): boolean {
  return constantTimeEqual(hashSecret(secret), stored);
}
