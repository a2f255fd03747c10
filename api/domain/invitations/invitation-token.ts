import { constantTimeEqual } from '@oslojs/crypto/subtle';
import { sha256 } from '@oslojs/crypto/sha2';
import { encodeBase32LowerCaseNoPadding } from '@oslojs/encoding';

// The session token design (api/auth/session.ts): the link carries `<id>.<secret>`, the row
// keeps only SHA-256 of the secret, and the check compares hashes in constant time. A leaked
// control database therefore yields no usable invitation links.

export const INVITATION_TTL_MS = 7 * 24 * 60 * 60 * 1000;

const hashSecret = (secret: string) => sha256(new TextEncoder().encode(secret));

/** A fresh secret for the invitation `id`: the token for the link and the hash for the row. */
export function newInvitationSecret(id: string): { token: string; secretHash: Buffer } {
  const bytes = new Uint8Array(20);
  crypto.getRandomValues(bytes);
  const secret = encodeBase32LowerCaseNoPadding(bytes);
  return { token: `${id}.${secret}`, secretHash: Buffer.from(hashSecret(secret)) };
}

/** Splits a link token; null when it cannot be one of ours (so no lookup is made). */
export function parseInvitationToken(token: string): { id: string; secret: string } | null {
  const [id, secret, extra] = token.split('.');
  if (!id || !secret || extra !== undefined || id.length > 64 || secret.length > 64) return null;
  return { id, secret };
}

export function secretMatches(secret: string, stored: Uint8Array): boolean {
  return constantTimeEqual(hashSecret(secret), new Uint8Array(stored));
}
