import { z } from '@hono/zod-openapi';
import { describe, expect, it } from 'vitest';
import { emailField, fieldErrors, nameField, passwordField } from '../../api/validation.ts';

const schema = z.object({ name: nameField, email: emailField, password: passwordField, address: z.object({ city: nameField }) }).strict();

describe('fieldErrors', () => {
  it('maps zod issues to one message per dotted field path', () => {
    const r = schema.safeParse({ name: '', email: 'nope', password: 1, address: { city: 7 }, extra: true });
    expect(r.success).toBe(false);
    const fields = fieldErrors(r.error!.issues);
    expect(Object.keys(fields).sort()).toEqual(['address.city', 'email', 'extra', 'name', 'password']);
    expect(fields['extra']).toBe('Unknown field.');
    expect(fields['name']).toBe('Enter a name.');
    expect(fields['email']).toBe('Enter a valid email address.');
  });

  it('reports a wrong top-level type under `_`', () => {
    const r = schema.safeParse([1, 2]);
    expect(fieldErrors(r.error!.issues)).toHaveProperty('_');
  });
});

describe('shared fields', () => {
  it('trims names and limits them to 1..200 characters', () => {
    expect(nameField.parse('  Acme  ')).toBe('Acme');
    expect(nameField.safeParse('   ').success).toBe(false);
    expect(nameField.safeParse('x'.repeat(200)).success).toBe(true);
    expect(nameField.safeParse('x'.repeat(201)).success).toBe(false);
  });

  it('trims emails and rejects invalid or overlong ones', () => {
    expect(emailField.parse('  jana@example.cz ')).toBe('jana@example.cz');
    for (const bad of ['jana', 'jana@', '@example.cz', `${'a'.repeat(250)}@example.cz`]) expect(emailField.safeParse(bad).success, bad).toBe(false);
  });
});
