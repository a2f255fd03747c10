import { SvelteSet } from 'svelte/reactivity';
import { missingIds } from './rows.ts';

/** Row selection for bulk actions: toggle, shift-click ranges, select all loaded rows. */
export class Selection {
  readonly ids = new SvelteSet<string>();
  /** Index of the last row toggled without shift: the anchor of a shift-click range. */
  #anchor: number | null = null;

  get size(): number {
    return this.ids.size;
  }

  has(id: string): boolean {
    return this.ids.has(id);
  }

  /** Toggles row `index`; with `range`, sets every row from the anchor to it to the anchor's new state. */
  toggle(rows: readonly { id: string }[], index: number, range: boolean): void {
    const row = rows[index];
    if (!row) return;
    if (range && this.#anchor !== null && this.#anchor < rows.length) {
      const anchorRow = rows[this.#anchor];
      const select = anchorRow ? this.ids.has(anchorRow.id) : true;
      const [from, to] = this.#anchor < index ? [this.#anchor, index] : [index, this.#anchor];
      for (let i = from; i <= to; i++) {
        const id = rows[i]?.id;
        if (!id) continue;
        if (select) this.ids.add(id);
        else this.ids.delete(id);
      }
      return;
    }
    if (this.ids.has(row.id)) this.ids.delete(row.id);
    else this.ids.add(row.id);
    this.#anchor = index;
  }

  setAll(rows: readonly { id: string }[], select: boolean): void {
    if (select) for (const row of rows) this.ids.add(row.id);
    else this.ids.clear();
    this.#anchor = null;
  }

  clear(): void {
    this.ids.clear();
    this.#anchor = null;
  }

  /** Keeps only ids still present (after rows left the list). */
  retain(rows: readonly { id: string }[]): void {
    for (const id of missingIds(this.ids, rows)) this.ids.delete(id);
  }
}
