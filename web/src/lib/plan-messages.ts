import { fmt, type Messages } from './i18n/index.svelte.ts';

// The API's 402 sentences (api/access/entitlements.ts, planMessages) say which limit was hit
// in English; this picks the matching sentence in the user's language, numbers kept.
const KINDS: [RegExp, keyof Messages['billing']['planRequired']][] = [
  [/^Projects, time tracking and budgets/, 'projects'],
  [/^The Free plan holds up to ([\d,. ]+) companies/, 'records'],
  [/^The Free plan has room for (\d+) members/, 'members'],
  [/^The Free plan stores up to (\d+) MB/, 'storage'],
];

/** A `plan_required` answer as one friendly sentence: what needs Pro and what to do. */
export function describePlanRequired(serverMessage: string, t: Messages): string {
  for (const [pattern, kind] of KINDS) {
    const match = pattern.exec(serverMessage);
    if (!match) continue;
    const limit = match[1] ? Number(match[1].replace(/[^\d]/g, '')) : 0;
    return fmt(t.billing.planRequired[kind], { limit });
  }
  return t.billing.planRequired.other;
}
