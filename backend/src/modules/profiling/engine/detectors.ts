/**
 * Which kinds of personal or coded data one value can be: CURP and RFC through the validators of
 * @convenio/contracts; e-mail and phone by shape; INEGI, SCIAN and postal codes through a
 * CodeLookup; dates of birth by range. Cheap guards (length, first character) run before any
 * validator, and the caller runs this once per DISTINCT value of a column.
 */
import { looksLikeCurp, looksLikeRfc, validateCurp, validateRfc, type DetectedKind } from '@convenio/contracts';
import type { CodeLookup } from './code-lookup';
import type { HeaderHints } from './header-hints';
import { TYPE_DATE, TYPE_DATETIME, TYPE_INTEGER, type ValueClass } from './values';

export const KIND_ORDER: readonly DetectedKind[] = ['curp', 'rfc', 'email', 'phone', 'inegi_state', 'inegi_municipality', 'scian', 'date_of_birth', 'postal_code'];
export const KIND_BIT: Readonly<Record<DetectedKind, number>> = Object.freeze(
  Object.fromEntries(KIND_ORDER.map((kind, i) => [kind, 1 << i])) as Record<DetectedKind, number>,
);

/** Looked like a CURP (shape) but failed validation (date, state, words or check digit). */
export const FACT_CURP_INVALID = 1;
/** A structurally valid RFC whose check character does not compute. */
export const FACT_RFC_BAD_CHECK = 2;
/** A structurally valid company (persona moral) RFC. */
export const FACT_RFC_COMPANY = 4;
/** A phone written with a country code or separators (`+52 55 1234 5678`): unmistakable. */
export const FACT_PHONE_FORMATTED = 8;
/** A state key above 12, so not a month. */
export const FACT_STATE_ABOVE_12 = 16;
/** A code written with its leading zero (`01`, `09010`). */
export const FACT_LEADING_ZERO = 32;

export interface DetectionContext {
  hints: HeaderHints;
  lookup: CodeLookup;
  /** Dates of birth fall in [birthFrom, birthTo], as YYYYMMDD numbers. */
  birthFrom: number;
  birthTo: number;
}

export interface ValueFacts {
  /** KIND_BIT bits of every kind the value can be. */
  kinds: number;
  /** FACT_* bits. */
  facts: number;
}

function isAsciiLetter(code: number): boolean {
  return (code >= 0x41 && code <= 0x5a) || (code >= 0x61 && code <= 0x7a);
}

function isAllDigits(value: string): boolean {
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    if (c < 0x30 || c > 0x39) return false;
  }
  return value.length > 0;
}

const EMAIL_LOCAL = /^[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+$/;
const DOMAIN_LABEL = /^[A-Za-z0-9-]+$/;
const TOP_LEVEL_DOMAIN = /^[A-Za-z]{2,24}$/;

/** A plain address `local@domain.tld` (no display name, no quoted local part). */
export function isEmail(value: string): boolean {
  const at = value.indexOf('@');
  if (at <= 0 || at !== value.lastIndexOf('@') || value.length > 254 || at > 64) return false;
  const local = value.slice(0, at);
  if (!EMAIL_LOCAL.test(local) || local.startsWith('.') || local.endsWith('.') || local.includes('..')) return false;
  const labels = value.slice(at + 1).split('.');
  if (labels.length < 2) return false;
  for (let i = 0; i < labels.length - 1; i++) {
    const label = labels[i];
    if (label.length === 0 || label.length > 63 || !DOMAIN_LABEL.test(label) || label.startsWith('-') || label.endsWith('-')) return false;
  }
  return TOP_LEVEL_DOMAIN.test(labels[labels.length - 1]);
}

/**
 * 0: not a phone; 1: bare digits that could be a Mexican phone (10 digits, the area code not
 * starting with 0 or 1; or 52 + 10 digits); 2: written as a phone (`+52 ...`, `(55) 1234-5678`).
 */
export function phoneShape(value: string): 0 | 1 | 2 {
  const length = value.length;
  if (length < 10 || length > 22) return 0;
  let digits = '';
  let separators = false;
  let plus = false;
  for (let i = 0; i < length; i++) {
    const c = value.charCodeAt(i);
    if (c >= 0x30 && c <= 0x39) digits += value[i];
    else if (c === 0x2b && i === 0) plus = true;
    else if (c === 0x20 || c === 0x2d || c === 0x2e || c === 0x28 || c === 0x29) separators = true;
    else return 0;
  }
  if (plus) return digits.length >= 11 && digits.length <= 15 && digits[0] !== '0' ? 2 : 0;
  const national = digits.length === 12 && digits.startsWith('52') ? digits.slice(2) : digits.length === 13 && digits.startsWith('521') ? digits.slice(3) : digits;
  if (national.length !== 10 || national[0] === '0' || national[0] === '1') return 0;
  return separators || national !== digits ? 2 : 1;
}

/** Every kind one trimmed, non-null value can be. */
export function examineValue(value: string, type: ValueClass, context: DetectionContext): ValueFacts {
  const { hints, lookup } = context;
  let kinds = 0;
  let facts = 0;
  const length = value.length;
  const first = value.charCodeAt(0);
  const startsWithLetter = isAsciiLetter(first) || first === 0xd1 || first === 0xf1 || first === 0x26; // Ñ ñ &

  if (startsWithLetter && length >= 18 && length <= 24 && looksLikeCurp(value)) {
    if (validateCurp(value).valid) kinds |= KIND_BIT.curp;
    else facts |= FACT_CURP_INVALID;
  }
  if (kinds === 0 && startsWithLetter && length >= 12 && length <= 16 && looksLikeRfc(value)) {
    const rfc = validateRfc(value);
    if (rfc.structureValid) {
      kinds |= KIND_BIT.rfc;
      if (!rfc.checkDigitValid) facts |= FACT_RFC_BAD_CHECK;
      if (rfc.kind === 'company') facts |= FACT_RFC_COMPANY;
    }
  }
  if (kinds === 0 && length >= 6 && value.indexOf('@') > 0 && isEmail(value)) kinds |= KIND_BIT.email;

  if ((type.bits & TYPE_INTEGER) !== 0 && isAllDigits(value)) {
    if (first === 0x30 && length > 1) facts |= FACT_LEADING_ZERO;
    if (length <= 2) {
      // One digit only when the header says "estado"/"entidad": the zero was lost on the way.
      if ((length === 2 || hints.kinds.has('inegi_state')) && lookup.isInegiState(length === 1 ? `0${value}` : value)) {
        kinds |= KIND_BIT.inegi_state;
        if (Number(value) > 12) facts |= FACT_STATE_ABOVE_12;
      }
    }
    if (length === 5 || length === 4) {
      const code = length === 4 ? `0${value}` : value;
      if ((length === 5 || hints.kinds.has('inegi_municipality')) && lookup.isInegiMunicipality(code)) kinds |= KIND_BIT.inegi_municipality;
      if ((length === 5 || hints.kinds.has('postal_code')) && lookup.isPostalCode(code)) kinds |= KIND_BIT.postal_code;
    }
    if (length >= 2 && length <= 6 && lookup.isScianCode(value)) kinds |= KIND_BIT.scian;
  } else if (length === 5 && (value === '31-33' || value === '48-49')) {
    kinds |= KIND_BIT.scian;
  }

  if (length >= 10 && (first === 0x2b || first === 0x28 || (first >= 0x30 && first <= 0x39))) {
    const phone = phoneShape(value);
    if (phone !== 0) {
      kinds |= KIND_BIT.phone;
      if (phone === 2) facts |= FACT_PHONE_FORMATTED;
    }
  }

  if ((type.bits & (TYPE_DATE | TYPE_DATETIME)) !== 0 && type.ymd >= context.birthFrom && type.ymd <= context.birthTo) kinds |= KIND_BIT.date_of_birth;
  return { kinds, facts };
}
