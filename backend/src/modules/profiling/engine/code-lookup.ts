/**
 * The seam for reference code lists. Detection asks a CodeLookup whether a value is a real
 * INEGI state, municipality, SCIAN code or postal code; the default answers from structure
 * alone. A module holding the real catalogues can provide its own lookup (see
 * ProfilingModule's CODE_LOOKUP token) without touching the detectors.
 * Every method gets a value already trimmed and made only of digits (SCIAN also `31-33`,
 * `48-49`), zero-padded to its full width; it must be fast: it runs once per distinct value.
 */
export interface CodeLookup {
  /** Two digits: an INEGI state key (cve_ent). */
  isInegiState(code: string): boolean;
  /** Five digits: INEGI state key + municipality key (cve_ent + cve_mun). */
  isInegiMunicipality(code: string): boolean;
  /** Two to six digits: a SCIAN sector, subsector, branch, sub-branch or class. */
  isScianCode(code: string): boolean;
  /** Five digits: a Mexican postal code (código postal, SEPOMEX). */
  isPostalCode(code: string): boolean;
}

/** SCIAN (México) sectors; 31-33 and 48-49 are single sectors spanning several prefixes. */
export const SCIAN_SECTORS: ReadonlySet<string> = new Set([
  '11', '21', '22', '23', '31', '32', '33', '43', '46', '48', '49', '51', '52', '53', '54', '55', '56', '61', '62', '71', '72', '81', '93',
]);

/** The most municipalities a state has (Oaxaca: 570), so keys above it are not municipalities. */
export const MAX_MUNICIPALITY_KEY = 570;

function twoDigitNumber(code: string, at: number): number {
  return (code.charCodeAt(at) - 0x30) * 10 + (code.charCodeAt(at + 1) - 0x30);
}

function isDigits(code: string, length: number): boolean {
  if (code.length !== length) return false;
  for (let i = 0; i < length; i++) {
    const c = code.charCodeAt(i);
    if (c < 0x30 || c > 0x39) return false;
  }
  return true;
}

/**
 * Structure only: states 01-32; municipalities = a state + 001-570; SCIAN = a valid sector
 * followed by up to four digits (or the ranges `31-33`, `48-49`); postal codes = 01000-99999.
 */
export const structuralCodeLookup: CodeLookup = {
  isInegiState(code) {
    if (!isDigits(code, 2)) return false;
    const state = twoDigitNumber(code, 0);
    return state >= 1 && state <= 32;
  },
  isInegiMunicipality(code) {
    if (!isDigits(code, 5)) return false;
    const state = twoDigitNumber(code, 0);
    const municipality = Number(code.slice(2));
    return state >= 1 && state <= 32 && municipality >= 1 && municipality <= MAX_MUNICIPALITY_KEY;
  },
  isScianCode(code) {
    if (code === '31-33' || code === '48-49') return true;
    if (code.length < 2 || code.length > 6 || !isDigits(code, code.length)) return false;
    return SCIAN_SECTORS.has(code.slice(0, 2));
  },
  isPostalCode(code) {
    return isDigits(code, 5) && !code.startsWith('00');
  },
};
