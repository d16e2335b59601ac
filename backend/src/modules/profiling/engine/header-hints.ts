/**
 * What a column's header says about its content, e.g. `fecha_nacimiento` → date_of_birth,
 * `CP` → postal_code, `cve_mun` → inegi_municipality. Headers are compared without accents and
 * case, split into words at anything not a letter or digit and at camelCase humps. Short hints
 * (`cp`, `tel`, `mun`) must be a whole word; long ones may be part of one (`telefonocasa`).
 */
import type { DetectedKind } from '@convenio/contracts';

export interface HeaderHints {
  /** Kinds the header names. */
  kinds: ReadonlySet<DetectedKind>;
  /** The header names a date that is not a birth (registration, payment...). */
  notBirth: boolean;
  /** The header names a count, an age or a calendar part, so small numbers are not codes. */
  notCode: boolean;
}

const HINTS: ReadonlyArray<{ kind: DetectedKind; words: string[]; parts: string[] }> = [
  { kind: 'curp', words: ['curp'], parts: ['curp'] },
  { kind: 'rfc', words: ['rfc'], parts: ['rfc'] },
  { kind: 'email', words: ['email', 'mail', 'correo'], parts: ['email', 'correo'] },
  { kind: 'phone', words: ['tel', 'tels', 'telefono', 'telefonos', 'phone', 'celular', 'cel', 'movil', 'whatsapp', 'mobile', 'lada'], parts: ['telefono', 'phone', 'celular', 'whatsapp'] },
  { kind: 'inegi_state', words: ['estado', 'entidad', 'ent', 'edo', 'state', 'entidades'], parts: ['entidad', 'cveent'] },
  { kind: 'inegi_municipality', words: ['municipio', 'mun', 'mpio', 'municipality', 'alcaldia', 'cvemun', 'cvegeo', 'delegacion'], parts: ['municipio', 'cvemun', 'alcaldia'] },
  { kind: 'scian', words: ['scian', 'naics', 'actividad', 'sector', 'subsector', 'rama', 'subrama', 'giro'], parts: ['scian', 'naics', 'actividad'] },
  { kind: 'date_of_birth', words: ['nac', 'fnac', 'dob', 'birth', 'born', 'nacimiento', 'birthdate', 'birthday', 'cumpleanos', 'fechanac'], parts: ['nacimiento', 'birth', 'fechanac', 'cumpleanos'] },
  { kind: 'postal_code', words: ['cp', 'postal', 'zip', 'zipcode', 'codigopostal', 'postcode'], parts: ['postal', 'zipcode'] },
];

const NOT_BIRTH = ['registro', 'alta', 'creacion', 'actualizacion', 'modificacion', 'pago', 'inicio', 'fin', 'vencimiento', 'corte', 'captura', 'emision', 'ingreso', 'baja', 'created', 'updated', 'modified', 'start', 'end', 'due', 'payment'];
const NOT_CODE = ['dia', 'dias', 'mes', 'meses', 'day', 'days', 'month', 'hora', 'hour', 'edad', 'age', 'anio', 'ano', 'year', 'semana', 'week', 'num', 'numero', 'total', 'cantidad', 'count', 'monto', 'importe', 'precio', 'price', 'amount'];

/** Lower-case, accent-free words of a header (`FechaNacimiento` → `fecha`, `nacimiento`). */
export function headerWords(header: string): string[] {
  const spaced = header.replace(/([a-z0-9])([A-Z])/g, '$1 $2');
  const plain = spaced.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase();
  return plain.split(/[^a-z0-9]+/).filter((word) => word !== '');
}

export function headerHints(header: string): HeaderHints {
  const words = headerWords(header);
  const wordSet = new Set(words);
  const joined = words.join('');
  const kinds = new Set<DetectedKind>();
  for (const hint of HINTS) {
    if (hint.words.some((word) => wordSet.has(word)) || hint.parts.some((part) => joined.includes(part))) kinds.add(hint.kind);
  }
  return {
    kinds,
    notBirth: NOT_BIRTH.some((word) => wordSet.has(word)),
    notCode: NOT_CODE.some((word) => wordSet.has(word)),
  };
}
