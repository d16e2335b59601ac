import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { SCIAN_LEVELS, type ScianLevel } from '@convenio/contracts';
import { parseCsvRecords } from './reference-csv';

/** The reference files under backend/data/reference (see SOURCE.md there). */
export const REFERENCE_FILES = {
  states: 'entidades.csv',
  municipalities: 'municipios.csv',
  scian: 'scian2018_todos_niveles.csv',
} as const;

export interface StateRow {
  code: string;
  name: string;
  abbreviation: string;
  curpCode: string;
  municipalityCount: number;
}

export interface MunicipalityRow {
  code: string;
  stateCode: string;
  name: string;
  population2020: number;
}

export interface ScianRow {
  code: string;
  level: ScianLevel;
  title: string;
  parentCode: string | null;
  sector: string;
}

export interface ReferenceData {
  states: StateRow[];
  municipalities: MunicipalityRow[];
  scian: ScianRow[];
}

function check(condition: boolean, file: string, index: number, problem: string): void {
  if (!condition) throw new Error(`${file} row ${index + 2}: ${problem}`);
}

function integer(value: string, file: string, index: number, column: string): number {
  check(/^\d+$/.test(value), file, index, `${column} is not a whole number (${JSON.stringify(value)})`);
  return Number(value);
}

export function parseStates(text: string, file = REFERENCE_FILES.states): StateRow[] {
  return parseCsvRecords(text, ['cve_ent', 'nom_ent', 'nom_abr', 'renapo_curp_state_code', 'num_municipios']).map((record, index) => {
    check(/^\d{2}$/.test(record.cve_ent), file, index, `cve_ent ${JSON.stringify(record.cve_ent)} is not 2 digits`);
    check(/^[A-Z]{2}$/.test(record.renapo_curp_state_code), file, index, 'renapo_curp_state_code is not 2 letters');
    check(record.nom_ent.trim() !== '', file, index, 'nom_ent is empty');
    return {
      code: record.cve_ent,
      name: record.nom_ent.trim(),
      abbreviation: record.nom_abr.trim(),
      curpCode: record.renapo_curp_state_code,
      municipalityCount: integer(record.num_municipios, file, index, 'num_municipios'),
    };
  });
}

export function parseMunicipalities(text: string, file = REFERENCE_FILES.municipalities): MunicipalityRow[] {
  return parseCsvRecords(text, ['cvegeo', 'cve_ent', 'cve_mun', 'nom_mun', 'pob_total_2020']).map((record, index) => {
    check(/^\d{5}$/.test(record.cvegeo), file, index, `cvegeo ${JSON.stringify(record.cvegeo)} is not 5 digits`);
    check(record.cvegeo === `${record.cve_ent}${record.cve_mun}`, file, index, 'cvegeo is not cve_ent + cve_mun');
    check(record.nom_mun.trim() !== '', file, index, 'nom_mun is empty');
    return {
      code: record.cvegeo,
      stateCode: record.cve_ent,
      name: record.nom_mun.trim(),
      population2020: integer(record.pob_total_2020, file, index, 'pob_total_2020'),
    };
  });
}

export function parseScian(text: string, file = REFERENCE_FILES.scian): ScianRow[] {
  return parseCsvRecords(text, ['codigo', 'nivel', 'titulo', 'codigo_padre', 'sector']).map((record, index) => {
    check(/^(\d{2}-\d{2}|\d{2,6})$/.test(record.codigo), file, index, `codigo ${JSON.stringify(record.codigo)} is not a SCIAN code`);
    check((SCIAN_LEVELS as readonly string[]).includes(record.nivel), file, index, `nivel ${JSON.stringify(record.nivel)} is not a SCIAN level`);
    check(record.titulo.trim() !== '', file, index, 'titulo is empty');
    check((record.nivel === 'sector') === (record.codigo_padre === ''), file, index, 'only sectors have no codigo_padre');
    return {
      code: record.codigo,
      level: record.nivel as ScianLevel,
      title: record.titulo.trim(),
      parentCode: record.codigo_padre === '' ? null : record.codigo_padre,
      sector: record.sector,
    };
  });
}

/** Reads and checks the three reference files of `directory`. Throws naming the file and row of the first problem. */
export function readReferenceData(directory: string): ReferenceData {
  const read = (name: string) => readFileSync(join(directory, name), 'utf8');
  return {
    states: parseStates(read(REFERENCE_FILES.states)),
    municipalities: parseMunicipalities(read(REFERENCE_FILES.municipalities)),
    scian: parseScian(read(REFERENCE_FILES.scian)),
  };
}
