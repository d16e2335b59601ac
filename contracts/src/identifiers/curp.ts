/**
 * CURP (Clave Única de Registro de Población), the 18-character Mexican population register key.
 *
 * Rules as summarised in /work/shared/testdata/mexico/identifiers/ALGORITHMS.md (own code):
 *   1-4 name letters (2nd: first inner vowel or X) · 5-10 birth date YYMMDD · 11 sex H/M ·
 *   12-13 state of birth (RENAPO code, NE = abroad) · 14-16 inner consonants ·
 *   17 differentiator (digit: born before 2000, letter: 2000 or later) · 18 check digit.
 * Ñ never appears in a CURP (RENAPO writes X). Unlike the RFC, a wrong check digit is an error.
 */
import { isRealDate, normalizeWith, splitYymmdd } from './common';
import { CURP_STATE_TO_INEGI } from './curp-states';

export interface CurpValidation {
  /** Trimmed, upper-cased value without separators (Ñ is kept so it can be reported). */
  normalized: string;
  valid: boolean;
  /** Why the CURP is invalid; empty when valid. */
  errors: string[];
  /** Decoded fields, present only when valid. Birth date YYYY-MM-DD, century from position 17. */
  birthDate?: string;
  sex?: 'H' | 'M';
  /** RENAPO state code (positions 12-13), e.g. 'JC'; 'NE' for born abroad. */
  stateCode?: string;
  /** INEGI state key ('01'-'32'); null for NE (born abroad). */
  inegiStateCode?: string | null;
}

/**
 * Four-letter words RENAPO never assigns as positions 1-4: it replaces the second letter with X.
 * Source: RENAPO (SEGOB), "Instructivo Normativo para la Asignación de la Clave Única de Registro
 * de Población", Anexo 2 "Catálogo de palabras inconvenientes"; python-stdnum and validate-curp
 * both reject such words (ALGORITHMS.md, rule 8).
 */
export const CURP_FORBIDDEN_WORDS: ReadonlySet<string> = new Set([
  'BACA', 'BAKA', 'BUEI', 'BUEY', 'CACA', 'CACO', 'CAGA', 'CAGO', 'CAKA', 'CAKO', 'COGE',
  'COGI', 'COJA', 'COJE', 'COJI', 'COJO', 'COLA', 'CULO', 'FALO', 'FETO', 'GETA', 'GUEI',
  'GUEY', 'JETA', 'JOTO', 'KACA', 'KACO', 'KAGA', 'KAGO', 'KAKA', 'KAKO', 'KOGE', 'KOGI',
  'KOJA', 'KOJE', 'KOJI', 'KOJO', 'KOLA', 'KULO', 'LILO', 'LOCA', 'LOCO', 'LOKA', 'LOKO',
  'MAME', 'MAMO', 'MEAR', 'MEAS', 'MEON', 'MIAR', 'MION', 'MOCO', 'MOKO', 'MULA', 'MULO',
  'NACA', 'NACO', 'PEDA', 'PEDO', 'PENE', 'PIPI', 'PITO', 'POPO', 'PUTA', 'PUTO', 'QULO',
  'RATA', 'ROBA', 'ROBE', 'ROBO', 'RUIN', 'SENO', 'TETA', 'VACA', 'VAGA', 'VAGO', 'VAKA',
  'VUEI', 'VUEY', 'WUEI', 'WUEY',
]);

/** Check-digit values: 0-9 → 0-9, A-N → 10-23, Ñ (and & as in stdnum) → 24, O-Z → 25-36. */
const CURP_ALPHABET = '0123456789ABCDEFGHIJKLMNÑOPQRSTUVWXYZ';

/** Trim, upper-case and drop every character outside [0-9A-ZÑ] (spaces, '-', '/', '*'...). */
export function normalizeCurp(raw: string): string {
  return normalizeWith(raw, /[0-9A-ZÑ]/);
}

/** Check digit of a CURP from its first 17 characters. Throws RangeError on malformed input. */
export function computeCurpCheckDigit(first17: string): string {
  if (!/^[0-9A-ZÑ&]{17}$/.test(first17)) {
    throw new RangeError('computeCurpCheckDigit needs the first 17 characters of a CURP, in [0-9A-ZÑ]');
  }
  let sum = 0;
  for (let i = 0; i < 17; i++) {
    const ch = first17[i] === '&' ? 'Ñ' : first17[i];
    sum += CURP_ALPHABET.indexOf(ch) * (18 - i);
  }
  return String((10 - (sum % 10)) % 10);
}

/** Validates a CURP; never throws. Collects every error rather than stopping at the first. */
export function validateCurp(raw: string): CurpValidation {
  const normalized = normalizeCurp(raw);
  const errors: string[] = [];
  if (normalized.length !== 18) {
    errors.push(`CURP must have 18 characters (got ${normalized.length})`);
    return { normalized, valid: false, errors };
  }
  const s = normalized;
  if (s.includes('Ñ')) errors.push('CURP must not contain Ñ (RENAPO writes X instead)');

  const initials = s.slice(0, 4);
  if (!/^[A-ZÑ]{4}$/.test(initials)) {
    errors.push(`CURP positions 1-4 must be letters (got ${initials})`);
  } else if (!/^[AEIOUX]$/.test(s[1])) {
    errors.push(`CURP position 2 must be a vowel or X (got ${s[1]})`);
  } else if (CURP_FORBIDDEN_WORDS.has(initials)) {
    errors.push(`CURP cannot start with ${initials}: RENAPO never assigns that word`);
  }

  const differentiator = s[16];
  const century = /^\d$/.test(differentiator) ? 1900 : /^[A-Z]$/.test(differentiator) ? 2000 : null;
  if (century === null) {
    errors.push(`CURP position 17 must be a digit (born before 2000) or a letter (born 2000 or later), got ${differentiator}`);
  }

  const date = s.slice(4, 10);
  const parts = splitYymmdd(date);
  let birthDate: string | undefined;
  if (parts === null) {
    errors.push(`CURP birth date ${date} must be 6 digits (YYMMDD)`);
  } else {
    const year = (century ?? 2000) + parts.yy;
    if (!isRealDate(year, parts.mm, parts.dd)) errors.push(`CURP birth date ${date} is not a real date`);
    else if (century !== null) birthDate = `${year}-${date.slice(2, 4)}-${date.slice(4, 6)}`;
  }

  const sex = s[10];
  if (sex !== 'H' && sex !== 'M') errors.push(`CURP sex (position 11) must be H or M (got ${sex})`);

  const stateCode = s.slice(11, 13);
  const stateKnown = Object.hasOwn(CURP_STATE_TO_INEGI, stateCode);
  if (!stateKnown) errors.push(`CURP state code ${stateCode} is not valid`);

  const consonants = s.slice(13, 16);
  if (!/^[B-DF-HJ-NP-TV-ZÑ]{3}$/.test(consonants)) {
    errors.push(`CURP positions 14-16 must be consonants (got ${consonants})`);
  }

  const found = s[17];
  if (!/^\d$/.test(found)) {
    errors.push(`CURP check digit (position 18) must be a digit (got ${found})`);
  } else {
    const expected = computeCurpCheckDigit(s.slice(0, 17));
    if (expected !== found) errors.push(`CURP check digit should be ${expected} (found ${found})`);
  }

  if (errors.length > 0) return { normalized, valid: false, errors };
  return {
    normalized,
    valid: true,
    errors,
    birthDate,
    sex: sex as 'H' | 'M',
    stateCode,
    inegiStateCode: CURP_STATE_TO_INEGI[stateCode],
  };
}
