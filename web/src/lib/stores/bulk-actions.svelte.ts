import { toast } from 'svelte-sonner';
import { fmt, i18n, plural, type Plural } from '../i18n/index.svelte.ts';
import { forgetViews, type ListView } from './list-view.svelte.ts';
import { indexById } from './rows.ts';
import type { Selection } from './selection.svelte.ts';
import { runAll, toastError, toastWithUndo } from './undo.ts';

interface Taggable {
  id: string;
  tags: string[];
  ownerId: string | null;
  version: number;
}

/** The writes a list's bulk actions need; companiesApi and contactsApi fit. */
export interface BulkApi<T> {
  update(ws: string, id: string, input: { tags?: string[]; ownerId?: string | null }, version?: number): Promise<T>;
  remove(ws: string, id: string, version?: number): Promise<void>;
  restore(ws: string, id: string): Promise<T>;
}

export interface BulkMessages {
  trashed: Plural;
  tagged: Plural;
  ownerChanged: Plural;
}

interface Options<T extends Taggable> {
  ws: () => string;
  /** Cache prefix of this kind's list views, forgotten after a write. */
  views: () => string;
  api: BulkApi<T>;
  list: ListView<T>;
  selection: Selection;
  messages: () => BulkMessages;
}

/**
 * Tag, change owner and delete for the selected rows: applied on screen at once, written one record
 * at a time (a few in parallel, each with its If-Match), then an Undo toast that writes the old values back.
 */
export class BulkActions<T extends Taggable> {
  busy = $state(false);
  #o: Options<T>;

  constructor(options: Options<T>) {
    this.#o = options;
  }

  #selected(): T[] {
    return this.#o.list.items.filter((item) => this.#o.selection.has(item.id));
  }

  #reportFailures(failed: number) {
    if (failed) toast.error(plural(i18n.t.records.partlyFailed, failed));
  }

  async tag(tag: string): Promise<void> {
    const rows = this.#selected().filter((row) => !row.tags.some((t) => t.toLowerCase() === tag.toLowerCase()));
    const total = this.#selected().length;
    if (!rows.length) {
      toast.success(fmt(plural(this.#o.messages().tagged, total), { tag }));
      return;
    }
    await this.#patchAll(rows, (row) => ({ tags: [...row.tags, tag] }), (row) => ({ tags: row.tags }), (n) =>
      fmt(plural(this.#o.messages().tagged, n), { tag }),
    );
  }

  async owner(ownerId: string | null): Promise<void> {
    const rows = this.#selected().filter((row) => row.ownerId !== ownerId);
    if (!rows.length) return;
    await this.#patchAll(rows, () => ({ ownerId }), (row) => ({ ownerId: row.ownerId }), (n) => plural(this.#o.messages().ownerChanged, n));
  }

  async #patchAll(
    rows: T[],
    change: (row: T) => { tags?: string[]; ownerId?: string | null },
    revert: (row: T) => { tags?: string[]; ownerId?: string | null },
    message: (n: number) => string,
  ): Promise<void> {
    const { api, list } = this.#o;
    const ws = this.#o.ws();
    this.busy = true;
    // Optimistic: the rows change on screen now; failures roll back below.
    list.replace(rows.map((row) => ({ ...row, ...change(row) })));
    try {
      const { done, failed } = await runAll(rows, (row) => api.update(ws, row.id, change(row), row.version));
      list.replace([...done.map((d) => d.result), ...failed.map((f) => f.item)]);
      forgetViews(this.#o.views());
      this.#reportFailures(failed.length);
      if (!done.length) return;
      toastWithUndo(message(done.length), async () => {
        const undone = await runAll(done, (d) => api.update(ws, d.item.id, revert(d.item), d.result.version));
        list.replace(undone.done.map((u) => u.result));
        forgetViews(this.#o.views());
        if (undone.failed.length) throw new Error('undo failed');
      }, i18n.t.errors.server);
    } finally {
      this.busy = false;
    }
  }

  /** Moves the given rows (default: the selection) to the trash. */
  async remove(rows: T[] = this.#selected()): Promise<void> {
    if (!rows.length) return;
    const { api, list, selection } = this.#o;
    const ws = this.#o.ws();
    const positions = indexById(list.items);
    this.busy = true;
    list.remove(rows.map((row) => row.id));
    selection.clear();
    try {
      const { done, failed } = await runAll(rows, (row) => api.remove(ws, row.id, row.version));
      if (failed.length) {
        list.restore(failed.map((f) => ({ item: f.item, index: positions[f.item.id] ?? 0 })));
        if (failed.length === rows.length) toastError(failed[0]?.error);
        else this.#reportFailures(failed.length);
      }
      forgetViews(this.#o.views());
      if (!done.length) return;
      toastWithUndo(plural(this.#o.messages().trashed, done.length), async () => {
        const restored = await runAll(done, (d) => api.restore(ws, d.item.id));
        list.restore(restored.done.map((r) => ({ item: r.result, index: positions[r.item.item.id] ?? 0 })));
        forgetViews(this.#o.views());
        if (restored.failed.length) throw new Error('restore failed');
      });
    } finally {
      this.busy = false;
    }
  }
}
