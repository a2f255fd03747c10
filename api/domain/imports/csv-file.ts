import { AppError } from '../../errors.ts';
import { CsvSyntaxError, decodeCsvBytes, detectDelimiter, isBlankRecord, parseCsv, type CsvDelimiter, type CsvEncoding, type CsvRecord } from '../../lib/csv.ts';
import { guessMapping, type ImportEntity } from './fields.ts';

/** An uploaded file, decoded, with what the wizard shows about it. */
export interface CsvFile {
  text: string;
  encoding: CsvEncoding;
  bom: boolean;
  delimiter: CsvDelimiter;
  hasHeader: boolean;
  /** Header cells, or "Column 1"… when the file has no header row. */
  headers: string[];
}

const fileError = (message: string) => new AppError('validation_failed', message, { fields: { file: message } });

/**
 * Decodes the bytes and reads the first record. `hasHeader` undefined means "guess": the
 * first row is a header when any of its cells is a known column name.
 */
export function openCsvFile(bytes: Uint8Array, entity: ImportEntity, hasHeader: boolean | undefined): CsvFile {
  if (bytes.length === 0) throw fileError('The file is empty.');
  const { text, encoding, bom } = decodeCsvBytes(bytes);
  if (text.includes('\u0000')) throw fileError('This is not a CSV file (it contains binary data). Save it from the spreadsheet as CSV.');
  const delimiter = detectDelimiter(text);
  let first: CsvRecord | undefined;
  try {
    for (const record of parseCsv(text, delimiter)) {
      if (!isBlankRecord(record.fields)) {
        first = record;
        break;
      }
    }
  } catch (e) {
    throw e instanceof CsvSyntaxError ? fileError(e.message) : e;
  }
  if (!first) throw fileError('The file is empty.');
  const cells = first.fields.map((f) => f.trim());
  const header = hasHeader ?? Object.keys(guessMapping(entity, cells)).length > 0;
  return {
    text,
    encoding,
    bom,
    delimiter,
    hasHeader: header,
    headers: header ? cells : cells.map((_, i) => `Column ${i + 1}`),
  };
}

/** The data records (header and blank lines left out), one at a time. */
export function* dataRecords(file: CsvFile): Generator<CsvRecord> {
  let headerSeen = !file.hasHeader;
  for (const record of parseCsv(file.text, file.delimiter)) {
    if (isBlankRecord(record.fields)) continue;
    if (!headerSeen) {
      headerSeen = true;
      continue;
    }
    yield record;
  }
}

/** Counts the data records, reading the whole file: a syntax error anywhere is a 400 here. */
export function countDataRecords(file: CsvFile): number {
  let n = 0;
  try {
    for (const _record of dataRecords(file)) n++;
  } catch (e) {
    throw e instanceof CsvSyntaxError ? fileError(e.message) : e;
  }
  return n;
}
