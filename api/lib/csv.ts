// CSV as spreadsheets write it (RFC 4180 plus what Excel does in practice): decoding,
// delimiter detection, a record-by-record parser and the writer used by exports.
import { decodeWindows1250 } from './windows-1250.ts';

export type CsvEncoding = 'utf-8' | 'windows-1250' | 'utf-16le';
export type CsvDelimiter = ',' | ';' | '\t';

export interface DecodedText {
  text: string;
  encoding: CsvEncoding;
  /** Whether the file started with a byte-order mark (Excel's "CSV UTF-8" does). */
  bom: boolean;
}

/**
 * Bytes → text. A BOM decides; otherwise the file is UTF-8 if it decodes as valid UTF-8 and
 * Windows-1250 if not (Czech Excel's "CSV" is Windows-1250, and its bytes for č, ř, ž… are
 * never valid UTF-8 in the sequences real text produces).
 */
export function decodeCsvBytes(bytes: Uint8Array): DecodedText {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
    return { text: new TextDecoder('utf-8').decode(bytes.subarray(3)), encoding: 'utf-8', bom: true };
  }
  if (bytes[0] === 0xff && bytes[1] === 0xfe) {
    // Excel's "Unicode text" export.
    return { text: new TextDecoder('utf-16le').decode(bytes.subarray(2)), encoding: 'utf-16le', bom: true };
  }
  try {
    return { text: new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes), encoding: 'utf-8', bom: false };
  } catch {
    return { text: decodeWindows1250(bytes), encoding: 'windows-1250', bom: false };
  }
}

const QUOTE = 0x22;
const LF = 0x0a;
const CR = 0x0d;
const CANDIDATES: readonly CsvDelimiter[] = [';', ',', '\t'];

/**
 * The delimiter of the first non-blank record (quotes respected): whichever of `;` `,` tab occurs most
 * often there, `;` winning ties as Czech Excel writes it; `,` when none occurs (one column).
 */
export function detectDelimiter(text: string): CsvDelimiter {
  const counts = new Map<number, number>(CANDIDATES.map((d) => [d.charCodeAt(0), 0]));
  let quoted = false;
  let start = 0;
  // Blank lines before the header say nothing about the delimiter.
  while (start < text.length && /[\r\n \uFEFF]/.test(text[start]!)) start++;
  for (let i = start; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === QUOTE) quoted = !quoted;
    else if (!quoted && (c === LF || c === CR)) break;
    else if (!quoted && counts.has(c)) counts.set(c, counts.get(c)! + 1);
  }
  let best: CsvDelimiter = ',';
  let bestCount = 0;
  for (const d of CANDIDATES) {
    const n = counts.get(d.charCodeAt(0))!;
    if (n > bestCount) {
      best = d;
      bestCount = n;
    }
  }
  return best;
}

export interface CsvRecord {
  /** 1-based number of the record in the file, as a spreadsheet numbers its rows. */
  row: number;
  fields: string[];
}

export class CsvSyntaxError extends Error {
  readonly row: number;
  constructor(row: number, message: string) {
    super(message);
    this.name = 'CsvSyntaxError';
    this.row = row;
  }
}

/**
 * Yields one record at a time, so a large file is never held as rows all at once. Quoted
 * fields may hold delimiters, doubled quotes and line breaks; CRLF, LF and lone CR all end a
 * record; a leading BOM and a final line break are ignored. Like Excel, a quote inside an
 * unquoted field and text after a closing quote are taken literally. A quote that is never
 * closed is an error: it would otherwise swallow the rest of the file silently.
 */
export function* parseCsv(text: string, delimiter: CsvDelimiter): Generator<CsvRecord> {
  const d = delimiter.charCodeAt(0);
  const n = text.length;
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  let row = 0;
  const untilBreak = (from: number) => {
    let k = from;
    while (k < n) {
      const c = text.charCodeAt(k);
      if (c === d || c === LF || c === CR) break;
      k++;
    }
    return k;
  };
  while (i < n) {
    row++;
    const fields: string[] = [];
    for (;;) {
      if (text.charCodeAt(i) === QUOTE) {
        let value = '';
        let j = i + 1;
        for (;;) {
          const q = text.indexOf('"', j);
          if (q === -1) throw new CsvSyntaxError(row, `Row ${row}: a quoted field is never closed.`);
          value += text.slice(j, q);
          if (text.charCodeAt(q + 1) === QUOTE) {
            value += '"';
            j = q + 2;
            continue;
          }
          i = q + 1;
          break;
        }
        const k = untilBreak(i);
        fields.push(k > i ? value + text.slice(i, k) : value);
        i = k;
      } else {
        const k = untilBreak(i);
        fields.push(text.slice(i, k));
        i = k;
      }
      if (i >= n) break;
      const c = text.charCodeAt(i);
      if (c === d) {
        i++;
        if (i >= n) {
          fields.push('');
          break;
        }
        continue;
      }
      i += c === CR && text.charCodeAt(i + 1) === LF ? 2 : 1;
      break;
    }
    yield { row, fields };
  }
}

/** A record with nothing in it (a blank line, or only delimiters). */
export const isBlankRecord = (fields: readonly string[]) => fields.every((f) => f.trim() === '');

// Excel runs a cell that starts with one of these as a formula ("CSV injection"); exports
// prefix such cells with an apostrophe, and imports take it off again.
const FORMULA_START = /^[=+\-@\t\r]/;

export function guardFormula(value: string): string {
  return FORMULA_START.test(value) ? `'${value}` : value;
}

export function unguardFormula(value: string): string {
  return value.startsWith("'") && FORMULA_START.test(value.slice(1)) ? value.slice(1) : value;
}

/** One CSV line (CRLF-terminated), quoting only where needed. `null` is an empty cell. */
export function formatCsvRow(values: readonly (string | null)[], delimiter: CsvDelimiter): string {
  let line = '';
  for (let i = 0; i < values.length; i++) {
    if (i > 0) line += delimiter;
    const v = values[i];
    if (v === null || v === undefined || v === '') continue;
    const needsQuotes = v.includes(delimiter) || v.includes('"') || v.includes('\n') || v.includes('\r') || v.trim() !== v;
    line += needsQuotes ? `"${v.replaceAll('"', '""')}"` : v;
  }
  return `${line}\r\n`;
}
