import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

// Embedded libSQL (0.5.29, and the 0.6 pre-releases alike) frees a closed database's
// connection, its three file descriptors and its page cache, only once the garbage collector
// has finalized every statement prepared on it: each statement holds the connection. V8 sees
// only the statements' small wrappers, so a server that cycles through many workspaces runs
// out of descriptors and memory long before the heap asks for a collection (about 1.5 MB and
// 3 descriptors per closed tenant, measured). So, after every few closes, ask for a major
// collection, run off the current task so the close itself stays cheap.

type Gc = (options?: { type?: 'major' | 'minor'; execution?: 'sync' | 'async' }) => unknown;

let gc: Gc | null | undefined;

/** `global.gc`, exposed at run time when the process was not started with --expose-gc. */
function loadGc(): Gc | null {
  const exposed = (globalThis as { gc?: Gc }).gc;
  if (exposed) return exposed;
  try {
    // The same route jest's leak detector takes: the flag makes new contexts carry `gc`.
    setFlagsFromString('--expose-gc');
    return runInNewContext('gc') as Gc;
  } catch {
    return null;
  }
}

/** Closes counted since the last collection; a collection every `EVERY` keeps the backlog small. */
const EVERY = 32;
let pending = 0;

/** Call after closing an embedded database. */
export function closedOne(): void {
  if (++pending < EVERY) return;
  pending = 0;
  gc ??= loadGc();
  void gc?.({ type: 'major', execution: 'async' });
}
