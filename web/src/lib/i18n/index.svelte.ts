import { en, type Messages, type Plural } from './en.ts';
import { cs } from './cs.ts';

export type { Messages, Plural };
export type Locale = 'cs' | 'en';

/** Locales offered in the language switch, each named in its own language. */
export const locales: readonly { code: Locale; label: string }[] = [
  { code: 'cs', label: 'Čeština' },
  { code: 'en', label: 'English' },
];

const dictionaries: Record<Locale, Messages> = { cs, en };
const intlLocale: Record<Locale, string> = { cs: 'cs-CZ', en: 'en-GB' };
const STORAGE_KEY = 'tandem.locale';

function isLocale(value: unknown): value is Locale {
  return value === 'cs' || value === 'en';
}

/** Saved choice first, then Czech when the browser prefers Czech, else English. */
function detectLocale(): Locale {
  try {
    const saved = localStorage.getItem(STORAGE_KEY);
    if (isLocale(saved)) return saved;
  } catch {
    // storage can be blocked (private mode, policies): fall through to the browser's language
  }
  const languages = typeof navigator === 'undefined' ? [] : (navigator.languages ?? [navigator.language]);
  const first = languages.find(Boolean)?.toLowerCase() ?? '';
  return first.startsWith('cs') || first.startsWith('sk') ? 'cs' : 'en';
}

const state = $state<{ locale: Locale }>({ locale: detectLocale() });

function applyDocumentLang(locale: Locale) {
  if (typeof document !== 'undefined') document.documentElement.lang = locale;
}
applyDocumentLang(state.locale);

/** Reactive access to the current locale and its messages: `i18n.t.nav.companies`. */
export const i18n = {
  get locale(): Locale {
    return state.locale;
  },
  set locale(locale: Locale) {
    state.locale = locale;
    applyDocumentLang(locale);
    try {
      localStorage.setItem(STORAGE_KEY, locale);
    } catch {
      // not persisted; the choice still applies for this tab
    }
  },
  get t(): Messages {
    return dictionaries[state.locale];
  },
  /** BCP 47 tag for `Intl` formatters, e.g. `cs-CZ`. */
  get intl(): string {
    return intlLocale[state.locale];
  },
};

/** Replaces `{name}` placeholders in a message. */
export function fmt(template: string, vars: Record<string, string | number>): string {
  return template.replace(/\{(\w+)\}/g, (whole, key: string) => {
    const value = vars[key];
    return value === undefined ? whole : typeof value === 'number' ? formatNumber(value) : value;
  });
}

const pluralRules: Record<string, Intl.PluralRules> = {};

/** Picks the plural form for `n` with `Intl.PluralRules` (Czech: 1 firma, 2–4 firmy, 5 firem). */
export function plural(forms: Plural, n: number): string {
  const tag = i18n.intl;
  const rules = (pluralRules[tag] ??= new Intl.PluralRules(tag));
  const category = rules.select(n);
  const template = forms[category] ?? forms.other;
  return fmt(template, { n });
}

/** Formats a number for the current locale (`1 234,50` in Czech). */
export function formatNumber(n: number, options?: Intl.NumberFormatOptions): string {
  return new Intl.NumberFormat(i18n.intl, options).format(n);
}

/** Formats a date for the current locale (`27. 11. 2026` in Czech). */
export function formatDate(date: Date | string, options?: Intl.DateTimeFormatOptions): string {
  const value = typeof date === 'string' ? Date.parse(date) : date;
  return new Intl.DateTimeFormat(i18n.intl, options ?? { dateStyle: 'medium' }).format(value);
}
