import type { Locale } from './index.svelte.ts';

/**
 * The API writes field messages in English. Until it localizes them, the common ones are translated
 * here so Czech users read errors in Czech; anything unknown is shown as the server wrote it.
 */
const czech: [RegExp, string][] = [
  [/^Use at least (\d+) characters\.$/, 'Použijte alespoň $1 znaků.'],
  [/^Use at most (\d+) characters\.$/, 'Použijte nejvýše $1 znaků.'],
  [/^This password is too common\..*$/, 'Toto heslo je příliš běžné. Zvolte méně předvídatelné.'],
  [/^The password must not contain your email address\.$/, 'Heslo nesmí obsahovat vaši e-mailovou adresu.'],
  [/^The password must not contain your name\.$/, 'Heslo nesmí obsahovat vaše jméno.'],
  [/^Enter a password\.$/, 'Zadejte heslo.'],
  [/^Enter a name\.$/, 'Zadejte název.'],
  [/^Enter an email address\.$/, 'Zadejte e-mail.'],
  [/^Enter a valid email address\.$/, 'Zadejte platný e-mail.'],
  [/^This email is already registered\..*$/, 'Tento e-mail už je registrovaný. Přihlaste se.'],
  [/^Unknown field\.$/, 'Neznámé pole.'],
];

/** Translates a known server sentence into the user's language. */
export function localizeServerMessage(message: string, locale: Locale): string {
  if (locale !== 'cs') return message;
  for (const [pattern, replacement] of czech) {
    if (pattern.test(message)) return message.replace(pattern, replacement);
  }
  return message;
}
