import { describe, expect, it } from 'vitest';
import {
  CsvSyntaxError,
  decodeCsvBytes,
  detectDelimiter,
  formatCsvRow,
  guardFormula,
  isBlankRecord,
  parseCsv,
  unguardFormula,
  type CsvDelimiter,
} from '../../api/lib/csv.ts';
import { decodeWindows1250 } from '../../api/lib/windows-1250.ts';
import { encodeWindows1250 } from '../fixtures/csv-files.ts';

const rows = (text: string, d: CsvDelimiter = ',') => [...parseCsv(text, d)].map((r) => r.fields);

describe('parseCsv', () => {
  it('splits plain records on LF, CRLF and lone CR', () => {
    expect(rows('a,b\nc,d')).toEqual([['a', 'b'], ['c', 'd']]);
    expect(rows('a,b\r\nc,d\r\n')).toEqual([['a', 'b'], ['c', 'd']]);
    expect(rows('a,b\rc,d\r')).toEqual([['a', 'b'], ['c', 'd']]);
  });

  it('ignores one final line break but keeps blank lines in the middle as blank records', () => {
    expect(rows('a\n')).toEqual([['a']]);
    expect(rows('a\n\nb\n')).toEqual([['a'], [''], ['b']]);
    expect(rows('')).toEqual([]);
  });

  it('numbers records the way a spreadsheet numbers rows, even across quoted line breaks', () => {
    const records = [...parseCsv('h1,h2\n"multi\nline",x\n\nlast,y\n', ',')];
    expect(records.map((r) => r.row)).toEqual([1, 2, 3, 4]);
    expect(records[1]!.fields).toEqual(['multi\nline', 'x']);
  });

  it('reads quoted fields with delimiters, doubled quotes and CRLF inside', () => {
    expect(rows('"Novák, Jan";"Řekl ""ahoj""";"a\r\nb"\r\n', ';')).toEqual([['Novák, Jan', 'Řekl "ahoj"', 'a\r\nb']]);
    expect(rows('"";""', ';')).toEqual([['', '']]);
  });

  it('keeps empty fields, including a trailing one', () => {
    expect(rows('a,,c,')).toEqual([['a', '', 'c', '']]);
    expect(rows(',\n')).toEqual([['', '']]);
  });

  it('drops a leading BOM', () => {
    expect(rows('\uFEFFName;IČO\n', ';')).toEqual([['Name', 'IČO']]);
  });

  it('takes stray quotes literally, like Excel', () => {
    expect(rows('5" disk,ok')).toEqual([['5" disk', 'ok']]);
    expect(rows('"quoted"tail,x')).toEqual([['quotedtail', 'x']]);
  });

  it('reports a quote that is never closed with its row number', () => {
    const run = () => [...parseCsv('a,b\nc,"open\nd,e\n', ',')];
    expect(run).toThrow(CsvSyntaxError);
    try {
      run();
    } catch (e) {
      expect((e as CsvSyntaxError).row).toBe(2);
      expect((e as Error).message).toContain('Row 2');
    }
  });

  it('is lazy: the first record comes out before a later syntax error is reached', () => {
    const it = parseCsv('ok,1\n"broken', ',');
    expect(it.next().value).toEqual({ row: 1, fields: ['ok', '1'] });
    expect(() => it.next()).toThrow(CsvSyntaxError);
  });

  it('parses a large file quickly', () => {
    const line = 'Žlutý kůň s.r.o.;12345679;"Ulice 1; vchod B";Praha;110 00\r\n';
    const text = line.repeat(100_000);
    const started = performance.now();
    let count = 0;
    let fields = 0;
    for (const r of parseCsv(text, ';')) {
      count++;
      fields += r.fields.length;
    }
    const ms = performance.now() - started;
    console.log(`csv parse: ${count} records, ${(text.length / 1e6).toFixed(1)} M chars in ${ms.toFixed(0)} ms`);
    expect(count).toBe(100_000);
    expect(fields).toBe(500_000);
  });
});

describe('detectDelimiter', () => {
  it('picks the most frequent of ; , tab in the first record', () => {
    expect(detectDelimiter('Název;IČO;Město\nA, a.s.;1;2')).toBe(';');
    expect(detectDelimiter('name,regNo,city\n')).toBe(',');
    expect(detectDelimiter('a\tb\tc\n')).toBe('\t');
  });

  it('ignores delimiters inside quotes and prefers ; on a tie', () => {
    expect(detectDelimiter('"a,b,c";d\n')).toBe(';');
    expect(detectDelimiter('a;b,c\n')).toBe(';');
    expect(detectDelimiter('single\n')).toBe(',');
  });

  it('looks past blank lines at the top', () => {
    expect(detectDelimiter('\r\n\r\n  \na;b;c\n')).toBe(';');
    expect(detectDelimiter('\uFEFF\n\ta\tb\n')).toBe('\t');
  });
});

describe('decodeCsvBytes', () => {
  const czech = 'Příliš žluťoučký kůň úpěl ďábelské ódy; Šťastný Ěmil';

  it('reads UTF-8 with and without a BOM', () => {
    const utf8 = new TextEncoder().encode(czech);
    expect(decodeCsvBytes(utf8)).toEqual({ text: czech, encoding: 'utf-8', bom: false });
    const withBom = new Uint8Array([0xef, 0xbb, 0xbf, ...utf8]);
    expect(decodeCsvBytes(withBom)).toEqual({ text: czech, encoding: 'utf-8', bom: true });
  });

  it('falls back to Windows-1250 when the bytes are not valid UTF-8', () => {
    const bytes = encodeWindows1250(czech);
    expect(decodeCsvBytes(bytes)).toEqual({ text: czech, encoding: 'windows-1250', bom: false });
  });

  it('reads UTF-16LE with its BOM', () => {
    const body = new Uint8Array(czech.length * 2);
    for (let i = 0; i < czech.length; i++) {
      body[i * 2] = czech.charCodeAt(i) & 0xff;
      body[i * 2 + 1] = czech.charCodeAt(i) >> 8;
    }
    expect(decodeCsvBytes(new Uint8Array([0xff, 0xfe, ...body]))).toEqual({ text: czech, encoding: 'utf-16le', bom: true });
  });

  it('treats plain ASCII as UTF-8', () => {
    expect(decodeCsvBytes(new TextEncoder().encode('a;b')).encoding).toBe('utf-8');
  });
});

describe('decodeWindows1250', () => {
  it('matches the WHATWG decoder for every byte', () => {
    const all = new Uint8Array(256).map((_, i) => i);
    expect(decodeWindows1250(all)).toBe(new TextDecoder('windows-1250').decode(all));
  });

  it('decodes inputs longer than one slice', () => {
    const bytes = encodeWindows1250('č'.repeat(20_000));
    expect(decodeWindows1250(bytes)).toBe('č'.repeat(20_000));
  });
});

describe('formatCsvRow', () => {
  it('quotes only what needs it and doubles quotes', () => {
    expect(formatCsvRow(['a', 'b;c', 'say "hi"', 'two\nlines', ' padded', null, ''], ';')).toBe(
      'a;"b;c";"say ""hi""";"two\nlines";" padded";;\r\n',
    );
    expect(formatCsvRow(['a;b', 'c,d'], ',')).toBe('a;b,"c,d"\r\n');
  });

  it('round-trips through the parser', () => {
    const values = ['Žlutý kůň; s.r.o.', '"', '', 'a\r\nb', 'x'];
    const parsed = rows(formatCsvRow(values, ';'), ';');
    expect(parsed).toEqual([values]);
  });
});

describe('formula guard', () => {
  it('prefixes cells Excel would run as formulas, and the import takes the prefix off', () => {
    for (const v of ['=1+1', '+420 602 123 456', '-5', '@SUM(A1)']) {
      expect(guardFormula(v)).toBe(`'${v}`);
      expect(unguardFormula(guardFormula(v))).toBe(v);
    }
    expect(guardFormula('Praha')).toBe('Praha');
    expect(unguardFormula("'quoted on purpose")).toBe("'quoted on purpose");
  });
});

describe('isBlankRecord', () => {
  it('is true only when every field is empty or whitespace', () => {
    expect(isBlankRecord(['', ' '])).toBe(true);
    expect(isBlankRecord(['', 'x'])).toBe(false);
  });
});
