import { MediaQuery } from 'svelte/reactivity';

/** The narrowest screen a column still fits on. */
export type ColumnFit = 'md' | 'lg' | 'xl';

/**
 * Which optional columns a list shows, remembered per list in this browser (a personal preference,
 * unlike the search and filters, which live in the URL to be shared).
 */
export class ColumnPrefs {
  hidden = $state<string[]>([]);
  readonly #key: string;
  readonly #screens = { md: new MediaQuery('(min-width: 768px)'), lg: new MediaQuery('(min-width: 1024px)'), xl: new MediaQuery('(min-width: 1280px)') };

  constructor(list: string, hiddenByDefault: readonly string[] = []) {
    this.#key = `tandem.columns.${list}`;
    let saved: unknown = null;
    try {
      saved = JSON.parse(localStorage.getItem(this.#key) ?? 'null');
    } catch {
      // unreadable or blocked storage: defaults
    }
    this.hidden = Array.isArray(saved) ? saved.filter((x): x is string => typeof x === 'string') : [...hiddenByDefault];
  }

  shown(key: string): boolean {
    return !this.hidden.includes(key);
  }

  /** The columns to draw now: chosen by the user and wide enough a screen for them. */
  visible<C extends { key: string; fit?: ColumnFit }>(columns: readonly C[]): C[] {
    return columns.filter((c) => this.shown(c.key) && (!c.fit || this.#screens[c.fit].current));
  }

  toggle(key: string, show: boolean): void {
    this.hidden = show ? this.hidden.filter((k) => k !== key) : [...this.hidden.filter((k) => k !== key), key];
    try {
      localStorage.setItem(this.#key, JSON.stringify(this.hidden));
    } catch {
      // kept for this page only
    }
  }
}
