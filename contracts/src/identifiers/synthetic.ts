/**
 * Generators of INVENTED identifiers for demo and seed data: right structure, right check digit,
 * but made up by the caller's choice of letters, dates and homoclave. Never seed real identifiers
 * (the test fixtures hold real ones: they are test inputs only). Pure and deterministic: the same
 * input always gives the same identifier. Throws RangeError when no valid identifier can be built.
 */
import { computeCurpCheckDigit, validateCurp } from './curp';
import { computeRfcCheckDigit, validateRfc } from './rfc';

/**
 * Company (persona moral) RFC: 3 name letters [A-ZÑ&] + incorporation date YYMMDD + 2 homoclave
 * characters (first 1-9 or A-V, second 1-9 or A-Z, the classes SAT assigns) + computed check.
 */
export function syntheticCompanyRfc(nameLetters: string, incorporated: string, homoclave2: string): string {
  const name = nameLetters.normalize('NFC').toUpperCase();
  const homoclave = homoclave2.toUpperCase();
  if (!/^[A-ZÑ&]{3}$/.test(name)) throw new RangeError(`nameLetters must be 3 of A-Z, Ñ, & (got ${nameLetters})`);
  if (!/^\d{6}$/.test(incorporated)) throw new RangeError(`incorporated must be YYMMDD (got ${incorporated})`);
  if (!/^[1-9A-V][1-9A-Z]$/.test(homoclave)) {
    throw new RangeError(`homoclave2 must be 1-9/A-V then 1-9/A-Z (got ${homoclave2})`);
  }
  const body = `${name}${incorporated}${homoclave}`;
  const rfc = body + computeRfcCheckDigit(body);
  const check = validateRfc(rfc);
  if (!check.structureValid || !check.checkDigitValid) throw new RangeError(`cannot build RFC ${rfc}: ${check.errors.join('; ')}`);
  return rfc;
}

export interface SyntheticCurpParts {
  /** Positions 1-4: four letters A-Z, the second a vowel or X; not a forbidden word. */
  initials: string;
  /** YYYY-MM-DD between 1900-01-01 and 2099-12-31. */
  birthDate: string;
  sex: 'H' | 'M';
  /** RENAPO state code (e.g. 'JC'), or 'NE' for born abroad. */
  stateCode: string;
  /** Positions 14-16: three consonants. */
  consonants: string;
  /** Position 17: a digit if born before 2000, a letter from 2000; default '0' or 'A'. */
  differentiator?: string;
}

/** CURP with a computed check digit; throws RangeError if the parts cannot form a valid CURP. */
export function syntheticCurp(parts: SyntheticCurpParts): string {
  const match = /^(19|20)(\d{2})-(\d{2})-(\d{2})$/.exec(parts.birthDate);
  if (match === null) throw new RangeError(`birthDate must be YYYY-MM-DD in 1900-2099 (got ${parts.birthDate})`);
  const bornBefore2000 = match[1] === '19';
  const differentiator = (parts.differentiator ?? (bornBefore2000 ? '0' : 'A')).toUpperCase();
  if (!(bornBefore2000 ? /^\d$/ : /^[A-Z]$/).test(differentiator)) {
    throw new RangeError(`differentiator must be a ${bornBefore2000 ? 'digit before 2000' : 'letter from 2000'} (got ${differentiator})`);
  }
  const first17 = [
    parts.initials.toUpperCase(),
    match[2] + match[3] + match[4],
    parts.sex,
    parts.stateCode.toUpperCase(),
    parts.consonants.toUpperCase(),
    differentiator,
  ].join('');
  if (!/^[0-9A-Z]{17}$/.test(first17)) throw new RangeError(`CURP parts do not make 17 characters A-Z/0-9 (got ${first17})`);
  const curp = first17 + computeCurpCheckDigit(first17);
  const check = validateCurp(curp);
  if (!check.valid) throw new RangeError(`cannot build CURP ${curp}: ${check.errors.join('; ')}`);
  return curp;
}
