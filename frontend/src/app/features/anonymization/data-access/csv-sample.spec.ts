import { delimiterKey, detectDelimiter, parseCsv, parseSample, readSample } from './csv-sample';

describe('CSV sample', () => {
  it('detects the delimiter of the header line, outside quotes', () => {
    expect(detectDelimiter('a,b,c\n1,2,3')).toBe(',');
    expect(detectDelimiter('a;b;c\n1,2;3')).toBe(';');
    expect(detectDelimiter('a\tb\tc')).toBe('\t');
    expect(detectDelimiter('a|b|c')).toBe('|');
    expect(detectDelimiter('"x,y,z";b;c')).toBe(';');
    expect(detectDelimiter('\ufeffa;b')).toBe(';');
    expect(detectDelimiter('\n\na|b')).toBe('|');
    expect(detectDelimiter('solo')).toBe(',');
    expect(delimiterKey('\t')).toBe('tab');
  });

  it('parses quotes, doubled quotes, delimiters and line breaks inside quotes, CRLF and blank lines', () => {
    const parsed = parseCsv('nombre,nota\r\n"Pérez, Ana","dijo ""hola""\nadiós"\r\n\r\nLuis,ok\n', ',');
    expect(parsed.records).toEqual([
      ['nombre', 'nota'],
      ['Pérez, Ana', 'dijo "hola"\nadiós'],
      ['Luis', 'ok'],
    ]);
    expect(parsed.lines).toEqual([1, 2, 5]);
    expect(parsed.endedCleanly).toBe(true);
  });

  it('keeps a quote inside an unquoted field as a character', () => {
    expect(parseCsv('a,b\n5"7,x', ',').records[1]).toEqual(['5"7', 'x']);
  });

  it('reads the header and the first rows, with their line numbers', () => {
    const text = ['\ufeffcurp;edad;municipio', 'AAAA000000HDFXXX00;34;09002', 'BBBB000000MDFXXX00;41;09003'].join('\n');
    const sample = parseSample(text, false);
    expect(sample.delimiter).toBe(';');
    expect(sample.header).toEqual(['curp', 'edad', 'municipio']);
    expect(sample.rows).toEqual([
      ['AAAA000000HDFXXX00', '34', '09002'],
      ['BBBB000000MDFXXX00', '41', '09003'],
    ]);
    expect(sample.lines).toEqual([2, 3]);
    expect(sample.more).toBe(false);
  });

  it('shows at most the first rows and says there are more', () => {
    const text = ['a,b', ...Array.from({ length: 30 }, (_, i) => `${i},x`)].join('\n');
    const sample = parseSample(text, false, 20);
    expect(sample.rows).toHaveLength(20);
    expect(sample.rows[19]).toEqual(['19', 'x']);
    expect(sample.lines[19]).toBe(21);
    expect(sample.more).toBe(true);
  });

  it('drops a last record cut in the middle when only the start of the file was read', () => {
    const sample = parseSample('a,b\n1,x\n2,y\n3,ha', true);
    expect(sample.rows).toEqual([
      ['1', 'x'],
      ['2', 'y'],
    ]);
    expect(sample.more).toBe(true);
    expect(parseSample('a,b\n1,x\n2,y\n3,ha', false).rows).toHaveLength(3);
  });

  it('reads the start of a file in the browser', async () => {
    const file = new File(['edad|sexo\n34|M\n41|F\n'], 'muestra.csv', { type: 'text/csv' });
    const sample = await readSample(file);
    expect(sample).toEqual({ delimiter: '|', header: ['edad', 'sexo'], rows: [['34', 'M'], ['41', 'F']], lines: [2, 3], more: false });
  });
});
