/** Helpers shared by the RFC and CURP validators. Framework-free, browser-safe. */

/** True when year-month-day is a real Gregorian calendar date (month 1-12). */
export function isRealDate(year: number, month: number, day: number): boolean {
  if (!Number.isInteger(year) || !Number.isInteger(month) || !Number.isInteger(day)) return false;
  if (month < 1 || month > 12 || day < 1) return false;
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  const days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
  return day <= days[month - 1];
}

/** Parses 'YYMMDD' as digits; null when it is not six digits. */
export function splitYymmdd(yymmdd: string): { yy: number; mm: number; dd: number } | null {
  if (!/^\d{6}$/.test(yymmdd)) return null;
  return { yy: Number(yymmdd.slice(0, 2)), mm: Number(yymmdd.slice(2, 4)), dd: Number(yymmdd.slice(4, 6)) };
}

/**
 * Trim, compose accents (so a decomposed "N + combining tilde" becomes Ñ), upper-case, and drop
 * every character outside `keep` (separators such as spaces, '-', '/', '_', '*').
 */
export function normalizeWith(raw: string, keep: RegExp): string {
  const upper = String(raw ?? '').trim().normalize('NFC').toUpperCase();
  let out = '';
  for (const ch of upper) if (keep.test(ch)) out += ch;
  return out;
}
