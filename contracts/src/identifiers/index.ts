/** Mexican identifiers: RFC and CURP validation, column detection, synthetic demo values. */
export { GENERIC_RFCS, RFC_FORBIDDEN_WORDS, computeRfcCheckDigit, isCompanyRfc, normalizeRfc, validateRfc } from './rfc';
export type { RfcKind, RfcValidation } from './rfc';
export { CURP_FORBIDDEN_WORDS, computeCurpCheckDigit, normalizeCurp, validateCurp } from './curp';
export type { CurpValidation } from './curp';
export { CURP_STATE_CODES, CURP_STATE_TO_INEGI } from './curp-states';
export { IDENTIFIER_SHARE_THRESHOLD, detectIdentifierKind, looksLikeCurp, looksLikeRfc } from './detect';
export type { IdentifierDetection, IdentifierKind } from './detect';
export { syntheticCompanyRfc, syntheticCurp } from './synthetic';
export type { SyntheticCurpParts } from './synthetic';
