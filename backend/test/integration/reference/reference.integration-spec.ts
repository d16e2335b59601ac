import type { INestApplication } from '@nestjs/common';
import { getDataSourceToken } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import request from 'supertest';
import { DomainException } from '../../../src/core/errors/domain.exception';
import { ReferenceRepository } from '../../../src/modules/reference/reference.repository';
import { ReferenceService } from '../../../src/modules/reference/reference.service';
import { createTestApp } from '../support/create-app';

/** The thrown DomainException of a promise that must fail. */
async function failure(promise: Promise<unknown>): Promise<DomainException> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof DomainException) return error;
    throw error;
  }
  throw new Error('expected a DomainException, the call succeeded');
}

describe('reference data (INEGI geography, SCIAN 2018)', () => {
  let app: INestApplication;
  let reference: ReferenceService;
  const http = () => request(app.getHttpServer());

  beforeAll(async () => {
    app = await createTestApp();
    reference = app.get(ReferenceService);
  });

  afterAll(async () => {
    await app.close();
  });

  describe('tables loaded by the migration', () => {
    it('hold 32 states, 2,478 municipalities and SCIAN 20/94/306/615/1,084 by level', async () => {
      const dataSource = app.get<DataSource>(getDataSourceToken());
      const [{ states }] = await dataSource.query('SELECT count(*)::int AS states FROM ref_states');
      const [{ municipalities }] = await dataSource.query('SELECT count(*)::int AS municipalities FROM ref_municipalities');
      const levels: Array<{ level: string; count: number }> = await dataSource.query('SELECT level, count(*)::int AS count FROM ref_scian GROUP BY level');
      expect(states).toBe(32);
      expect(municipalities).toBe(2478);
      expect(Object.fromEntries(levels.map((row) => [row.level, row.count]))).toEqual({ sector: 20, subsector: 94, rama: 306, subrama: 615, clase: 1084 });
      const [{ sum }] = await dataSource.query('SELECT sum(municipality_count)::int AS sum FROM ref_states');
      expect(sum).toBe(2478);
    });

    it('store range sectors under their range code, with their subsectors pointing to it', async () => {
      const dataSource = app.get<DataSource>(getDataSourceToken());
      const rows: Array<{ code: string; parent_code: string | null; sector: string }> = await dataSource.query(
        `SELECT code, parent_code, sector FROM ref_scian WHERE code IN ('31-33', '48-49', '325', '481', '3251', '484121') ORDER BY code`,
      );
      expect(rows).toEqual([
        { code: '31-33', parent_code: null, sector: '31-33' },
        { code: '325', parent_code: '31-33', sector: '31-33' },
        { code: '3251', parent_code: '325', sector: '31-33' },
        { code: '48-49', parent_code: null, sector: '48-49' },
        { code: '481', parent_code: '48-49', sector: '48-49' },
        { code: '484121', parent_code: '48412', sector: '48-49' },
      ]);
    });
  });

  describe('GET /api/v1/reference/states', () => {
    it('lists the 32 states by code, to anyone', async () => {
      const response = await http().get('/api/v1/reference/states').expect(200);
      expect(response.body).toHaveLength(32);
      expect(response.body[0]).toEqual({ code: '01', name: 'Aguascalientes', abbreviation: 'Ags.', curpCode: 'AS', municipalityCount: 11 });
      expect(response.body.find((state: { code: string }) => state.code === '09')).toEqual({ code: '09', name: 'Ciudad de México', abbreviation: 'CDMX', curpCode: 'DF', municipalityCount: 16 });
      expect(response.headers['cache-control']).toContain('public');
    });
  });

  describe('GET /api/v1/reference/municipalities', () => {
    it('pages through all 2,478 municipalities by code', async () => {
      const response = await http().get('/api/v1/reference/municipalities').query({ pageSize: 10, page: 2 }).expect(200);
      expect(response.body.total).toBe(2478);
      expect(response.body.page).toBe(2);
      expect(response.body.pageSize).toBe(10);
      expect(response.body.items[0]).toEqual({ code: '01011', stateCode: '01', name: 'San Francisco de los Romo', population2020: 61997 });
    });

    it('filters by state', async () => {
      const response = await http().get('/api/v1/reference/municipalities').query({ state: '20', pageSize: 1000 }).expect(200);
      expect(response.body.total).toBe(570);
      expect(response.body.items).toHaveLength(570);
      expect(response.body.items.every((municipality: { stateCode: string }) => municipality.stateCode === '20')).toBe(true);
    });

    it('searches names ignoring accents and case', async () => {
      const plain = await http().get('/api/v1/reference/municipalities').query({ q: 'queretaro' }).expect(200);
      expect(plain.body.items.map((municipality: { code: string; name: string }) => [municipality.code, municipality.name])).toEqual([['22014', 'Querétaro']]);
      const upper = await http().get('/api/v1/reference/municipalities').query({ q: 'QUERÉTARO' }).expect(200);
      expect(upper.body.total).toBe(1);
      const words = await http().get('/api/v1/reference/municipalities').query({ q: 'tezoatlan independencia' }).expect(200);
      expect(words.body.items.map((municipality: { code: string }) => municipality.code)).toEqual(['20549']);
      const inState = await http().get('/api/v1/reference/municipalities').query({ q: 'juarez', state: '08' }).expect(200);
      expect(inState.body.items.map((municipality: { code: string; name: string }) => municipality.name)).toContain('Juárez');
      expect(inState.body.items.every((municipality: { stateCode: string }) => municipality.stateCode === '08')).toBe(true);
      const byCode = await http().get('/api/v1/reference/municipalities').query({ q: '0901' }).expect(200);
      expect(byCode.body.items.map((municipality: { code: string }) => municipality.code)).toEqual(['09010', '09011', '09012', '09013', '09014', '09015', '09016', '09017']);
    });

    it('answers 400 naming each invalid query field', async () => {
      const badState = await http().get('/api/v1/reference/municipalities').query({ state: '99x' }).expect(400);
      expect(badState.body.details.map((detail: { path: string }) => detail.path)).toEqual(['query.state']);
      expect(badState.body.message).toContain('query.state');
      const several = await http().get('/api/v1/reference/municipalities').query({ state: '33', page: '0', pageSize: '5000' }).expect(400);
      expect(several.body.details.map((detail: { path: string }) => detail.path).sort()).toEqual(['query.page', 'query.pageSize', 'query.state']);
    });
  });

  describe('GET /api/v1/reference/scian', () => {
    it('filters by number of digits', async () => {
      const counts: Record<number, number> = {};
      for (const digits of [2, 3, 4, 5, 6]) {
        const response = await http().get('/api/v1/reference/scian').query({ digits, pageSize: 1 }).expect(200);
        counts[digits] = response.body.total;
        expect(response.body.items[0].digits).toBe(digits);
      }
      expect(counts).toEqual({ 2: 20, 3: 94, 4: 306, 5: 615, 6: 1084 });
      const sectors = await http().get('/api/v1/reference/scian').query({ digits: 2, pageSize: 100 }).expect(200);
      expect(sectors.body.items.map((entry: { code: string }) => entry.code)).toEqual([
        '11', '21', '22', '23', '31-33', '43', '46', '48-49', '51', '52', '53', '54', '55', '56', '61', '62', '71', '72', '81', '93',
      ]);
      expect(sectors.body.items[4]).toEqual({ code: '31-33', level: 'sector', title: 'Industrias manufactureras', parentCode: null, sector: '31-33', digits: 2 });
    });

    it('searches titles ignoring accents, and codes by prefix', async () => {
      const text = await http().get('/api/v1/reference/scian').query({ q: 'fabricacion muebles', digits: 3 }).expect(200);
      expect(text.body.items.map((entry: { code: string }) => entry.code)).toEqual(['337']);
      const accented = await http().get('/api/v1/reference/scian').query({ q: 'MINERÍA', digits: 2 }).expect(200);
      expect(accented.body.items.map((entry: { code: string }) => entry.code)).toEqual(['21']);
      const unaccented = await http().get('/api/v1/reference/scian').query({ q: 'extraccion petroleo', digits: 3 }).expect(200);
      expect(unaccented.body.items.map((entry: { code: string }) => entry.code)).toEqual(['211']);
      const code = await http().get('/api/v1/reference/scian').query({ q: '3251', pageSize: 100 }).expect(200);
      expect(code.body.items.every((entry: { code: string }) => entry.code.startsWith('3251'))).toBe(true);
      expect(code.body.items[0]).toMatchObject({ code: '3251', level: 'rama', parentCode: '325', sector: '31-33', digits: 4 });
    });

    it('lists the children of a parent, or its descendants at a level', async () => {
      const children = await http().get('/api/v1/reference/scian').query({ parent: '48-49', pageSize: 100 }).expect(200);
      expect(children.body.items.map((entry: { code: string }) => entry.code)).toEqual(['481', '482', '483', '484', '485', '486', '487', '488', '491', '492', '493']);
      const ramas = await http().get('/api/v1/reference/scian').query({ parent: '325' }).expect(200);
      expect(ramas.body.items.every((entry: { code: string; parentCode: string }) => entry.parentCode === '325' && entry.code.length === 4)).toBe(true);
      const clases = await http().get('/api/v1/reference/scian').query({ parent: '31-33', digits: 6, pageSize: 1 }).expect(200);
      expect(clases.body.total).toBe(await countClases(['31', '32', '33']));
    });

    it('reads a 2-digit code of a range sector as that part of the range', async () => {
      const alias = await http().get('/api/v1/reference/scian').query({ parent: '32', pageSize: 100 }).expect(200);
      expect(alias.body.items.map((entry: { code: string }) => entry.code)).toEqual(['321', '322', '323', '324', '325', '326', '327']);
      expect(alias.body.items.every((entry: { parentCode: string; sector: string }) => entry.parentCode === '31-33' && entry.sector === '31-33')).toBe(true);
      const byCode = await http().get('/api/v1/reference/scian').query({ q: '49', digits: 2 }).expect(200);
      expect(byCode.body.items.map((entry: { code: string }) => entry.code)).toEqual(['48-49']);
      expect((await reference.findScian('33'))?.code).toBe('31-33');
    });

    it('answers 400 naming each invalid query field, and an unknown parent', async () => {
      const digits = await http().get('/api/v1/reference/scian').query({ digits: 7 }).expect(400);
      expect(digits.body.details.map((detail: { path: string }) => detail.path)).toEqual(['query.digits']);
      expect(digits.body.message).toContain('query.digits');
      const notANumber = await http().get('/api/v1/reference/scian').query({ digits: 'dos', parent: '3' }).expect(400);
      expect(notANumber.body.details.map((detail: { path: string }) => detail.path).sort()).toEqual(['query.digits', 'query.parent']);
      const unknown = await http().get('/api/v1/reference/scian').query({ parent: '99' }).expect(400);
      expect(unknown.body).toEqual({ statusCode: 400, error: 'Bad Request', message: 'Unknown SCIAN code 99', details: [{ path: 'query.parent', message: 'unknown SCIAN code 99' }] });
    });
  });

  describe('validators for other modules', () => {
    it('accept known codes at each geographic level', async () => {
      await expect(reference.assertKnownGeoCodes(['01', '09', '32'], 'state', 'body.geoCodes')).resolves.toBeUndefined();
      await expect(reference.assertKnownGeoCodes(['09015', '20549'], 'municipality', 'body.geoCodes')).resolves.toBeUndefined();
      await expect(reference.assertKnownGeoCodes(['090150001', '220140001'], 'locality', 'body.geoCodes')).resolves.toBeUndefined();
      await expect(reference.assertKnownGeoCodes([], 'state', 'body.geoCodes')).resolves.toBeUndefined();
    });

    it('name an unknown state code', async () => {
      const error = await failure(reference.assertKnownGeoCodes(['09', '99'], 'state', 'body.geoCodes'));
      expect(error.status).toBe(400);
      expect(error.code).toBe('UNKNOWN_CODE');
      expect(error.message).toMatch(/^Unknown INEGI code 99\b/);
      expect(error.details).toEqual([{ path: 'body.geoCodes.1', message: 'unknown INEGI state code 99' }]);
    });

    it('name every unknown code at once, including codes of the wrong length and localities of unknown municipalities', async () => {
      const municipalities = await failure(reference.assertKnownGeoCodes(['09015', '09999', '01001', '33001', '0901'], 'municipality', 'body.geoCodes'));
      expect(municipalities.message).toContain('09999, 33001, 0901');
      expect(municipalities.details).toEqual([
        { path: 'body.geoCodes.1', message: 'unknown INEGI municipality code 09999' },
        { path: 'body.geoCodes.3', message: 'unknown INEGI municipality code 33001' },
        { path: 'body.geoCodes.4', message: 'unknown INEGI municipality code 0901 (a municipality code has 5 digits)' },
      ]);
      const localities = await failure(reference.assertKnownGeoCodes(['090150001', '099990001', '09015'], 'locality', 'body.geoCodes'));
      expect(localities.details).toEqual([
        { path: 'body.geoCodes.1', message: 'unknown INEGI locality code 099990001 (no municipality 09999)' },
        { path: 'body.geoCodes.2', message: 'unknown INEGI locality code 09015 (a locality code has 9 digits)' },
      ]);
    });

    it('check SCIAN codes of every level, accepting the 2-digit aliases of range sectors', async () => {
      await expect(reference.assertKnownScianCodes(['11', '31-33', '31', '32', '33', '48', '49', '48-49', '325', '3251', '32541', '325411'], 'body.sectorCodes')).resolves.toBeUndefined();
      const error = await failure(reference.assertKnownScianCodes(['46', '34', '3259999', '999999', '50'], 'body.sectorCodes'));
      expect(error.code).toBe('UNKNOWN_CODE');
      expect(error.message).toBe('Unknown SCIAN codes 34, 3259999, 999999, 50');
      expect(error.details).toEqual([
        { path: 'body.sectorCodes.1', message: 'unknown SCIAN code 34' },
        { path: 'body.sectorCodes.2', message: 'unknown SCIAN code 3259999' },
        { path: 'body.sectorCodes.3', message: 'unknown SCIAN code 999999' },
        { path: 'body.sectorCodes.4', message: 'unknown SCIAN code 50' },
      ]);
    });

    it('read the tables once, then answer from memory', async () => {
      const repository = app.get(ReferenceRepository);
      const reads = [jest.spyOn(repository, 'states'), jest.spyOn(repository, 'municipalities'), jest.spyOn(repository, 'scian')];
      const fresh = new ReferenceService(repository);
      await Promise.all([fresh.listStates(), fresh.assertKnownScianCodes(['32'], 'body.sectorCodes')]);
      const started = process.hrtime.bigint();
      for (let round = 0; round < 200; round += 1) await fresh.assertKnownGeoCodes(['09015', '20549'], 'municipality', 'body.geoCodes');
      await fresh.searchScian({ q: 'muebles' });
      await fresh.listMunicipalities({ q: 'queretaro' });
      const elapsedMs = Number(process.hrtime.bigint() - started) / 1e6;
      expect(reads.map((read) => read.mock.calls.length)).toEqual([1, 1, 1]);
      reads.forEach((read) => read.mockRestore());
      expect(elapsedMs).toBeLessThan(1000);
      expect((await fresh.findState('22'))?.name).toBe('Querétaro');
      expect((await fresh.findMunicipality('22014'))?.population2020).toBeGreaterThan(1_000_000);
    });
  });

  /** Clases whose code starts with one of the prefixes, counted in SQL. */
  async function countClases(prefixes: string[]): Promise<number> {
    const dataSource = app.get<DataSource>(getDataSourceToken());
    const [{ count }] = await dataSource.query(`SELECT count(*)::int AS count FROM ref_scian WHERE level = 'clase' AND left(code, 2) = ANY($1)`, [prefixes]);
    return count;
  }
});
