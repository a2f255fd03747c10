import { ApiError, type RequestOptions } from '../api.ts';
import { i18n } from '../i18n/index.svelte.ts';
import { localizeServerMessage } from '../i18n/server-messages.ts';
import { cachedRecord, rememberRecords } from './record-cache.ts';
import type { HistoryEntry, Page } from './records-api.ts';

export interface RecordApi<T, I> {
  get(ws: string, id: string, options?: RequestOptions): Promise<T>;
  update(ws: string, id: string, input: I, version?: number): Promise<T>;
  history(ws: string, id: string, params?: Record<string, string | number>): Promise<Page<HistoryEntry>>;
}

/** The result of saving one field: nothing (saved), or the sentence to show next to it. */
export type SaveResult = { ok: true } | { ok: false; message: string; conflict?: boolean };

/**
 * One record on its page: loaded (painted from the tab's cache first), saved field by field with
 * If-Match, reloaded on a conflict, with the field history fetched on first use.
 */
export class RecordEditor<T extends { id: string; version: number }, I> {
  record = $state<T | null>(null);
  status = $state<'loading' | 'ready' | 'not_found' | 'error'>('loading');
  error = $state<unknown>(null);
  history = $state<HistoryEntry[] | null>(null);
  historyError = $state(false);

  readonly #api: RecordApi<T, I>;
  readonly #kind: string;
  #ws = '';
  #id = '';
  #controller: AbortController | null = null;
  #historyLoading: Promise<void> | null = null;

  constructor(kind: string, api: RecordApi<T, I>) {
    this.#kind = kind;
    this.#api = api;
  }

  async load(ws: string, id: string): Promise<void> {
    this.#controller?.abort();
    const controller = new AbortController();
    this.#controller = controller;
    this.#ws = ws;
    this.#id = id;
    this.history = null;
    this.#historyLoading = null;
    const cached = cachedRecord<T>(ws, this.#kind, id);
    this.record = cached ?? null;
    this.status = cached ? 'ready' : 'loading';
    this.error = null;
    try {
      const fresh = await this.#api.get(ws, id, { signal: controller.signal });
      if (controller.signal.aborted) return;
      this.#set(fresh);
      this.status = 'ready';
    } catch (error) {
      if (controller.signal.aborted) return;
      if (error instanceof ApiError && error.status === 404) {
        this.status = 'not_found';
        this.record = null;
      } else if (!cached) {
        this.status = 'error';
        this.error = error;
      }
    }
  }

  reload(): Promise<void> {
    return this.load(this.#ws, this.#id);
  }

  /** Replaces the shown record with one the server returned (e.g. after a write elsewhere on the page). */
  accept(record: T): void {
    this.#set(record);
    this.history = null;
    this.#historyLoading = null;
  }

  /** PATCHes `input` with If-Match; on a conflict loads the other writer's version (the caller shows the message). */
  async save(input: I): Promise<SaveResult> {
    const current = this.record;
    if (!current) return { ok: false, message: i18n.t.errors.server };
    try {
      const saved = await this.#api.update(this.#ws, current.id, input, current.version);
      this.accept(saved);
      return { ok: true };
    } catch (error) {
      if (error instanceof ApiError && error.code === 'conflict') {
        try {
          this.accept(await this.#api.get(this.#ws, current.id));
        } catch {
          // the message below still tells the user what happened
        }
        return { ok: false, message: i18n.t.records.conflict, conflict: true };
      }
      if (error instanceof ApiError && error.hasFields) {
        const message = Object.values(error.fields)[0] ?? error.message;
        return { ok: false, message: localizeServerMessage(message, i18n.locale) };
      }
      if (error instanceof ApiError && error.code === 'network') return { ok: false, message: i18n.t.errors.network };
      if (error instanceof ApiError && error.status < 500 && error.message) return { ok: false, message: localizeServerMessage(error.message, i18n.locale) };
      return { ok: false, message: i18n.t.errors.server };
    }
  }

  /** Loads the record's change history once (all pages up to 1,000 changes). */
  loadHistory(): Promise<void> {
    if (this.#historyLoading) return this.#historyLoading;
    const [ws, id] = [this.#ws, this.#id];
    this.historyError = false;
    this.#historyLoading = (async () => {
      try {
        const entries: HistoryEntry[] = [];
        let cursor: string | null = null;
        do {
          const page: Page<HistoryEntry> = await this.#api.history(ws, id, cursor ? { limit: 200, cursor } : { limit: 200 });
          entries.push(...page.items);
          cursor = page.nextCursor;
        } while (cursor && entries.length < 1000);
        if (ws === this.#ws && id === this.#id) this.history = entries;
      } catch {
        this.historyError = true;
        this.#historyLoading = null;
      }
    })();
    return this.#historyLoading;
  }

  #set(record: T) {
    this.record = record;
    rememberRecords(this.#ws, this.#kind, [record]);
  }
}
