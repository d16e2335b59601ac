import { resolve } from 'node:path';
import type { MigrationInterface, QueryRunner } from 'typeorm';
import { readReferenceData } from '../modules/reference/reference-data';

/** backend/data/reference, from src/migrations (ts-jest) and from dist/migrations (built) alike. */
const REFERENCE_DIR = resolve(__dirname, '..', '..', 'data', 'reference');

/** Rows per INSERT: well under PostgreSQL's 65,535 bind parameters, few round trips. */
const BATCH_SIZE = 500;

/** Multi-row parameterized INSERTs of `rows` (each a list of values in `columns` order), in batches. */
async function insertRows(queryRunner: QueryRunner, table: string, columns: string[], rows: unknown[][]): Promise<void> {
  for (let start = 0; start < rows.length; start += BATCH_SIZE) {
    const batch = rows.slice(start, start + BATCH_SIZE);
    const values = batch.map((_, row) => `(${columns.map((__, column) => `$${row * columns.length + column + 1}`).join(', ')})`);
    await queryRunner.query(`INSERT INTO "${table}" (${columns.map((column) => `"${column}"`).join(', ')}) VALUES ${values.join(', ')}`, batch.flat());
  }
}

/**
 * INEGI states and municipalities and SCIAN 2018, from the CSV files in backend/data/reference (sources and
 * licences in SOURCE.md there). Localities are not loaded. SCIAN sectors 31-33 and 48-49 keep their range
 * code; their subsectors' `sector` and `parent_code` point to it.
 */
export class ReferenceData1764504000000 implements MigrationInterface {
  name = 'ReferenceData1764504000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const data = readReferenceData(REFERENCE_DIR);

    await queryRunner.query(`
      CREATE TABLE "ref_states" (
        "code" char(2) NOT NULL,
        "name" text NOT NULL,
        "abbreviation" text NOT NULL,
        "curp_code" char(2) NOT NULL,
        "municipality_count" integer NOT NULL,
        CONSTRAINT "PK_ref_states" PRIMARY KEY ("code")
      )`);
    await queryRunner.query(`
      CREATE TABLE "ref_municipalities" (
        "code" char(5) NOT NULL,
        "state_code" char(2) NOT NULL,
        "name" text NOT NULL,
        "population_2020" integer NOT NULL,
        CONSTRAINT "PK_ref_municipalities" PRIMARY KEY ("code"),
        CONSTRAINT "FK_ref_municipalities_state" FOREIGN KEY ("state_code") REFERENCES "ref_states"("code") ON DELETE RESTRICT
      )`);
    await queryRunner.query(`CREATE INDEX "IDX_ref_municipalities_state" ON "ref_municipalities" ("state_code")`);
    await queryRunner.query(`
      CREATE TABLE "ref_scian" (
        "code" text NOT NULL,
        "level" text NOT NULL,
        "title" text NOT NULL,
        "parent_code" text,
        "sector" text NOT NULL,
        CONSTRAINT "PK_ref_scian" PRIMARY KEY ("code"),
        CONSTRAINT "CHK_ref_scian_level" CHECK ("level" IN ('sector', 'subsector', 'rama', 'subrama', 'clase')),
        CONSTRAINT "FK_ref_scian_parent" FOREIGN KEY ("parent_code") REFERENCES "ref_scian"("code") ON DELETE RESTRICT,
        CONSTRAINT "FK_ref_scian_sector" FOREIGN KEY ("sector") REFERENCES "ref_scian"("code") ON DELETE RESTRICT
      )`);
    await queryRunner.query(`CREATE INDEX "IDX_ref_scian_parent" ON "ref_scian" ("parent_code")`);
    await queryRunner.query(`CREATE INDEX "IDX_ref_scian_sector" ON "ref_scian" ("sector")`);

    await insertRows(
      queryRunner,
      'ref_states',
      ['code', 'name', 'abbreviation', 'curp_code', 'municipality_count'],
      data.states.map((row) => [row.code, row.name, row.abbreviation, row.curpCode, row.municipalityCount]),
    );
    await insertRows(
      queryRunner,
      'ref_municipalities',
      ['code', 'state_code', 'name', 'population_2020'],
      data.municipalities.map((row) => [row.code, row.stateCode, row.name, row.population2020]),
    );
    // Parents before children (the foreign keys are checked at the end of each statement): by level.
    const byLevel = ['sector', 'subsector', 'rama', 'subrama', 'clase'].flatMap((level) => data.scian.filter((row) => row.level === level));
    await insertRows(
      queryRunner,
      'ref_scian',
      ['code', 'level', 'title', 'parent_code', 'sector'],
      byLevel.map((row) => [row.code, row.level, row.title, row.parentCode, row.sector]),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "ref_scian"`);
    await queryRunner.query(`DROP TABLE "ref_municipalities"`);
    await queryRunner.query(`DROP TABLE "ref_states"`);
  }
}
