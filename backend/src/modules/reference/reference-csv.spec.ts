import { resolve } from 'node:path';
import { parseCsv, parseCsvRecords } from './reference-csv';
import { parseScian, readReferenceData } from './reference-data';

describe('parseCsv', () => {
  it('splits plain fields and lines, with or without a final line break', () => {
    expect(parseCsv('a,b,c\n1,2,3\n')).toEqual([['a', 'b', 'c'], ['1', '2', '3']]);
    expect(parseCsv('a,b\n1,2')).toEqual([['a', 'b'], ['1', '2']]);
    expect(parseCsv('a,b\r\n1,2\r\n')).toEqual([['a', 'b'], ['1', '2']]);
  });

  it('keeps commas, doubled quotes and line breaks inside quoted fields', () => {
    const text = '11,sector,"Agricultura, cría y explotación de animales",,11\n1,"dice ""hola""","dos\nlíneas"\n';
    expect(parseCsv(text)).toEqual([
      ['11', 'sector', 'Agricultura, cría y explotación de animales', '', '11'],
      ['1', 'dice "hola"', 'dos\nlíneas'],
    ]);
  });

  it('keeps empty fields, including a quoted empty one and a trailing one', () => {
    expect(parseCsv('a,,"",\n')).toEqual([['a', '', '', '']]);
  });

  it('ignores a byte-order mark and returns nothing for an empty text', () => {
    expect(parseCsv('\ufeffcodigo,nivel\n')).toEqual([['codigo', 'nivel']]);
    expect(parseCsv('')).toEqual([]);
  });

  it('rejects malformed quoting, naming the line', () => {
    expect(() => parseCsv('a,b\n1,"abierto\n')).toThrow(/line 3: unterminated/);
    expect(() => parseCsv('a,b\n1,x"y\n')).toThrow(/line 2: a quote inside an unquoted field/);
    expect(() => parseCsv('"a"b,c\n')).toThrow(/line 1: text after a closing quote/);
  });
});

describe('parseCsvRecords', () => {
  it('keys each row by the header', () => {
    expect(parseCsvRecords('codigo,titulo\n311,"Industria alimentaria, bebidas"\n')).toEqual([{ codigo: '311', titulo: 'Industria alimentaria, bebidas' }]);
  });

  it('fails on a row with another number of fields, or a missing column', () => {
    expect(() => parseCsvRecords('a,b\n1,2,3\n')).toThrow(/row 2 has 3 fields, the header has 2/);
    expect(() => parseCsvRecords('a,b\n1,2\n', ['a', 'c'])).toThrow(/lacks the column c/);
    expect(() => parseCsvRecords('')).toThrow(/empty/);
  });
});

describe('reference files', () => {
  const data = readReferenceData(resolve(__dirname, '..', '..', '..', 'data', 'reference'));

  it('hold 32 states, 2,478 municipalities and every SCIAN level', () => {
    expect(data.states).toHaveLength(32);
    expect(data.municipalities).toHaveLength(2478);
    const byLevel = Object.fromEntries(['sector', 'subsector', 'rama', 'subrama', 'clase'].map((level) => [level, data.scian.filter((row) => row.level === level).length]));
    expect(byLevel).toEqual({ sector: 20, subsector: 94, rama: 306, subrama: 615, clase: 1084 });
  });

  it('parse titles with commas whole', () => {
    expect(data.scian.find((row) => row.code === '11')?.title).toBe('Agricultura, cría y explotación de animales, aprovechamiento forestal, pesca y caza');
    expect(data.municipalities.find((row) => row.code === '20549')?.name).toBe('Heroica Villa Tezoatlán de Segura y Luna, Cuna de la Independencia de Oaxaca');
  });

  it('state municipality counts agree with the municipality list', () => {
    for (const state of data.states) {
      expect({ state: state.code, count: data.municipalities.filter((row) => row.stateCode === state.code).length }).toEqual({ state: state.code, count: state.municipalityCount });
    }
  });

  it('reject a SCIAN row with an unknown level, naming the row', () => {
    expect(() => parseScian('codigo,nivel,titulo,codigo_padre,sector\n11,sector,Agro,,11\n111,grupo,X,11,11\n')).toThrow(/row 3: nivel "grupo"/);
  });
});
