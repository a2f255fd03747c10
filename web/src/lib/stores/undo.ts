import { toast } from 'svelte-sonner';
import { describeError } from '../errors.ts';
import { i18n } from '../i18n/index.svelte.ts';

/** A success toast whose Undo button runs `undo`; says so when undoing fails. */
export function toastWithUndo(message: string, undo: () => Promise<void>, failedMessage?: string): void {
  const id = toast.success(message, {
    duration: 8000,
    action: {
      label: i18n.t.records.undo,
      onClick: () => {
        undo()
          .then(() => toast.success(i18n.t.records.undone, { id }))
          .catch(() => toast.error(failedMessage ?? i18n.t.records.undoFailed, { id }));
      },
    },
  });
}

/** An error toast with the API's reason in the user's language. */
export function toastError(error: unknown): void {
  toast.error(describeError(error, i18n.t));
}

/** Runs `fn` on every item, a few at a time; reports which succeeded and which failed. */
export async function runAll<T, R>(
  items: readonly T[],
  fn: (item: T) => Promise<R>,
  concurrency = 6,
): Promise<{ done: { item: T; result: R }[]; failed: { item: T; error: unknown }[] }> {
  const done: { item: T; result: R }[] = [];
  const failed: { item: T; error: unknown }[] = [];
  let next = 0;
  async function worker() {
    while (next < items.length) {
      const item = items[next++] as T;
      try {
        done.push({ item, result: await fn(item) });
      } catch (error) {
        failed.push({ item, error });
      }
    }
  }
  await Promise.all(Array.from({ length: Math.min(concurrency, items.length) }, worker));
  return { done, failed };
}
