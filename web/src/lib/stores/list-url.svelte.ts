import { replaceState } from '$app/navigation';
import { page } from '$app/state';
import type { ListParams } from './records-api.ts';

const KEYS = ['q', 'sort', 'ownerId', 'tag'] as const;
type Key = (typeof KEYS)[number];

/**
 * A list's view (search, sort, filters) kept in the address bar, so it can be bookmarked and shared,
 * and survives going to a record and back.
 */
export class ListUrlView {
  q = $state('');
  sort = $state('');
  ownerId = $state('');
  tag = $state('');
  readonly defaultSort: string;
  readonly #sorts: readonly string[];

  constructor(defaultSort: string, sorts: readonly string[]) {
    this.defaultSort = defaultSort;
    this.#sorts = sorts;
    const search = page.url.searchParams;
    this.q = search.get('q') ?? '';
    const sort = search.get('sort') ?? '';
    this.sort = sorts.includes(sort) ? sort : defaultSort;
    this.ownerId = search.get('ownerId') ?? '';
    this.tag = search.get('tag') ?? '';
  }

  /** The API query of this view. */
  get params(): ListParams {
    return { q: this.q.trim() || undefined, sort: this.sort, ownerId: this.ownerId || undefined, tag: this.tag || undefined };
  }

  get filtered(): boolean {
    return Boolean(this.q.trim() || this.ownerId || this.tag);
  }

  set(patch: Partial<Record<Key, string>>): void {
    if (patch.q !== undefined) this.q = patch.q;
    if (patch.sort !== undefined) this.sort = this.#sorts.includes(patch.sort) ? patch.sort : this.defaultSort;
    if (patch.ownerId !== undefined) this.ownerId = patch.ownerId;
    if (patch.tag !== undefined) this.tag = patch.tag;
    this.#write();
  }

  #write(): void {
    // The address bar, not page.url: shallow replaceState leaves page.url at the first load's URL.
    const url = new URL(location.href);
    for (const key of KEYS) {
      const value = key === 'q' ? this.q.trim() : this[key];
      if (value && !(key === 'sort' && value === this.defaultSort)) url.searchParams.set(key, value);
      else url.searchParams.delete(key);
    }
    if (url.search === location.search) return;
    // Shallow: the address changes without re-running loaders or adding history entries per keystroke.
    // eslint-disable-next-line svelte/no-navigation-without-resolve -- the current page's own URL, only its query changed
    replaceState(url, page.state);
  }
}
