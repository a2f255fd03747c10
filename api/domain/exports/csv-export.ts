import { formatCsvRow, guardFormula } from '../../lib/csv.ts';

/** Rows per database page while streaming: one keyset query each, never the whole list in memory. */
export const EXPORT_PAGE = 1000;

export type ExportLang = 'en' | 'cs';

export interface ExportColumn<T> {
  en: string;
  cs: string;
  value(item: T): string | null;
}

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

const BOM = '\uFEFF';

/**
 * A CSV that Czech Excel opens as is: UTF-8 with a BOM, `;`-separated, CRLF, cells that
 * Excel would run as formulas prefixed with an apostrophe. The first page is read before the
 * stream exists, so a bad query still gets a proper error status; later pages are read as
 * the client consumes the stream.
 */
export async function exportCsv<T>(
  fetchPage: (cursor: string | undefined) => Promise<Page<T>>,
  columns: readonly ExportColumn<T>[],
  lang: ExportLang,
): Promise<ReadableStream<Uint8Array>> {
  const encoder = new TextEncoder();
  const render = (items: T[]) => {
    let out = '';
    for (const item of items) out += formatCsvRow(columns.map((c) => guardCell(c.value(item))), ';');
    return encoder.encode(out);
  };
  const first = await fetchPage(undefined);
  let cursor = first.nextCursor;
  let started = false;
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      if (!started) {
        started = true;
        controller.enqueue(encoder.encode(BOM + formatCsvRow(columns.map((c) => c[lang]), ';')));
        controller.enqueue(render(first.items));
        if (cursor === null) controller.close();
        return;
      }
      if (cursor === null) {
        controller.close();
        return;
      }
      const page = await fetchPage(cursor);
      cursor = page.nextCursor;
      controller.enqueue(render(page.items));
      if (cursor === null) controller.close();
    },
  });
}

const guardCell = (v: string | null) => (v === null ? null : guardFormula(v));
