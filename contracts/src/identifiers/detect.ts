/** Column profiling: does a column of values hold CURPs or RFCs? */
import { normalizeCurp, validateCurp } from './curp';
import { normalizeRfc, validateRfc } from './rfc';

export type IdentifierKind = 'curp' | 'rfc';

export interface IdentifierDetection {
  /** Set when at least IDENTIFIER_SHARE_THRESHOLD of the non-empty values are of that kind. */
  kind: IdentifierKind | null;
  /** Share (0-1) of non-empty values that are valid CURPs (or structurally valid RFCs). */
  share: number;
}

/** Minimum share of non-empty values for a column to be called a CURP or RFC column. */
export const IDENTIFIER_SHARE_THRESHOLD = 0.8;

const CURP_SHAPE = /^[A-Z][AEIOUX][A-Z]{2}\d{6}[HM][A-Z]{2}[B-DF-HJ-NP-TV-Z]{3}[0-9A-Z]\d$/;
const RFC_SHAPE = /^[A-ZÑ&]{3,4}\d{6}[0-9A-Z]{3}$/;

/** Fast shape test after normalization; no date, state, word or check-digit checks. */
export function looksLikeCurp(value: string): boolean {
  return CURP_SHAPE.test(normalizeCurp(value));
}

/** Fast shape test after normalization (12 or 13 characters); no date, word or check checks. */
export function looksLikeRfc(value: string): boolean {
  return RFC_SHAPE.test(normalizeRfc(value));
}

/**
 * Profiles a column: the share of non-empty values that are valid CURPs, or else structurally
 * valid RFCs (a failed RFC check character still counts, as in validateRfc). Values that are not
 * strings at runtime (null cells) count as empty. With no kind, share is the larger of the two.
 */
export function detectIdentifierKind(values: readonly string[]): IdentifierDetection {
  let nonEmpty = 0;
  let curps = 0;
  let rfcs = 0;
  for (const value of values) {
    if (typeof value !== 'string' || value.trim() === '') continue;
    nonEmpty++;
    if (looksLikeCurp(value) && validateCurp(value).valid) curps++;
    else if (looksLikeRfc(value) && validateRfc(value).structureValid) rfcs++;
  }
  if (nonEmpty === 0) return { kind: null, share: 0 };
  const curpShare = curps / nonEmpty;
  const rfcShare = rfcs / nonEmpty;
  if (curpShare >= IDENTIFIER_SHARE_THRESHOLD) return { kind: 'curp', share: curpShare };
  if (rfcShare >= IDENTIFIER_SHARE_THRESHOLD) return { kind: 'rfc', share: rfcShare };
  return { kind: null, share: Math.max(curpShare, rfcShare) };
}
