import { computeCurpCheckDigit, CURP_STATE_CODES, CURP_STATE_TO_INEGI, normalizeCurp, validateCurp } from './index';

/** Appends the computed check digit (itself asserted against fixtures and hand values). */
const withCheck = (first17: string): string => first17 + computeCurpCheckDigit(first17);

describe('normalizeCurp', () => {
  it('trims, upper-cases, drops separators and keeps Ñ', () => {
    expect(normalizeCurp('  motr-930411/HjCR*mn03  ')).toBe('MOTR930411HJCRMN03');
    expect(normalizeCurp('motr930411hjcrmñ03')).toBe('MOTR930411HJCRMÑ03');
  });
});

describe('computeCurpCheckDigit', () => {
  it('matches hand-computed values', () => {
    expect(computeCurpCheckDigit('PEGL890909MJCRMS0')).toBe('8');
    expect(computeCurpCheckDigit('SABC560626MDFLRN0')).toBe('1');
    expect(computeCurpCheckDigit('PEGL050909MJCRMSA')).toBe('2');
    expect(computeCurpCheckDigit('MOTR930411HJCRMÑ0')).toBe('0'); // Ñ = 24
    expect(computeCurpCheckDigit('MOTR930411HJCRM&0')).toBe('0'); // & = Ñ, as in stdnum
  });

  it('throws on malformed input', () => {
    expect(() => computeCurpCheckDigit('PEGL890909MJCRMS')).toThrow(RangeError);
    expect(() => computeCurpCheckDigit('PEGL890909MJCRMS-')).toThrow(RangeError);
  });
});

describe('validateCurp errors', () => {
  const errorsOf = (value: string) => validateCurp(value).errors;

  it('names a wrong length', () => {
    expect(errorsOf('1230')).toEqual(['CURP must have 18 characters (got 4)']);
  });

  it('treats a wrong check digit as an error', () => {
    const r = validateCurp('PEGL890909MJCRMS09');
    expect(r.valid).toBe(false);
    expect(r.errors).toEqual(['CURP check digit should be 8 (found 9)']);
    expect(r.birthDate).toBeUndefined();
    expect(errorsOf('PEGL890909MJCRMS0X')).toEqual(['CURP check digit (position 18) must be a digit (got X)']);
  });

  it('names each broken component', () => {
    expect(errorsOf('PEGL891313MJCRMS06')).toEqual(['CURP birth date 891313 is not a real date']);
    expect(errorsOf('PEGL890909QJCRMS08')).toEqual(['CURP sex (position 11) must be H or M (got Q)']);
    expect(errorsOf('PEGL890909MQQRMS02')).toEqual(['CURP state code QQ is not valid']);
    expect(errorsOf('PGGL890909MJCRMS04')).toEqual(['CURP position 2 must be a vowel or X (got G)']);
    expect(errorsOf('PEGL890909MJCAMS08')).toEqual(['CURP positions 14-16 must be consonants (got AMS)']);
    expect(errorsOf('BACA890909MJCRMS05')).toEqual(['CURP cannot start with BACA: RENAPO never assigns that word']);
    expect(errorsOf('123ZZZZZZZZZZZZZ90')).toContain('CURP positions 1-4 must be letters (got 123Z)');
  });

  it('rejects Ñ anywhere', () => {
    expect(errorsOf(withCheck('MOTR930411HJCRMÑ0'))).toEqual(['CURP must not contain Ñ (RENAPO writes X instead)']);
  });

  it('collects every error at once', () => {
    expect(errorsOf('FETO931311HJCRMN06')).toEqual([
      'CURP cannot start with FETO: RENAPO never assigns that word',
      'CURP birth date 931311 is not a real date',
      'CURP check digit should be 0 (found 6)',
    ]);
  });
});

describe('validateCurp decoded fields', () => {
  it('decodes a valid CURP', () => {
    expect(validateCurp('PEGL890909MJCRMS08')).toEqual({
      normalized: 'PEGL890909MJCRMS08',
      valid: true,
      errors: [],
      birthDate: '1989-09-09',
      sex: 'M',
      stateCode: 'JC',
      inegiStateCode: '14',
    });
  });

  it('takes the century from position 17: digit 19YY, letter 20YY', () => {
    expect(validateCurp(withCheck('PEGL050909MJCRMS0')).birthDate).toBe('1905-09-09');
    expect(validateCurp(withCheck('PEGL050909MJCRMSA')).birthDate).toBe('2005-09-09');
    expect(validateCurp(withCheck('PEGL000229MJCRMSA')).birthDate).toBe('2000-02-29');
    expect(validateCurp(withCheck('PEGL000229MJCRMS0')).errors).toEqual(['CURP birth date 000229 is not a real date']);
  });

  it('maps the state to INEGI, NE (born abroad) to null', () => {
    expect(validateCurp('BOXW310820HNERXN09')).toMatchObject({ valid: true, sex: 'H', stateCode: 'NE', inegiStateCode: null });
    expect(validateCurp('HEGG560427MVZRRL04').inegiStateCode).toBe('30');
    expect(validateCurp(withCheck('PEGL890909MDFRMS0')).inegiStateCode).toBe('09');
    expect(validateCurp(withCheck('PEGL890909MZSRMS0')).inegiStateCode).toBe('32');
  });
});

describe('CURP_STATE_TO_INEGI', () => {
  it('covers the 32 INEGI states once each, plus NE', () => {
    expect(CURP_STATE_CODES).toHaveLength(33);
    const keys = CURP_STATE_CODES.filter((code) => code !== 'NE').map((code) => CURP_STATE_TO_INEGI[code]);
    expect([...keys].sort()).toEqual(Array.from({ length: 32 }, (_, i) => String(i + 1).padStart(2, '0')));
    expect(CURP_STATE_TO_INEGI).toMatchObject({ AS: '01', CS: '07', CH: '08', MC: '15', NL: '19', SP: '24', NE: null });
  });
});
