/**
 * A deterministic CSV of invented people for the profiling benchmark: 20 columns mixing CURP,
 * RFC (personas físicas and morales), e-mail, phone, INEGI state and municipality keys, SCIAN,
 * dates of birth, postal codes, dates, datetimes, numbers, booleans and free text (with quotes,
 * delimiters and accents). Identifiers are synthetic: valid structure and check digits, made up.
 */
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { computeRfcCheckDigit, CURP_STATE_CODES, syntheticCompanyRfc, syntheticCurp } from '@convenio/contracts';

export const FIXTURE_HEADER = [
  'folio', 'curp', 'rfc', 'correo', 'telefono', 'cve_ent', 'cve_mun', 'codigo_postal', 'scian', 'fecha_nacimiento',
  'sexo', 'edad', 'ingreso_mensual', 'activo', 'fecha_alta', 'ultima_actualizacion', 'nombre', 'apellidos', 'municipio', 'observaciones',
] as const;

/** The detection each column must get (name → kind), for the correctness check. */
export const FIXTURE_EXPECTED_KINDS: Readonly<Record<string, string>> = {
  curp: 'curp',
  rfc: 'rfc',
  correo: 'email',
  telefono: 'phone',
  cve_ent: 'inegi_state',
  cve_mun: 'inegi_municipality',
  codigo_postal: 'postal_code',
  scian: 'scian',
  fecha_nacimiento: 'date_of_birth',
};

/** mulberry32: a small, fast, seeded PRNG (same seed, same file). */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const CONSONANTS = 'BCDFGHJKLMNPRSTVZ';
const VOWELS = 'AEIOU';
const NAMES = ['María', 'José', 'Ana', 'Luis', 'Guadalupe', 'Juan', 'Sofía', 'Carlos', 'Fernanda', 'Jesús', 'Ximena', 'Miguel'];
const SURNAMES = ['Hernández', 'García', 'Martínez', 'López', 'González', 'Pérez', 'Rodríguez', 'Sánchez', 'Ramírez', 'Cruz', 'Núñez', 'Gómez'];
const MUNICIPALITIES = ['Querétaro', 'Guadalajara', 'Monterrey', 'Mérida', 'León', 'Puebla', 'Tijuana', 'Oaxaca de Juárez', 'Cuauhtémoc', 'Zapopan'];
const SCIAN = ['461110', '311811', '722511', '5412', '621111', '93', '4311', '811111', '31-33', '236'];
const NOTES = ['', 'Sin observaciones', 'Revisar domicilio, falta número', 'Dijo "vuelvo mañana"', 'NA', 'Cambio de teléfono\nen 2024'];

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

function quote(value: string): string {
  return /[",\n\r]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value;
}

/** Writes `rows` data rows (plus the header) to `path`; returns the file's size in bytes. */
export async function writeFixtureCsv(path: string, rows: number, seed = 20250601): Promise<number> {
  const next = random(seed);
  const int = (max: number) => Math.floor(next() * max);
  const letter = (alphabet: string) => alphabet[int(alphabet.length)];
  const out = createWriteStream(path);
  let bytes = 0;
  let batch: string[] = [FIXTURE_HEADER.join(',')];
  const flush = async () => {
    const text = batch.join('\n') + '\n';
    batch = [];
    bytes += Buffer.byteLength(text);
    if (!out.write(text)) await once(out, 'drain');
  };
  for (let i = 0; i < rows; i++) {
    const year = 1940 + int(65);
    const month = 1 + int(12);
    const day = 1 + int(28);
    const sex = next() < 0.5 ? 'H' : 'M';
    const curp = syntheticCurp({
      initials: `${letter(CONSONANTS)}${letter(VOWELS)}${letter(CONSONANTS)}Z`,
      birthDate: `${year}-${pad(month)}-${pad(day)}`,
      sex,
      stateCode: CURP_STATE_CODES[int(CURP_STATE_CODES.length)],
      consonants: `${letter(CONSONANTS)}${letter(CONSONANTS)}${letter(CONSONANTS)}`,
    });
    let rfc: string;
    if (next() < 0.25) {
      rfc = syntheticCompanyRfc(`${letter(CONSONANTS)}${letter(VOWELS)}${letter(CONSONANTS)}`, `${pad(int(25))}${pad(1 + int(12))}${pad(1 + int(28))}`, `${letter('123456789ABCDEFGHJ')}${letter('123456789ABCXYZ')}`);
    } else {
      const body = `${curp.slice(0, 4)}${curp.slice(4, 10)}${letter('123456789ABCDEFGHJ')}${letter('123456789ABCXYZ')}`;
      rfc = body + computeRfcCheckDigit(body);
    }
    const state = 1 + int(32);
    const first = NAMES[int(NAMES.length)];
    batch.push(
      [
        String(100_000 + i),
        curp,
        rfc,
        `${first.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase()}.${i}@correo.example.mx`,
        next() < 0.5 ? `${pick2(next)}${pad(int(100_000_000), 8)}` : `+52 ${pick2(next)} ${pad(int(10_000), 4)} ${pad(int(10_000), 4)}`,
        pad(state),
        `${pad(state)}${pad(1 + int(120), 3)}`,
        pad(1000 + int(98_000), 5),
        SCIAN[int(SCIAN.length)],
        `${year}-${pad(month)}-${pad(day)}`,
        sex,
        String(2025 - year),
        `${1000 + int(90_000)}.${pad(int(100))}`,
        next() < 0.8 ? 'sí' : 'no',
        `${pad(1 + int(28))}/${pad(1 + int(12))}/${2015 + int(10)}`,
        `2025-${pad(1 + int(5))}-${pad(1 + int(28))}T${pad(int(24))}:${pad(int(60))}:${pad(int(60))}Z`,
        quote(first),
        quote(`${SURNAMES[int(SURNAMES.length)]} ${SURNAMES[int(SURNAMES.length)]}`),
        quote(MUNICIPALITIES[int(MUNICIPALITIES.length)]),
        quote(NOTES[int(NOTES.length)]),
      ].join(','),
    );
    if (batch.length >= 5000) await flush();
  }
  await flush();
  out.end();
  await once(out, 'finish');
  return bytes;
}

/** A Mexican two-digit area code (55 CDMX, 33 Guadalajara, 81 Monterrey...). */
function pick2(next: () => number): string {
  const codes = ['55', '33', '81', '44', '22', '99'];
  return codes[Math.floor(next() * codes.length)];
}
