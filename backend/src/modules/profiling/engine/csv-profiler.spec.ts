import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { computeRfcCheckDigit, csvProfileSchema, CURP_STATE_CODES, syntheticCompanyRfc, syntheticCurp, type ColumnProfile, type CsvProfile } from '@convenio/contracts';
import type { CodeLookup } from './code-lookup';
import { structuralCodeLookup } from './code-lookup';
import { CsvProfiler, detectDelimiter, profileCsv, profileCsvStream, type CsvProfilerOptions } from './csv-profiler';
import { ProfilingError } from './errors';

// Invented people only: synthetic identifiers with valid structure and check digits.
const CONSONANTS = 'BCDFGHJKLMNPRSTVZ';
const VOWELS = 'AEIOU';
const NOW = new Date('2025-06-01T12:00:00Z');

const pad = (n: number, width = 2) => String(n).padStart(width, '0');
const pick = <T>(list: readonly T[] | string, i: number) => list[i % list.length] as T;

function curpOf(i: number): string {
  const year = 1945 + (i % 60);
  return syntheticCurp({
    initials: `${pick(CONSONANTS, i)}${pick(VOWELS, i >> 1)}${pick(CONSONANTS, i * 7 + 3)}Z`,
    birthDate: `${year}-${pad(1 + (i % 12))}-${pad(1 + (i % 28))}`,
    sex: i % 2 ? 'H' : 'M',
    stateCode: pick(CURP_STATE_CODES, i),
    consonants: `${pick(CONSONANTS, i + 1)}${pick(CONSONANTS, i + 5)}${pick(CONSONANTS, i + 9)}`,
  });
}

function personRfcOf(i: number, breakCheck = false): string {
  const body = `${pick(CONSONANTS, i)}${pick(VOWELS, i)}${pick(CONSONANTS, i + 2)}Z${pad(50 + (i % 40))}${pad(1 + (i % 12))}${pad(1 + (i % 28))}${pick('123456789ABC', i)}${pick('123456789XYZ', i + 4)}`;
  const check = computeRfcCheckDigit(body);
  return body + (breakCheck ? (check === '7' ? '8' : '7') : check);
}

function companyRfcOf(i: number): string {
  return syntheticCompanyRfc(`${pick(CONSONANTS, i + 3)}${pick(VOWELS, i)}${pick(CONSONANTS, i)}`, `${pad(i % 25)}${pad(1 + (i % 12))}${pad(1 + (i % 28))}`, `${pick('123456789ABC', i)}${pick('123456789XYZ', i)}`);
}

function csv(header: string[], rows: (string | number)[][], delimiter = ','): string {
  return [header.join(delimiter), ...rows.map((row) => row.join(delimiter))].join('\n') + '\n';
}

function run(text: string | Buffer, options: CsvProfilerOptions = {}): CsvProfile {
  return profileCsv(text, { now: NOW, ...options });
}

function failure(text: string | Buffer, options: CsvProfilerOptions = {}): ProfilingError {
  try {
    run(text, options);
  } catch (error) {
    if (error instanceof ProfilingError) return error;
    throw error;
  }
  throw new Error('expected a ProfilingError');
}

const column = (profile: CsvProfile, name: string): ColumnProfile => {
  const found = profile.columns.find((c) => c.name === name);
  if (!found) throw new Error(`no column ${name}`);
  return found;
};
const kinds = (c: ColumnProfile) => c.detected.map((d) => `${d.kind}:${d.confidence}`);
const codes = (c: ColumnProfile) => c.warnings.map((w) => w.code);

/** Every detected kind, each under a header that names it, plus plain typed columns. */
function peopleCsv(rows: number): string {
  const header = ['curp', 'rfc', 'correo', 'telefono', 'cve_ent', 'cve_mun', 'scian', 'fecha_nacimiento', 'cp', 'edad', 'ingreso', 'activo', 'alta', 'ultimo_acceso', 'nombre', 'comentario'];
  const body = Array.from({ length: rows }, (_, i) => [
    curpOf(i),
    i % 3 === 0 ? companyRfcOf(i) : personRfcOf(i, i % 10 === 1),
    `persona${i}@ejemplo.mx`,
    i % 2 ? `55${pad(10_000_000 + i * 17, 8)}` : `+52 33 ${pad(1000 + (i % 9000), 4)} ${pad(i % 10_000, 4)}`,
    pad(1 + (i % 32)),
    `${pad(1 + (i % 32))}${pad(1 + (i % 120), 3)}`,
    pick(['461110', '311811', '5412', '62', '931'], i),
    `${1950 + (i % 50)}-${pad(1 + (i % 12))}-${pad(1 + (i % 28))}`,
    pad(1000 + ((i * 37) % 98_000), 5),
    18 + (i % 60),
    `${1000 + i}.${pad(i % 100)}`,
    i % 2 ? 'sí' : 'no',
    `${pad(1 + (i % 28))}/${pad(1 + (i % 12))}/2024`,
    `2024-05-${pad(1 + (i % 28))}T10:${pad(i % 60)}:00Z`,
    `"Persona ${i}, de ""prueba"""`,
    i % 4 === 0 ? 'texto libre' : pick(['', 'NA', 'N/A', 'null', '-'], i),
  ]);
  return csv(header, body);
}

describe('CsvProfiler', () => {
  const profile = run(peopleCsv(400));

  it('answers the contract shape', () => {
    expect(csvProfileSchema.parse(profile)).toEqual(profile);
    expect(profile).toMatchObject({ rows: 400, sampledRows: 400, sampled: false, encoding: 'utf-8', bom: false, delimiter: ',', warnings: [] });
    expect(profile.columns.map((c) => c.index)).toEqual(profile.columns.map((_, i) => i));
  });

  it('detects every kind under a header that names it, with the identifier class it suggests', () => {
    const expected: Record<string, [string, ColumnProfile['suggestedIdentifierKind']]> = {
      curp: ['curp:high', 'direct'],
      rfc: ['rfc:high', 'direct'],
      correo: ['email:high', 'direct'],
      telefono: ['phone:high', 'direct'],
      cve_ent: ['inegi_state:high', 'quasi'],
      cve_mun: ['inegi_municipality:high', 'quasi'],
      scian: ['scian:high', 'quasi'],
      fecha_nacimiento: ['date_of_birth:high', 'quasi'],
      cp: ['postal_code:high', 'quasi'],
    };
    for (const [name, [kind, suggested]] of Object.entries(expected)) {
      const c = column(profile, name);
      expect({ name, kinds: kinds(c), suggested: c.suggestedIdentifierKind }).toEqual({ name, kinds: [kind], suggested });
      expect(c.detected[0].share).toBe(1);
    }
  });

  it('types code columns as text and infers the plain types', () => {
    for (const name of ['curp', 'rfc', 'correo', 'telefono', 'cve_ent', 'cve_mun', 'scian', 'cp', 'nombre']) expect(column(profile, name).inferredType).toBe('text');
    expect(column(profile, 'fecha_nacimiento').inferredType).toBe('date');
    expect(column(profile, 'edad').inferredType).toBe('integer');
    expect(column(profile, 'ingreso').inferredType).toBe('decimal');
    expect(column(profile, 'activo').inferredType).toBe('boolean');
    expect(column(profile, 'alta').inferredType).toBe('date');
    expect(column(profile, 'ultimo_acceso').inferredType).toBe('datetime');
    for (const name of ['edad', 'ingreso', 'activo', 'alta', 'ultimo_acceso', 'nombre']) expect(column(profile, name).suggestedIdentifierKind).toBe('none');
  });

  it('counts nulls (empty cells and markers) and exact distinct values', () => {
    const comment = column(profile, 'comentario');
    expect(comment.nullShare).toBe(0.75);
    expect(comment.distinctCount).toBe(1);
    expect(codes(comment)).toEqual(expect.arrayContaining(['MOSTLY_NULL', 'CONSTANT']));
    expect(column(profile, 'cve_ent').distinctCount).toBe(32);
    expect(column(profile, 'activo').distinctCount).toBe(2);
    expect(column(profile, 'curp').distinctCount).toBe(400);
    expect(column(profile, 'nombre').distinctCount).toBe(400);
    expect(codes(column(profile, 'nombre'))).toContain('UNIQUE_VALUES');
  });

  it('counts a failed RFC check character as an RFC, with a warning', () => {
    const rfc = column(profile, 'rfc');
    expect(codes(rfc)).toContain('RFC_CHECK_DIGIT');
    expect(rfc.warnings.find((w) => w.code === 'RFC_CHECK_DIGIT')?.message).toMatch(/^27 RFCs fail the check character/);
  });

  it('never echoes a value of the file', () => {
    const json = JSON.stringify(profile);
    for (const secret of [curpOf(5), personRfcOf(4), 'persona7@ejemplo.mx', 'Persona 3']) expect(json).not.toContain(secret);
  });

  it('reads a UTF-8 BOM, semicolons, decimal commas, and quoted delimiters and line breaks', () => {
    const text = '\uFEFFmunicipio;"nota; larga";monto\r\n' + Array.from({ length: 30 }, (_, i) => `Querétaro;"línea ${i};\r\ncon ""salto""";${i},5`).join('\r\n') + '\r\n';
    const result = run(text);
    expect(result).toMatchObject({ rows: 30, bom: true, encoding: 'utf-8', delimiter: ';' });
    expect(result.columns.map((c) => c.name)).toEqual(['municipio', 'nota; larga', 'monto']);
    expect(column(result, 'monto').inferredType).toBe('decimal');
    expect(column(result, 'municipio').distinctCount).toBe(1);
    expect(column(result, 'nota; larga').distinctCount).toBe(30);
  });

  it('reads Latin-1 (windows-1252) bytes', () => {
    const text = 'Población;Entidad;Monto €\n' + Array.from({ length: 20 }, (_, i) => `San José ${i};Querétaro;${i}`).join('\n') + '\n';
    const result = run(Buffer.from(text.replace('€', '\x80'), 'latin1'));
    expect(result.encoding).toBe('windows-1252');
    expect(result.columns.map((c) => c.name)).toEqual(['Población', 'Entidad', 'Monto €']);
    expect(column(result, 'Entidad').distinctCount).toBe(1);
    expect(run(text).encoding).toBe('utf-8');
  });

  it('reports the encoding of the whole file: ASCII rows then Latin-1', () => {
    const text = Buffer.concat([Buffer.from('a,b\n' + '1,x\n'.repeat(20)), Buffer.from('2,Quer\xe9taro\n', 'latin1')]);
    expect(run(text, { sampleRows: 5 }).encoding).toBe('windows-1252');
  });

  it('detects the delimiter from the header line, outside quotes', () => {
    expect(detectDelimiter(Buffer.from('a;b;c\n1,2;3;4'))).toBe(';');
    expect(detectDelimiter(Buffer.from('"a;b;c",d,e\n'))).toBe(',');
    expect(detectDelimiter(Buffer.from('a\tb\tc\n'))).toBe('\t');
    expect(detectDelimiter(Buffer.from('solo\n1\n'))).toBe(',');
  });

  it('profiles the first rows only but counts and checks all of them', () => {
    const text = peopleCsv(250);
    const result = run(text, { sampleRows: 100 });
    expect(result).toMatchObject({ rows: 250, sampledRows: 100, sampled: true });
    expect(result.warnings.map((w) => w.code)).toEqual(['SAMPLED']);
    expect(column(result, 'curp').distinctCount).toBe(100);
    const broken = text.trimEnd() + '\n1,2,3\n';
    expect(failure(broken, { sampleRows: 100 })).toMatchObject({ code: 'RAGGED_ROW', line: 252 });
  });

  it('gives the same profile however the bytes are chunked', async () => {
    const bytes = Buffer.from(peopleCsv(120));
    const whole = run(bytes);
    for (const size of [1, 7, 1000]) {
      const profiler = new CsvProfiler({ now: NOW });
      for (let at = 0; at < bytes.length; at += size) profiler.write(bytes.subarray(at, at + size));
      expect(profiler.end()).toEqual(whole);
    }
    async function* chunks() {
      for (let at = 0; at < bytes.length; at += 333) yield bytes.subarray(at, at + 333);
    }
    expect(await profileCsvStream(chunks(), { now: NOW })).toEqual(whole);
  });

  it('refuses what cannot be profiled, naming the line', () => {
    expect(failure('')).toMatchObject({ code: 'EMPTY_FILE' });
    expect(failure('\uFEFF')).toMatchObject({ code: 'EMPTY_FILE' });
    expect(failure('\n\r\n\n')).toMatchObject({ code: 'EMPTY_FILE' });
    expect(failure('a,b,c\n')).toMatchObject({ code: 'NO_DATA_ROWS', line: undefined });
    expect(failure('a,b,c\n\n')).toMatchObject({ code: 'NO_DATA_ROWS' });
    expect(failure('a,b\n1,2\n3\n4,5\n')).toMatchObject({ code: 'RAGGED_ROW', line: 3 });
    expect(failure('a,b\n1,2\n"3,4\n5,6\n')).toMatchObject({ code: 'UNTERMINATED_QUOTE', line: 3 });
    expect(failure(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00]))).toMatchObject({ code: 'BINARY_FILE' });
    expect(failure(Buffer.from('a,b\n1,2\n', 'utf16le'))).toMatchObject({ code: 'UNSUPPORTED_ENCODING' });
  });

  it('stops at the size limit, as soon as it is passed', () => {
    const profiler = new CsvProfiler({ maxBytes: 1000 });
    profiler.write(Buffer.from('a,b\n' + '1,2\n'.repeat(249)));
    expect(() => profiler.write(Buffer.from('3,4\n'))).toThrow(expect.objectContaining({ code: 'TOO_LARGE' }));
    expect(run('a,b\n' + '1,2\n'.repeat(249), { maxBytes: 1000 }).rows).toBe(249);
  });

  it('names headers that are empty or repeated', () => {
    const result = run('id,,id\n1,2,3\n');
    expect(result.columns.map((c) => c.name)).toEqual(['id', 'column_2', 'id']);
    expect(codes(result.columns[1])).toContain('EMPTY_NAME');
    expect(codes(result.columns[2])).toContain('DUPLICATE_NAME');
  });

  describe('without a header hint', () => {
    const rows = 200;
    const result = run(
      csv(
        ['a', 'b', 'c', 'd', 'e', 'f', 'fecha_registro', 'g'],
        Array.from({ length: rows }, (_, i) => [
          curpOf(i),
          pad(1000 * (1 + (i % 16)) + 600 + (i % 399), 5), // zero-padded five digits, none a municipality key (> 570)
          `55${pad(10_000_000 + i * 13, 8)}`,
          `${1940 + (i % 60)}-${pad(1 + (i % 12))}-${pad(1 + (i % 28))}`,
          pick(['01', '09', '14', '19', '32'], i),
          `${pad(1 + (i % 5))}/${pad(1 + (i % 12))}/2024`,
          `2023-${pad(1 + (i % 12))}-01`,
          pick(['01', '02', '07', '11', '12'], i),
        ]),
      ),
    );

    it('trusts structure that proves itself (CURP) with high confidence', () => {
      expect(kinds(column(result, 'a'))).toEqual(['curp:high']);
    });

    it('lists digit codes, bare phones and spread-out dates with low confidence and still suggests a class', () => {
      expect(kinds(column(result, 'b'))).toEqual(['postal_code:low']);
      expect(column(result, 'b').suggestedIdentifierKind).toBe('quasi');
      expect(codes(column(result, 'b'))).toContain('LOW_CONFIDENCE');
      expect(column(result, 'b').inferredType).toBe('text');
      expect(codes(column(result, 'b'))).toContain('LEADING_ZEROS');
      expect(kinds(column(result, 'c'))).toEqual(['phone:low']);
      expect(column(result, 'c').suggestedIdentifierKind).toBe('direct');
      expect(kinds(column(result, 'd'))).toEqual(['date_of_birth:low']);
      expect(kinds(column(result, 'e'))).toEqual(['inegi_state:low']);
    });

    it('does not call recent dates, registration dates or month-like numbers personal', () => {
      expect(kinds(column(result, 'f'))).toEqual([]);
      expect(kinds(column(result, 'fecha_registro'))).toEqual([]);
      expect(kinds(column(result, 'g'))).toEqual([]);
      for (const name of ['f', 'fecha_registro', 'g']) expect(column(result, name).suggestedIdentifierKind).toBe('none');
    });
  });

  it('applies the type threshold and reports the values that do not fit', () => {
    const mostly = Array.from({ length: 100 }, (_, i) => [i < 97 ? String(i + 10) : 'n.d.']);
    const integer = column(run(csv(['n'], mostly)), 'n');
    expect(integer).toMatchObject({ inferredType: 'integer', typeShare: 0.97 });
    expect(integer.warnings.find((w) => w.code === 'TYPE_MISMATCH')?.message).toBe('3 of 100 non-null values (3%) are not integer');
    const mixed = Array.from({ length: 100 }, (_, i) => [i < 90 ? String(i + 10) : 'texto']);
    expect(column(run(csv(['n'], mixed)), 'n')).toMatchObject({ inferredType: 'text', typeShare: 1 });
    const empty = column(run(csv(['x', 'y'], [['', 1], ['NA', 2]])), 'x');
    expect(empty).toMatchObject({ inferredType: 'text', typeShare: 0, nullShare: 1, distinctCount: 0, suggestedIdentifierKind: 'none' });
    expect(codes(empty)).toEqual(['ALL_NULL']);
  });

  it('reports partial matches and look-alike CURPs, and falls back on the header', () => {
    const rows = Array.from({ length: 100 }, (_, i) => [i < 60 ? curpOf(i) : i < 70 ? curpOf(i).slice(0, 17) + 'X' : 'sin dato', i < 50 ? 'XXXX********' : '']);
    const result = run(csv(['identificador', 'curp_enmascarada'], rows));
    const partial = column(result, 'identificador');
    expect(kinds(partial)).toEqual(['curp:low']);
    expect(partial.detected[0].share).toBe(0.6);
    expect(codes(partial)).toEqual(expect.arrayContaining(['PARTIAL_MATCH']));
    expect(partial.suggestedIdentifierKind).toBe('none');
    const masked = column(result, 'curp_enmascarada');
    expect(masked.suggestedIdentifierKind).toBe('direct');
    expect(codes(masked)).toContain('HEADER_ONLY');
    const lookAlikes = run(csv(['curp'], Array.from({ length: 20 }, (_, i) => [i < 18 ? curpOf(i) : `${curpOf(i).slice(0, 17)}${(Number(curpOf(i)[17]) + 1) % 10}`])));
    expect(codes(lookAlikes.columns[0])).toContain('CURP_INVALID');
  });

  it('asks the injected CodeLookup about codes (the seam for real catalogues)', () => {
    const onlyJalisco: CodeLookup = { ...structuralCodeLookup, isInegiState: (code) => code === '14' };
    const text = csv(['cve_ent'], Array.from({ length: 10 }, (_, i) => [i < 9 ? '14' : '15']));
    expect(column(run(text), 'cve_ent').detected[0].share).toBe(1);
    expect(column(run(text, { lookup: onlyJalisco }), 'cve_ent').detected[0].share).toBe(0.9);
  });
});

describe('the engine', () => {
  it('imports no NestJS (it is framework-free)', () => {
    for (const file of readdirSync(__dirname).filter((name) => name.endsWith('.ts'))) {
      expect({ file, nest: /from '@nestjs\//.test(readFileSync(join(__dirname, file), 'utf8')) }).toEqual({ file, nest: false });
    }
  });
});
