import { describe, expect, it } from 'vitest';
import { hashPassword, passwordProblem, PASSWORD_MAX, PASSWORD_MIN, verifyPassword } from '../../api/auth/password.ts';

describe('hashPassword / verifyPassword', () => {
  it('stores scrypt with its parameters and a random salt, never the password', async () => {
    const a = await hashPassword('correct horse battery staple');
    const b = await hashPassword('correct horse battery staple');
    const parts = a.split('$');
    expect(parts.slice(0, 4)).toEqual(['scrypt', '16384', '8', '5']);
    expect(Buffer.from(parts[4]!, 'base64')).toHaveLength(16);
    expect(Buffer.from(parts[5]!, 'base64')).toHaveLength(32);
    expect(a).not.toContain('correct horse');
    expect(a).not.toBe(b);
  });

  it('verifies the right password and rejects others', async () => {
    const stored = await hashPassword('Tajné heslo 2026');
    expect(await verifyPassword(stored, 'Tajné heslo 2026')).toBe(true);
    expect(await verifyPassword(stored, 'tajné heslo 2026')).toBe(false);
    expect(await verifyPassword(stored, 'Tajné heslo 2026 ')).toBe(false);
    expect(await verifyPassword(stored, '')).toBe(false);
  });

  it('treats Unicode-equivalent spellings as the same password (NFKC)', async () => {
    const composed = 'Příliš žluťoučký kůň';
    const decomposed = composed.normalize('NFD');
    expect(decomposed).not.toBe(composed);
    const stored = await hashPassword(composed);
    expect(await verifyPassword(stored, decomposed)).toBe(true);
  });

  it('honours the parameters stored with the hash', async () => {
    const stored = await hashPassword('parameters travel along');
    const [, , , , salt, hash] = stored.split('$');
    // Same salt and key with a different N no longer matches: the stored N is what is used.
    expect(await verifyPassword(['scrypt', 1024, 8, 5, salt, hash].join('$'), 'parameters travel along')).toBe(false);
  });

  it('answers false, never throws, for malformed or foreign hashes', async () => {
    for (const stored of ['', 'plain', 'bcrypt$2b$10$abc', 'scrypt$16384$8$5$', 'scrypt$16384$8$5$c2FsdA==']) {
      expect(await verifyPassword(stored, 'anything at all')).toBe(false);
    }
  });
});

describe('passwordProblem', () => {
  it('accepts a reasonable password', () => {
    expect(passwordProblem('correct horse battery staple')).toBeNull();
    expect(passwordProblem('x'.repeat(PASSWORD_MIN - 1) + 'Q')).toBeNull();
    expect(passwordProblem('k'.repeat(PASSWORD_MAX))).toBeNull();
  });

  it('rejects too short and too long passwords', () => {
    expect(passwordProblem('Ab1!xyz')).toMatch(/at least 8/);
    expect(passwordProblem('')).toMatch(/at least 8/);
    expect(passwordProblem('k'.repeat(PASSWORD_MAX + 1))).toMatch(/at most 256/);
  });

  it('rejects common passwords whatever their case', () => {
    for (const p of ['password123', 'PASSWORD123', 'Qwerty123', '12345678', 'heslo123', 'iloveyou']) {
      expect(passwordProblem(p), p).toMatch(/too common/);
    }
  });

  it('rejects a password containing the email’s local part (4+ characters)', () => {
    expect(passwordProblem('my-jana.novak-pass', { email: 'jana.novak@example.cz' })).toMatch(/email/);
    expect(passwordProblem('xxJANA.NOVAKxx', { email: 'jana.novak@example.cz' })).toMatch(/email/);
    // Too short a local part to be meaningful.
    expect(passwordProblem('with jo in it', { email: 'jo@example.cz' })).toBeNull();
  });
});
