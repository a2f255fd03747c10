import type { Messages } from './i18n/index.svelte.ts';

/** Client-side checks mirror only the obvious rules; the server stays the authority. */
export function validateRequired(value: string, t: Messages, max = 200): string | undefined {
  const trimmed = value.trim();
  if (!trimmed) return t.errors.required;
  if (trimmed.length > max) return t.errors.tooLong.replace('{max}', String(max));
  return undefined;
}

export function validateEmail(value: string, t: Messages): string | undefined {
  const trimmed = value.trim();
  if (!trimmed) return t.errors.required;
  if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(trimmed)) return t.errors.invalidEmail;
  return undefined;
}
