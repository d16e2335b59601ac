import { request as httpRequest, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { INestApplication } from '@nestjs/common';
import {
  computeRfcCheckDigit,
  csvProfileSchema,
  CURP_STATE_CODES,
  errorResponseSchema,
  PROFILE_MAX_BYTES,
  PROFILE_SAMPLE_ROWS,
  syntheticCompanyRfc,
  syntheticCurp,
  type ColumnProfile,
  type CsvProfile,
} from '@convenio/contracts';
import request from 'supertest';
import { createTestApp } from '../support/create-app';
import { bearer, login, PERSONAS, type Session } from '../support/personas';

// Invented people only: synthetic identifiers with valid structure and check digits.
const CONSONANTS = 'BCDFGHJKLMNPRSTVZ';
const VOWELS = 'AEIOU';
const pad = (n: number, width = 2) => String(n).padStart(width, '0');
const pick = <T>(list: readonly T[] | string, i: number) => list[i % list.length] as T;

function curpOf(i: number): string {
  return syntheticCurp({
    initials: `${pick(CONSONANTS, i)}${pick(VOWELS, i >> 1)}${pick(CONSONANTS, i * 7 + 3)}Z`,
    birthDate: `${1945 + (i % 60)}-${pad(1 + (i % 12))}-${pad(1 + (i % 28))}`,
    sex: i % 2 ? 'H' : 'M',
    stateCode: pick(CURP_STATE_CODES, i),
    consonants: `${pick(CONSONANTS, i + 1)}${pick(CONSONANTS, i + 5)}${pick(CONSONANTS, i + 9)}`,
  });
}

/** Persona física (13 characters) or, every third row, persona moral (12). */
function rfcOf(i: number): string {
  if (i % 3 === 0) return syntheticCompanyRfc(`${pick(CONSONANTS, i + 3)}${pick(VOWELS, i)}${pick(CONSONANTS, i)}`, `${pad(i % 25)}${pad(1 + (i % 12))}${pad(1 + (i % 28))}`, `${pick('123456789AB', i)}${pick('123456789XY', i)}`);
  const body = `${pick(CONSONANTS, i)}${pick(VOWELS, i)}${pick(CONSONANTS, i + 2)}Z${pad(50 + (i % 40))}${pad(1 + (i % 12))}${pad(1 + (i % 28))}${pick('123456789ABC', i)}${pick('123456789XYZ', i + 4)}`;
  return body + computeRfcCheckDigit(body);
}

const HEADER = ['curp', 'rfc', 'correo', 'telefono', 'cve_ent', 'cve_mun', 'scian', 'fecha_nacimiento', 'codigo_postal', 'edad', 'ingreso', 'nombre'];

function peopleRow(i: number): string[] {
  return [
    curpOf(i),
    rfcOf(i),
    `persona${i}@ejemplo.mx`,
    `55${pad(10_000_000 + i * 17, 8)}`,
    pad(1 + (i % 32)),
    `${pad(1 + (i % 32))}${pad(1 + (i % 120), 3)}`,
    pick(['461110', '311811', '5412', '62'], i),
    `${1950 + (i % 50)}-${pad(1 + (i % 12))}-${pad(1 + (i % 28))}`,
    pad(1000 + ((i * 37) % 98_000), 5),
    String(18 + (i % 60)),
    `${1000 + i}.${pad(i % 100)}`,
    `"Persona ${i}, prueba"`,
  ];
}

function peopleCsv(rows: number, delimiter = ','): string {
  return [HEADER.join(delimiter), ...Array.from({ length: rows }, (_, i) => peopleRow(i).join(delimiter))].join('\n') + '\n';
}

const column = (profile: CsvProfile, name: string): ColumnProfile => profile.columns.find((c) => c.name === name) as ColumnProfile;

// Some uploads here are 50 MB.
jest.setTimeout(60_000);

describe('POST /api/v1/catalog/profile', () => {
  let app: INestApplication;
  let steward: Session;
  let official: Session;
  const http = () => request(app.getHttpServer());
  const upload = (body: Buffer | string, options: { field?: string; filename?: string; session?: Session } = {}) =>
    http()
      .post('/api/v1/catalog/profile')
      .set(bearer(options.session ?? steward))
      .attach(options.field ?? 'file', Buffer.isBuffer(body) ? body : Buffer.from(body, 'utf8'), { filename: options.filename ?? 'datos.csv', contentType: 'text/csv' });

  /** 400/413 in the project's error shape, with one detail; returns that detail. */
  async function expectError(response: request.Response, status: number, path: string | RegExp): Promise<{ path: string; message: string; code?: string }> {
    expect({ status: response.status, body: response.body }).toMatchObject({ status });
    const body = errorResponseSchema.parse(response.body);
    expect(JSON.stringify(body)).not.toMatch(/at .*\.(ts|js):\d+/); // never a stack trace
    const details = body.details as { path: string; message: string; code?: string }[];
    expect(details).toHaveLength(1);
    expect(details[0].path).toMatch(path);
    return details[0];
  }

  beforeAll(async () => {
    app = await createTestApp();
    steward = await login(app, PERSONAS.steward);
    official = await login(app, PERSONAS.official);
  });

  afterAll(async () => {
    await app.close();
  });

  it('profiles every detected kind for a steward, in the contract shape', async () => {
    const response = await upload(peopleCsv(300)).expect(200);
    const profile = csvProfileSchema.parse(response.body);
    expect(profile).toMatchObject({ rows: 300, sampledRows: 300, sampled: false, encoding: 'utf-8', bom: false, delimiter: ',' });
    const summary = Object.fromEntries(profile.columns.map((c) => [c.name, `${c.inferredType} ${c.detected.map((d) => `${d.kind}:${d.confidence}`).join('+') || '-'} ${c.suggestedIdentifierKind}`]));
    expect(summary).toEqual({
      curp: 'text curp:high direct',
      rfc: 'text rfc:high direct',
      correo: 'text email:high direct',
      telefono: 'text phone:high direct',
      cve_ent: 'text inegi_state:high quasi',
      cve_mun: 'text inegi_municipality:high quasi',
      scian: 'text scian:high quasi',
      fecha_nacimiento: 'date date_of_birth:high quasi',
      codigo_postal: 'text postal_code:high quasi',
      edad: 'integer - none',
      ingreso: 'decimal - none',
      nombre: 'text - none',
    });
    expect(column(profile, 'curp')).toMatchObject({ nullShare: 0, distinctCount: 300 });
    expect(column(profile, 'cve_ent').distinctCount).toBe(32);
    expect(JSON.stringify(profile)).not.toContain(curpOf(1));
  });

  it('reads a UTF-8 BOM, semicolons and quoted fields holding delimiters and line breaks', async () => {
    const rows = Array.from({ length: 40 }, (_, i) => `${curpOf(i)};"Calle ${i}; col. Centro\r\nQuerétaro";"dijo ""sí""";${i},25`);
    const text = '\uFEFFCURP;"domicilio; completo";nota;monto\r\n' + rows.join('\r\n') + '\r\n';
    const profile = csvProfileSchema.parse((await upload(text).expect(200)).body);
    expect(profile).toMatchObject({ rows: 40, bom: true, delimiter: ';', encoding: 'utf-8' });
    expect(profile.columns.map((c) => c.name)).toEqual(['CURP', 'domicilio; completo', 'nota', 'monto']);
    expect(column(profile, 'CURP').detected).toEqual([{ kind: 'curp', share: 1, confidence: 'high' }]);
    expect(column(profile, 'domicilio; completo').distinctCount).toBe(40);
    expect(column(profile, 'nota').distinctCount).toBe(1);
    expect(column(profile, 'monto').inferredType).toBe('decimal');
  });

  it('reads Latin-1 bytes ("Querétaro" with 0xE9)', async () => {
    const text = 'Entidad;Población;cve_ent\n' + Array.from({ length: 25 }, (_, i) => `Querétaro;${1000 + i};22`).join('\n') + '\n';
    const bytes = Buffer.from(text, 'latin1');
    expect(bytes.includes(0xe9)).toBe(true);
    const profile = csvProfileSchema.parse((await upload(bytes).expect(200)).body);
    expect(profile.encoding).toBe('windows-1252');
    expect(profile.columns.map((c) => c.name)).toEqual(['Entidad', 'Población', 'cve_ent']);
    expect(column(profile, 'cve_ent').detected[0].kind).toBe('inegi_state');
  });

  it('counts every row but profiles the first 10,000', async () => {
    const rows = PROFILE_SAMPLE_ROWS + 500;
    const profile = csvProfileSchema.parse((await upload(peopleCsv(rows)).expect(200)).body);
    expect(profile).toMatchObject({ rows, sampledRows: PROFILE_SAMPLE_ROWS, sampled: true });
    expect(profile.warnings.map((w) => w.code)).toEqual(['SAMPLED']);
    expect(column(profile, 'curp').distinctCount).toBe(PROFILE_SAMPLE_ROWS);
  });

  describe('answers malformed uploads with 400 in the error shape', () => {
    it('without a file', async () => {
      const response = await http().post('/api/v1/catalog/profile').set(bearer(steward)).field('nombre', 'x');
      const detail = await expectError(response, 400, 'file');
      expect(detail.message).toContain('"file"');
      await expectError(await http().post('/api/v1/catalog/profile').set(bearer(steward)).send({ file: 'a,b' }), 400, 'file');
      await expectError(await http().post('/api/v1/catalog/profile').set(bearer(steward)), 400, 'file');
    });

    it('with the file in another field, or as a text value', async () => {
      const detail = await expectError(await upload('a,b\n1,2\n', { field: 'upload' }), 400, 'file');
      expect(detail.message).toBe('The CSV must be in the multipart field "file", not "upload"');
      await expectError(await http().post('/api/v1/catalog/profile').set(bearer(steward)).field('file', 'a,b\n1,2\n'), 400, 'file');
    });

    it('with two files', async () => {
      const response = await http()
        .post('/api/v1/catalog/profile')
        .set(bearer(steward))
        .attach('file', Buffer.from('a,b\n1,2\n'), 'uno.csv')
        .attach('file', Buffer.from('a,b\n1,2\n'), 'dos.csv');
      expect((await expectError(response, 400, 'file')).message).toBe('Send one file only');
    });

    it('empty, or with a header only', async () => {
      expect((await expectError(await upload(''), 400, 'file')).message).toBe('The file is empty');
      expect((await expectError(await upload('curp,rfc,correo\n'), 400, 'file')).code).toBe('CSV_NO_DATA_ROWS');
    });

    it('with a ragged row, naming its line', async () => {
      const lines = peopleCsv(80).split('\n');
      lines[56] = lines[56].split(',').slice(0, 5).join(',');
      const detail = await expectError(await upload(lines.join('\n')), 400, 'file.line.57');
      expect(detail).toMatchObject({ code: 'CSV_RAGGED_ROW', message: 'Line 57 has 5 fields; the header (line 1) has 12' });
    });

    it('with a ragged row after the sample, still naming its line', async () => {
      const text = peopleCsv(PROFILE_SAMPLE_ROWS + 20) + 'solo,tres,campos\n';
      await expectError(await upload(text), 400, `file.line.${PROFILE_SAMPLE_ROWS + 22}`);
    });

    it('with an unterminated quote, naming the line where it opens', async () => {
      const text = 'nombre,nota\nAna,bien\nLuis,"sin cerrar\nPedro,otra\n';
      const detail = await expectError(await upload(text), 400, 'file.line.3');
      expect(detail.code).toBe('CSV_UNTERMINATED_QUOTE');
    });

    it('with text after a closing quote', async () => {
      await expectError(await upload('a,b\n1,"x"y\n'), 400, 'file.line.2');
    });

    it('with binary garbage, a workbook or UTF-16', async () => {
      let seed = 42;
      const garbage = Buffer.from(Array.from({ length: 4096 }, () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) >> 16) & 0xff));
      expect((await expectError(await upload(garbage, { filename: 'basura.csv' }), 400, 'file')).code).toBe('CSV_BINARY_FILE');
      const xlsx = Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.alloc(100, 1)]);
      expect((await expectError(await upload(xlsx, { filename: 'libro.xlsx' }), 400, 'file')).message).toMatch(/ZIP archive/);
      const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('a,b\n1,2\n', 'utf16le')]);
      expect((await expectError(await upload(utf16), 400, 'file')).code).toBe('CSV_UNSUPPORTED_ENCODING');
    });

    it('and keeps serving afterwards', async () => {
      await upload('a,b\n1,"x"y\n').expect(400);
      await upload('a,b\n1,2\n').expect(200);
    });
  });

  describe('the 50 MB limit', () => {
    const row = '1234567890,abcdefghij,2024-01-01\n';
    /** A valid CSV of exactly `bytes` bytes. */
    const sized = (bytes: number) => {
      const header = 'numero,texto,fecha\n';
      const tail = ',x,2024-01-01\n';
      let count = Math.floor((bytes - header.length) / row.length);
      while (bytes - header.length - count * row.length < tail.length + 1) count--;
      return Buffer.from(header + row.repeat(count) + '9'.repeat(bytes - header.length - count * row.length - tail.length) + tail);
    };

    it('accepts a file of exactly the limit', async () => {
      const file = sized(PROFILE_MAX_BYTES);
      expect(file.length).toBe(PROFILE_MAX_BYTES);
      const profile = csvProfileSchema.parse((await upload(file).expect(200)).body);
      expect(profile.bytes).toBe(PROFILE_MAX_BYTES);
      expect(profile.sampled).toBe(true);
    });

    it('answers 413 for one byte more', async () => {
      const file = Buffer.concat([sized(PROFILE_MAX_BYTES), Buffer.from('\n')]);
      const detail = await expectError(await upload(file), 413, 'file');
      expect(detail.code).toBe('CSV_TOO_LARGE');
    });

    it('answers 413 at once when the declared length is too large', async () => {
      const { status, body } = await rawUpload({ declaredLength: PROFILE_MAX_BYTES * 2, chunks: 1 });
      expect(status).toBe(413);
      expect(errorResponseSchema.parse(body).statusCode).toBe(413);
    });

    it('stops reading a streamed (chunked) upload as soon as it passes the limit', async () => {
      const { status, body, sent } = await rawUpload({ chunks: 200 });
      expect(status).toBe(413);
      expect(errorResponseSchema.parse(body).message).toMatch(/larger than the limit of 50 MB/);
      // Answered while the client was still sending: far less than the 200 MB it would have sent.
      expect(sent).toBeLessThan(PROFILE_MAX_BYTES + 16 * 1024 * 1024);
    });

    /** A multipart upload written by hand, 1 MiB per chunk, until the answer comes. */
    async function rawUpload(options: { chunks: number; declaredLength?: number }): Promise<{ status: number; body: unknown; sent: number }> {
      const server = app.getHttpServer();
      if (!server.listening) await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
      const { port } = server.address() as AddressInfo;
      const boundary = 'convenio-test-boundary';
      const headers: Record<string, string | number> = { 'Content-Type': `multipart/form-data; boundary=${boundary}`, Authorization: `Bearer ${steward.accessToken}` };
      if (options.declaredLength) headers['Content-Length'] = options.declaredLength;
      const chunk = Buffer.from(row.repeat(Math.floor((1024 * 1024) / row.length)));
      return new Promise((resolve, reject) => {
        let sent = 0;
        let answered = false;
        const req = httpRequest({ host: '127.0.0.1', port, method: 'POST', path: '/api/v1/catalog/profile', headers, agent: false }, (res: IncomingMessage) => {
          answered = true;
          let text = '';
          res.on('data', (data) => (text += data));
          res.on('end', () => {
            req.destroy();
            resolve({ status: res.statusCode ?? 0, body: JSON.parse(text), sent });
          });
        });
        req.on('error', (error) => {
          if (!answered) reject(error);
        });
        req.write(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="grande.csv"\r\nContent-Type: text/csv\r\n\r\nnumero,texto,fecha\n`);
        let written = 0;
        const pump = () => {
          while (!answered && written < options.chunks) {
            written++;
            sent += chunk.length;
            if (!req.write(chunk)) {
              req.once('drain', pump);
              return;
            }
          }
          if (!answered) req.end(`\r\n--${boundary}--\r\n`);
        };
        pump();
      });
    }
  });

  it('asks anonymous callers to sign in and refuses non-stewards', async () => {
    const anonymous = await http().post('/api/v1/catalog/profile').attach('file', Buffer.from('a,b\n1,2\n'), 'datos.csv');
    expect(anonymous.status).toBe(401);
    expect(errorResponseSchema.parse(anonymous.body).statusCode).toBe(401);
    const forbidden = await upload('a,b\n1,2\n', { session: official });
    expect(forbidden.status).toBe(403);
    expect(errorResponseSchema.parse(forbidden.body).message).toBe('You may not create Dataset');
  });
});
