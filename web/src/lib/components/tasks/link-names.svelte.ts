import { api } from '../../api.ts';

export type LinkKind = 'companies' | 'contacts' | 'deals';

// Names of records that tasks link to, fetched once per tab; the task API sends only ids.
const names = $state<Record<string, string | null>>({});
// Bookkeeping only (which ids were requested), so it need not be reactive.
// eslint-disable-next-line svelte/prefer-svelte-reactivity
const asked = new Set<string>();

const keyOf = (slug: string, kind: LinkKind, id: string) => `${slug}/${kind}/${id}`;

function nameOf(kind: LinkKind, record: Record<string, unknown>): string | null {
  if (kind === 'deals') return typeof record['title'] === 'string' ? record['title'] : null;
  if (kind === 'contacts') {
    const full = [record['firstName'], record['lastName']].filter((p) => typeof p === 'string' && p).join(' ');
    return full || null;
  }
  return typeof record['name'] === 'string' ? record['name'] : null;
}

/** Remembers names the page already knows (from the API or a list), so no request is made for them. */
export function rememberName(slug: string, kind: LinkKind, id: string, name: string | null | undefined): void {
  if (name) names[keyOf(slug, kind, id)] = name;
}

/** The linked record's name, or null while it loads (or when it is gone). Reactive. */
export function linkName(slug: string, kind: LinkKind, id: string): string | null {
  const key = keyOf(slug, kind, id);
  if (!(key in names) && !asked.has(key)) {
    asked.add(key);
    api
      .get<Record<string, unknown>>(`/w/${encodeURIComponent(slug)}/${kind}/${encodeURIComponent(id)}`, { redirectOn401: false })
      .then((record) => (names[key] = nameOf(kind, record)))
      .catch(() => (names[key] = null));
  }
  return names[key] ?? null;
}
