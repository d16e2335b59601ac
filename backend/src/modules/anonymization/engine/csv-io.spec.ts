import fc from 'fast-check';
import { parse } from 'csv-parse/sync';
import { AnonymizationError } from './errors';
import { formatCsvLine, readCsv, type Delimiter } from './csv-io';

/** Reads CSV bytes in chunks of `size` bytes; returns the records and their line numbers. */
async function read(text: string | Buffer, size = 7): Promise<{ records: string[][]; lines: number[]; delimiter: string }> {
  const bytes = Buffer.isBuffer(text) ? text : Buffer.from(text, 'utf8');
  const chunks: Buffer[] = [];
  for (let offset = 0; offset < bytes.length; offset += size) chunks.push(bytes.subarray(offset, offset + size));
  const records: string[][] = [];
  const lines: number[] = [];
  let delimiter = '';
  for await (const batch of readCsv(() => (async function* () {
    yield* chunks;
  })())) {
    records.push(...batch.records);
    lines.push(...batch.lines);
    delimiter = batch.delimiter;
  }
  return { records, lines, delimiter };
}

async function failure(text: string | Buffer): Promise<AnonymizationError> {
  try {
    await read(text);
  } catch (error) {
    if (error instanceof AnonymizationError) return error;
    throw error;
  }
  throw new Error('the reader accepted the input');
}

describe('readCsv', () => {
  it('detects the delimiter from the header and numbers physical lines', async () => {
    const { records, lines, delimiter } = await read('a|b\r\n1|2\r\n\r\n"x\ny"|3\n4|"5 ""five"""\n');
    expect(delimiter).toBe('|');
    expect(records).toEqual([['a', 'b'], ['1', '2'], ['x\ny', '3'], ['4', '5 "five"']]);
    expect(lines).toEqual([1, 2, 4, 6]);
  });

  it('keeps a multi-byte character split between chunks, and drops a BOM', async () => {
    const { records } = await read('\uFEFFnombre;edad\nPeña;30\nÑuñoa;41', 1);
    expect(records).toEqual([['nombre', 'edad'], ['Peña', '30'], ['Ñuñoa', '41']]);
  });

  it.each([
    ['a row with another number of cells', 'a,b\n1,2\n3\n', 3, /1 cells where the header has 2/],
    ['a character after a closing quote', 'a,b\n1,2\n"3"x,4\n', 3, /after a closing quote/],
    ['a quote never closed', 'a,b\n1,2\n\n"3,4\n5,6\n', 4, /never closed/],
    ['binary content', Buffer.concat([Buffer.from('a,b\n1,2\n'), Buffer.from([0, 1, 2])]), 3, /binary/],
  ])('refuses %s, naming the line', async (_name, text, line, message) => {
    const error = await failure(text);
    expect(error.code).toBe('INVALID_FILE');
    expect(error.problems[0]).toMatchObject({ path: 'file', line });
    expect(error.message).toMatch(message);
  });

  it('agrees with csv-parse on any well-formed CSV, in any chunking', async () => {
    const cell = fc.string({ unit: fc.constantFrom('a', 'ñ', ' ', '"', ',', ';', '\n', '\r\n', '1'), maxLength: 6 });
    await fc.assert(
      fc.asyncProperty(fc.constantFrom<Delimiter>(',', ';', '\t', '|'), fc.integer({ min: 2, max: 4 }), fc.array(fc.array(cell, { minLength: 4, maxLength: 4 }), { minLength: 1, maxLength: 8 }), fc.integer({ min: 1, max: 40 }), async (delimiter, width, body, size) => {
        const header = Array.from({ length: width }, (_, i) => `c${i}`);
        const rows = body.map((row) => row.slice(0, width)).filter((row) => row.join('') !== '' || width > 1);
        const text = [header, ...rows].map((row) => formatCsvLine(row, delimiter)).join('');
        const expected = parse(text, { delimiter, skip_empty_lines: true, relax_column_count: false }) as string[][];
        const { records } = await read(text, size);
        expect(records).toEqual(expected);
      }),
      { numRuns: 200 },
    );
  });
});
