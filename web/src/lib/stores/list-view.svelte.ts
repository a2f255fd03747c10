import { appendNew, insertAt, replaceById, withoutIds } from './rows.ts';
import type { ListParams, Page } from './records-api.ts';

interface CachedView {
  items: readonly unknown[];
  nextCursor: string | null;
}

// Views seen in this tab, so going back to a list shows it at once while a fresh page loads.
// Deliberately not reactive: it is read once per load, never rendered.
// eslint-disable-next-line svelte/prefer-svelte-reactivity
const cache = new Map<string, CachedView>();
const MAX_CACHED_VIEWS = 30;

/** Forgets cached views whose key starts with `prefix` (e.g. after a write to that kind of record). */
export function forgetViews(prefix: string): void {
  for (const key of cache.keys()) if (key.startsWith(prefix)) cache.delete(key);
}

type FetchPage<T> = (params: ListParams, signal: AbortSignal) => Promise<Page<T>>;

const PAGE = 50;
// Later pages are bigger: someone scrolling that far is reading on, and fewer requests keep it smooth.
const NEXT_PAGE = 100;

/**
 * One keyset-paged list view: the first page on `load`, more on `loadMore`; a request that a newer
 * `load` overtook is aborted, so a slow answer for an old search never replaces a newer one.
 */
export class ListView<T extends { id: string }> {
  items = $state.raw<readonly T[]>([]);
  nextCursor = $state<string | null>(null);
  /** `loading` only when there is nothing to show yet; a background refresh keeps `ready`. */
  status = $state<'loading' | 'ready' | 'error'>('loading');
  loadingMore = $state(false);
  error = $state<unknown>(null);
  /** The view key of what `items` shows. */
  key = $state('');

  #fetch: FetchPage<T>;
  #controller: AbortController | null = null;
  #params: ListParams = {};

  constructor(fetchPage: FetchPage<T>) {
    this.#fetch = fetchPage;
  }

  /** Shows `key`'s cached rows at once (if any) and fetches its first page. */
  async load(key: string, params: ListParams): Promise<void> {
    this.#controller?.abort();
    const controller = new AbortController();
    this.#controller = controller;
    this.#params = params;
    const cached = cache.get(key);
    this.key = key;
    this.error = null;
    this.loadingMore = false;
    if (cached) {
      this.items = cached.items as T[];
      this.nextCursor = cached.nextCursor;
      this.status = 'ready';
    } else {
      this.items = [];
      this.nextCursor = null;
      this.status = 'loading';
    }
    try {
      // Refresh as many rows as the cached view showed (up to the API's 200), so the scroll position holds.
      const limit = Math.min(200, Math.max(PAGE, cached?.items.length ?? 0));
      const page = await this.#fetch({ ...params, limit }, controller.signal);
      if (controller.signal.aborted) return;
      this.items = page.items;
      this.nextCursor = page.nextCursor;
      this.status = 'ready';
      this.#remember();
    } catch (error) {
      if (controller.signal.aborted) return;
      this.error = error;
      if (!cached) this.status = 'error';
    }
  }

  /** Fetches the next page after the last row; no-op while one is loading or at the end. */
  async loadMore(): Promise<void> {
    if (this.loadingMore || !this.nextCursor || this.status !== 'ready') return;
    const controller = this.#controller;
    if (!controller) return;
    this.loadingMore = true;
    this.error = null;
    try {
      const page = await this.#fetch({ ...this.#params, limit: NEXT_PAGE, cursor: this.nextCursor }, controller.signal);
      if (controller.signal.aborted) return;
      this.items = appendNew(this.items, page.items);
      this.nextCursor = page.nextCursor;
      this.#remember();
    } catch (error) {
      if (!controller.signal.aborted) this.error = error;
    } finally {
      if (!controller.signal.aborted) this.loadingMore = false;
    }
  }

  /** Loads the current view again (the retry of the error banner). */
  reload(): Promise<void> {
    return this.load(this.key, this.#params);
  }

  /** Replaces rows in place after a write (optimistic update or the server's answer). */
  replace(updated: readonly T[]): void {
    this.items = replaceById(this.items, updated);
    this.#remember();
  }

  /** Drops rows (moved to the trash, or no longer matching). */
  remove(ids: Iterable<string>): void {
    this.items = withoutIds(this.items, ids);
    this.#remember();
  }

  /** Puts rows back at their old positions (an undone delete), or at the top when the position is gone. */
  restore(rows: readonly { item: T; index: number }[]): void {
    this.items = insertAt(this.items, rows);
    this.#remember();
  }

  /** Adds a new record at the top (it was just created here). */
  prepend(item: T): void {
    this.items = [item, ...this.items.filter((row) => row.id !== item.id)];
    this.#remember();
  }

  #remember() {
    if (!this.key) return;
    cache.delete(this.key);
    cache.set(this.key, { items: this.items, nextCursor: this.nextCursor });
    while (cache.size > MAX_CACHED_VIEWS) {
      const oldest = cache.keys().next().value;
      if (oldest === undefined) break;
      cache.delete(oldest);
    }
  }
}
