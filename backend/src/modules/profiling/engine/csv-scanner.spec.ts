import { parse } from 'csv-parse/sync';
import fc from 'fast-check';
import { CELL_ESCAPED, CsvScanner } from './csv-scanner';
import { ProfilingError } from './errors';

/** Scans `text` in chunks of `chunkSize` bytes and returns the kept records as strings. */
function scanAll(text: string, options: { delimiter?: string; chunkSize?: number; sampleRows?: number; sampleMaxBytes?: number } = {}) {
  const bytes = Buffer.from(text, 'utf8');
  const scanner = new CsvScanner({ delimiter: (options.delimiter ?? ',').charCodeAt(0), sampleRows: options.sampleRows ?? 1_000_000, sampleMaxBytes: options.sampleMaxBytes ?? 1 << 30 });
  const size = options.chunkSize ?? bytes.length;
  for (let at = 0; at < bytes.length; at += size) scanner.scan(bytes.subarray(at, Math.min(bytes.length, at + size)));
  scanner.finish();
  const records: string[][] = [];
  for (let i = 0; i < scanner.starts.length; i += scanner.columns) {
    const record: string[] = [];
    for (let j = 0; j < scanner.columns; j++) {
      const value = bytes.toString('utf8', scanner.starts[i + j], scanner.ends[i + j]);
      record.push(scanner.flags[i + j] & CELL_ESCAPED ? value.replaceAll('""', '"') : value);
    }
    records.push(record);
  }
  return { scanner, records };
}

function scanError(text: string, chunkSize?: number): ProfilingError {
  try {
    scanAll(text, { chunkSize });
  } catch (error) {
    if (error instanceof ProfilingError) return error;
    throw error;
  }
  throw new Error('expected a ProfilingError');
}

describe('CsvScanner', () => {
  it('splits records and fields, with quoted delimiters, line breaks and doubled quotes', () => {
    const { scanner, records } = scanAll('nombre,nota\n"Pérez, Ana","dijo ""hola""\nadiós"\nLuis,\n');
    expect(records).toEqual([
      ['nombre', 'nota'],
      ['Pérez, Ana', 'dijo "hola"\nadiós'],
      ['Luis', ''],
    ]);
    expect(scanner.dataRows).toBe(2);
    expect(scanner.columns).toBe(2);
  });

  it('reads CRLF, lone CR and a missing final line break alike', () => {
    for (const text of ['a;b\r\n1;2\r\n3;4', 'a;b\r1;2\r3;4\r', 'a;b\n1;2\n3;4\n']) {
      expect(scanAll(text, { delimiter: ';' }).records).toEqual([
        ['a', 'b'],
        ['1', '2'],
        ['3', '4'],
      ]);
    }
  });

  it('skips blank lines and counts them', () => {
    const { scanner, records } = scanAll('\n\na,b\n1,2\n\n\r\n3,4\n\n');
    expect(records).toHaveLength(3);
    expect(scanner.blankLines).toBe(5);
    expect(scanner.headerLine).toBe(3);
  });

  it('keeps a quote inside an unquoted field as a character', () => {
    expect(scanAll('medida,x\n5\'10",1\n').records[1]).toEqual(['5\'10"', '1']);
  });

  it('gives the same result whatever the chunk size (split CRLF, quotes, fields)', () => {
    const text = 'a,b,c\r\n"x,""y""",2,3\r\n"line\r\nbreak",,"q"\r\n';
    const whole = scanAll(text).records;
    for (const size of [1, 2, 3, 5, 7]) expect(scanAll(text, { chunkSize: size }).records).toEqual(whole);
  });

  it('names the line of a ragged row, counting lines inside quoted fields', () => {
    const error = scanError('a,b,c\n1,2,3\n"multi\nline",2,3\n4,5\n');
    expect(error.code).toBe('RAGGED_ROW');
    expect(error.line).toBe(5);
    expect(error.message).toBe('Line 5 has 2 fields; the header (line 1) has 3');
    const tooMany = scanError('a,b\n1,2\n1,2,3\n', 1);
    expect(tooMany.code).toBe('RAGGED_ROW');
    expect(tooMany.line).toBe(3);
  });

  it('names the line where an unterminated quote opens', () => {
    const error = scanError('a,b\n1,2\n3,"never closed\n4,5\n6,7\n');
    expect(error.code).toBe('UNTERMINATED_QUOTE');
    expect(error.line).toBe(3);
  });

  it('refuses text after a closing quote, on its line', () => {
    const error = scanError('a,b\n1,"x"y\n');
    expect(error.code).toBe('INVALID_QUOTE');
    expect(error.line).toBe(2);
  });

  it('refuses NUL bytes', () => {
    expect(scanError('a,b\n1,2\n3,\u0000\n').code).toBe('BINARY_FILE');
  });

  it('keeps only the sample, but counts every row', () => {
    const text = ['a,b', ...Array.from({ length: 50 }, (_, i) => `${i},${i * 2}`)].join('\n');
    const { scanner, records } = scanAll(text, { sampleRows: 10, chunkSize: 7 });
    expect(scanner.dataRows).toBe(50);
    expect(scanner.sampledRows).toBe(10);
    expect(records).toHaveLength(11);
    expect(records[10]).toEqual(['9', '18']);
    expect(Buffer.from(text).toString('utf8', 0, scanner.sampleEnd).endsWith('9,18')).toBe(true);
  });

  it('stops the sample at its byte budget, keeping whole records only', () => {
    const text = ['a,b', ...Array.from({ length: 100 }, (_, i) => `${i},${'x'.repeat(20)}`)].join('\n');
    const { scanner, records } = scanAll(text, { sampleMaxBytes: 200, chunkSize: 13 });
    expect(scanner.sampleCutBySize).toBe(true);
    expect(scanner.dataRows).toBe(100);
    expect(scanner.sampledRows).toBeLessThan(100);
    expect(records).toHaveLength(scanner.sampledRows + 1);
    for (const record of records.slice(1)) expect(record[1]).toBe('x'.repeat(20));
  });

  it('agrees with csv-parse on any well-formed CSV, in any chunking', () => {
    const cell = fc.string({ unit: fc.constantFrom('a', 'Ñ', 'é', ' ', ',', ';', '"', '\n', '\r\n', '1', '-'), maxLength: 8 });
    fc.assert(
      fc.property(
        fc.integer({ min: 2, max: 5 }).chain((columns) => fc.array(fc.array(cell, { minLength: columns, maxLength: columns }), { minLength: 1, maxLength: 12 })),
        fc.constantFrom(',', ';'),
        fc.integer({ min: 1, max: 40 }),
        fc.constantFrom('\n', '\r\n'),
        (table, delimiter, chunkSize, newline) => {
          const quote = (value: string) => (value === '' || /[",;\r\n]/.test(value) || value.startsWith(' ') ? `"${value.replaceAll('"', '""')}"` : value);
          const text = table.map((record) => record.map(quote).join(delimiter)).join(newline) + newline;
          const expected = parse(text, { delimiter, relax_quotes: true, skip_empty_lines: true }) as string[][];
          expect(scanAll(text, { delimiter, chunkSize }).records).toEqual(expected);
        },
      ),
      { numRuns: 300 },
    );
  });
});
