/**
 * RFC (Registro Federal de Contribuyentes), the Mexican tax identifier issued by SAT.
 *
 * Rules as summarised in /work/shared/testdata/mexico/identifiers/ALGORITHMS.md (own code):
 * - company (persona moral): 12 characters = 3 of [A-ZÑ&] + YYMMDD (incorporation) + homoclave;
 * - person (persona física): 13 characters = 4 of [A-ZÑ&] + YYMMDD (birth) + homoclave;
 * - the homoclave is 2 SAT-assigned characters plus a check character (0-9 or A).
 *
 * Product rule: a malformed RFC is an error; a wrong check character is only a warning, because
 * about 1.5% of RFCs in real use fail it (python-stdnum's measurement; SAT issued them anyway).
 */
import { isRealDate, normalizeWith, splitYymmdd } from './common';

export type RfcKind = 'company' | 'person';

export interface RfcValidation {
  /** Trimmed, upper-cased value without separators. */
  normalized: string;
  /** By length: 12 characters = company, 13 = person; null for any other length. */
  kind: RfcKind | null;
  /** Length, name letters, real date, homoclave alphabet and forbidden words all pass. */
  structureValid: boolean;
  /** The last character equals the computed check character (generic RFCs: always true). */
  checkDigitValid: boolean;
  /** Why the RFC is malformed; empty when structureValid. */
  errors: string[];
  /** Soft findings (check character, unusual homoclave); never make the RFC invalid. */
  warnings: string[];
}

/**
 * SAT's generic RFCs, accepted although the check character of XAXX010101000 does not compute:
 * XAXX010101000 for sales to the general public, XEXX010101000 for foreign taxpayers.
 */
export const GENERIC_RFCS: Readonly<Record<string, 'general-public' | 'foreign'>> = Object.freeze({
  XAXX010101000: 'general-public',
  XEXX010101000: 'foreign',
});

/**
 * Four-letter words SAT never issues as the start of a personal RFC (it replaces the last letter
 * with X). Source: SAT's procedure for forming the RFC of personas físicas, table of "palabras
 * inconvenientes"; python-stdnum and validate-rfc each carry the same 41 words (ALGORITHMS.md).
 */
export const RFC_FORBIDDEN_WORDS: ReadonlySet<string> = new Set([
  'BUEI', 'BUEY', 'CACA', 'CACO', 'CAGA', 'CAGO', 'CAKA', 'CAKO', 'COGE', 'COJA', 'COJE',
  'COJI', 'COJO', 'CULO', 'FETO', 'GUEY', 'JOTO', 'KACA', 'KACO', 'KAGA', 'KAGO', 'KAKA',
  'KOGE', 'KOJO', 'KULO', 'MAME', 'MAMO', 'MEAR', 'MEAS', 'MEON', 'MION', 'MOCO', 'MULA',
  'PEDA', 'PEDO', 'PENE', 'PUTA', 'PUTO', 'QULO', 'RATA', 'RUIN',
]);

/** Check-character values: 0-9 → 0-9, A-N → 10-23, & → 24, O-Z → 25-36, space → 37, Ñ → 38. */
const RFC_ALPHABET = '0123456789ABCDEFGHIJKLMN&OPQRSTUVWXYZ Ñ';

/** Trim, upper-case and drop every character outside [0-9A-ZÑ&] (spaces, '-', '/', '_'...). */
export function normalizeRfc(raw: string): string {
  return normalizeWith(raw, /[0-9A-ZÑ&]/);
}

/**
 * Check character of an RFC from its first 11 (company) or 12 (person) characters, already
 * normalized. Throws RangeError on any other length or on a character outside [0-9A-ZÑ&].
 */
export function computeRfcCheckDigit(first11or12: string): string {
  if (!/^[0-9A-ZÑ&]{11,12}$/.test(first11or12)) {
    throw new RangeError('computeRfcCheckDigit needs the first 11 (company) or 12 (person) characters of an RFC, in [0-9A-ZÑ&]');
  }
  const padded = first11or12.padStart(12, ' ');
  let sum = 0;
  for (let i = 0; i < 12; i++) sum += RFC_ALPHABET.indexOf(padded[i]) * (13 - i);
  const remainder = sum % 11;
  if (remainder === 0) return '0';
  return remainder === 1 ? 'A' : String(11 - remainder);
}

/** Validates an RFC; never throws. See RfcValidation for the meaning of each field. */
export function validateRfc(raw: string): RfcValidation {
  const normalized = normalizeRfc(raw);
  const errors: string[] = [];
  const warnings: string[] = [];
  if (Object.hasOwn(GENERIC_RFCS, normalized)) {
    return { normalized, kind: 'person', structureValid: true, checkDigitValid: true, errors, warnings };
  }
  const kind: RfcKind | null = normalized.length === 12 ? 'company' : normalized.length === 13 ? 'person' : null;
  if (kind === null) {
    errors.push(`RFC must have 12 characters for a company or 13 for a person (got ${normalized.length})`);
    return { normalized, kind, structureValid: false, checkDigitValid: false, errors, warnings };
  }

  const nameLength = kind === 'company' ? 3 : 4;
  const name = normalized.slice(0, nameLength);
  const date = normalized.slice(nameLength, nameLength + 6);
  const homoclave = normalized.slice(nameLength + 6);

  if (!/^[A-ZÑ&]+$/.test(name)) {
    errors.push(`RFC of a ${kind} must start with ${nameLength} letters (A-Z, Ñ or &), got ${name}`);
  } else if (kind === 'person' && RFC_FORBIDDEN_WORDS.has(name)) {
    errors.push(`RFC cannot start with ${name}: SAT never issues that word`);
  }

  const parts = splitYymmdd(date);
  if (parts === null) {
    errors.push(`RFC date ${date} must be 6 digits (YYMMDD)`);
  } else if (!isRealDate(2000 + parts.yy, parts.mm, parts.dd)) {
    // Both reference libraries read YY as 20YY, so 000229 (29 Feb 2000) is a real date.
    errors.push(`RFC date ${date} is not a real date`);
  }

  if (!/^[0-9A-Z]{3}$/.test(homoclave)) {
    errors.push(`RFC homoclave ${homoclave} must be 3 characters A-Z or 0-9`);
  } else {
    if (!/^[1-9A-V]$/.test(homoclave[0])) warnings.push(`homoclave character 1 is ${homoclave[0]}; SAT assigns 1-9 or A-V`);
    if (!/^[1-9A-Z]$/.test(homoclave[1])) warnings.push(`homoclave character 2 is ${homoclave[1]}; SAT assigns 1-9 or A-Z`);
  }

  const expected = computeRfcCheckDigit(normalized.slice(0, -1));
  const found = normalized[normalized.length - 1];
  const checkDigitValid = expected === found;
  if (!checkDigitValid) warnings.push(`check character should be ${expected} (found ${found})`);

  return { normalized, kind, structureValid: errors.length === 0, checkDigitValid, errors, warnings };
}

/** True when raw is a structurally valid company (persona moral) RFC. */
export function isCompanyRfc(raw: string): boolean {
  const result = validateRfc(raw);
  return result.kind === 'company' && result.structureValid;
}
