/**
 * What one cell value is: null, boolean, number, date, datetime or text. Every pattern is
 * anchored and free of nested quantifiers, so each test is linear in the value's length.
 */
import { PROFILE_NULL_MARKERS } from '@convenio/contracts';

const NULL_MARKERS: ReadonlySet<string> = new Set(PROFILE_NULL_MARKERS);
const LONGEST_NULL_MARKER = Math.max(...PROFILE_NULL_MARKERS.map((marker) => marker.length));

/** True for an empty (already trimmed) value or a null marker such as `NA`, `N/A`, `null`, `-`. */
export function isNullValue(trimmed: string): boolean {
  return trimmed === '' || (trimmed.length <= LONGEST_NULL_MARKER && NULL_MARKERS.has(trimmed.toLowerCase()));
}

/** Spellings read as booleans (lower-cased). 0 and 1 are integers, not booleans. */
const BOOLEANS: ReadonlySet<string> = new Set(['true', 'false', 't', 'f', 'yes', 'no', 'y', 'n', 'si', 'sí', 's', 'verdadero', 'falso']);

export const TYPE_BOOLEAN = 1;
export const TYPE_INTEGER = 2;
/** An integer written with leading zeros (`007`): a code rather than a number. */
export const TYPE_LEADING_ZERO = 4;
export const TYPE_DECIMAL = 8;
export const TYPE_DATE = 16;
export const TYPE_DATETIME = 32;
/** The date was day-first and could only be (day > 12). */
export const DATE_DAY_FIRST = 64;
/** The date was month-first and could only be (second part > 12). */
export const DATE_MONTH_FIRST = 128;

export interface ValueClass {
  /** TYPE_* and DATE_* bits; 0 for text. */
  bits: number;
  /** For dates and datetimes: YYYYMMDD as a number, for range checks. */
  ymd: number;
}

const PLAIN_INTEGER = /^[+-]?\d+$/;
const GROUPED_INTEGER = /^[+-]?\d{1,3}(?:,\d{3})+$/;
const DECIMAL_POINT = /^[+-]?(?:\d+|\d{1,3}(?:,\d{3})+)?\.\d+$/;
const DECIMAL_EXPONENT = /^[+-]?\d+(?:\.\d+)?[eE][+-]?\d+$/;
const DECIMAL_COMMA = /^[+-]?\d+,\d+$/;
const ISO_DATE = /^(\d{4})([-/])(\d{1,2})\2(\d{1,2})(?:[T ](\d{1,2}):(\d{2})(?::(\d{2})(?:[.,]\d{1,9})?)? ?(?:Z|[+-]\d{2}(?::?\d{2})?)?)?$/;
const DMY_DATE = /^(\d{1,2})([-/.])(\d{1,2})\2(\d{4})(?:[T ](\d{1,2}):(\d{2})(?::(\d{2})(?:[.,]\d{1,9})?)?)?$/;

const TEXT: ValueClass = { bits: 0, ymd: 0 };

/**
 * Classifies a trimmed, non-null value. `decimalComma` reads `12,5` as a decimal (files
 * separated by `;` usually write decimals that way).
 */
export function classifyValue(value: string, decimalComma: boolean): ValueClass {
  const first = value.charCodeAt(0);
  const startsNumeric = (first >= 0x30 && first <= 0x39) || first === 0x2b || first === 0x2d || first === 0x2e;
  if (!startsNumeric) {
    return value.length <= 9 && BOOLEANS.has(value.toLowerCase()) ? { bits: TYPE_BOOLEAN, ymd: 0 } : TEXT;
  }
  if (PLAIN_INTEGER.test(value)) {
    const digits = first === 0x2b || first === 0x2d ? value.slice(1) : value;
    return { bits: digits.length > 1 && digits.charCodeAt(0) === 0x30 ? TYPE_INTEGER | TYPE_LEADING_ZERO : TYPE_INTEGER, ymd: 0 };
  }
  if (GROUPED_INTEGER.test(value)) return { bits: decimalComma && DECIMAL_COMMA.test(value) ? TYPE_DECIMAL : TYPE_INTEGER, ymd: 0 };
  if (DECIMAL_POINT.test(value) || DECIMAL_EXPONENT.test(value) || (decimalComma && DECIMAL_COMMA.test(value))) return { bits: TYPE_DECIMAL, ymd: 0 };
  if (value.length < 8) return TEXT;
  return classifyDate(value);
}

function classifyDate(value: string): ValueClass {
  const iso = ISO_DATE.exec(value);
  if (iso) {
    const ymd = calendarDate(Number(iso[1]), Number(iso[3]), Number(iso[4]));
    if (ymd === 0 || !validTime(iso[5], iso[6], iso[7])) return TEXT;
    return { bits: iso[5] === undefined ? TYPE_DATE : TYPE_DATETIME, ymd };
  }
  const dmy = DMY_DATE.exec(value);
  if (!dmy || !validTime(dmy[5], dmy[6], dmy[7])) return TEXT;
  const a = Number(dmy[1]);
  const b = Number(dmy[3]);
  const year = Number(dmy[4]);
  const type = dmy[5] === undefined ? TYPE_DATE : TYPE_DATETIME;
  // Day first (the Mexican convention) unless only month first makes a date.
  const dayFirst = calendarDate(year, b, a);
  if (dayFirst !== 0) return { bits: type | (a > 12 ? DATE_DAY_FIRST : 0), ymd: dayFirst };
  const monthFirst = calendarDate(year, a, b);
  return monthFirst === 0 ? TEXT : { bits: type | DATE_MONTH_FIRST, ymd: monthFirst };
}

function validTime(hours: string | undefined, minutes: string | undefined, seconds: string | undefined): boolean {
  if (hours === undefined) return true;
  return Number(hours) <= 23 && Number(minutes) <= 59 && (seconds === undefined || Number(seconds) <= 60);
}

/** YYYYMMDD of a real Gregorian date in years 1000-2999, else 0. */
export function calendarDate(year: number, month: number, day: number): number {
  if (year < 1000 || year > 2999 || month < 1 || month > 12 || day < 1) return 0;
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  const days = month === 2 ? (leap ? 29 : 28) : month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
  return day <= days ? year * 10000 + month * 100 + day : 0;
}
