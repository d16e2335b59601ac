import { computeRfcCheckDigit, isCompanyRfc, normalizeRfc, validateRfc } from './index';

describe('normalizeRfc', () => {
  it('trims, upper-cases and drops separators, keeping Ñ and &', () => {
    expect(normalizeRfc('  mhtr-930411/79a  ')).toBe('MHTR93041179A');
    expect(normalizeRfc('ñ&t 130705_md6')).toBe('Ñ&T130705MD6');
    expect(normalizeRfc('N\u0303&T130705MD6')).toBe('Ñ&T130705MD6'); // decomposed Ñ
  });
});

describe('validateRfc: malformed RFCs are errors', () => {
  it('names a wrong length', () => {
    const r = validateRfc('AKJ970902');
    expect(r).toMatchObject({ kind: null, structureValid: false, checkDigitValid: false });
    expect(r.errors).toEqual(['RFC must have 12 characters for a company or 13 for a person (got 9)']);
    expect(validateRfc('').errors[0]).toContain('(got 0)');
    expect(validateRfc(undefined as unknown as string).structureValid).toBe(false);
  });

  it('names a date that is not real, reading YY as 20YY', () => {
    const r = validateRfc('GODE991332GR4');
    expect(r.kind).toBe('person');
    expect(r.structureValid).toBe(false);
    expect(r.errors).toEqual(['RFC date 991332 is not a real date']);
    expect(r.checkDigitValid).toBe(true);
    expect(validateRfc('GODE000229GR' + computeRfcCheckDigit('GODE000229GR')).structureValid).toBe(true);
    expect(validateRfc('GODE010229GR' + computeRfcCheckDigit('GODE010229GR')).errors).toEqual([
      'RFC date 010229 is not a real date',
    ]);
  });

  it('names a date part that is not digits', () => {
    expect(validateRfc('ABCD 12345678').errors).toEqual(['RFC date D12345 must be 6 digits (YYMMDD)']);
  });

  it('names non-letters in the name part', () => {
    const r = validateRfc('GOD1561231GR8');
    expect(r.errors).toEqual(['RFC of a person must start with 4 letters (A-Z, Ñ or &), got GOD1']);
  });

  it('rejects forbidden words for persons only', () => {
    const r = validateRfc('CACA 580710 NF7');
    expect(r.structureValid).toBe(false);
    expect(r.checkDigitValid).toBe(true);
    expect(r.errors).toEqual(['RFC cannot start with CACA: SAT never issues that word']);
    const company = 'CAC580710NF' + computeRfcCheckDigit('CAC580710NF');
    expect(validateRfc(company).structureValid).toBe(true);
  });

  it('rejects Ñ or & in the homoclave', () => {
    expect(validateRfc('AABN 821103 8Ñ2').errors).toEqual(['RFC homoclave 8Ñ2 must be 3 characters A-Z or 0-9']);
  });
});

describe('validateRfc: a wrong check character is only a warning', () => {
  it('keeps structureValid and reports the expected character', () => {
    const r = validateRfc('VACE460910SX6');
    expect(r).toMatchObject({ kind: 'person', structureValid: true, checkDigitValid: false, errors: [] });
    expect(r.warnings).toEqual(['check character should be 5 (found 6)']);
  });

  it('gives no warning for a correct RFC', () => {
    expect(validateRfc('GODE561231GR8')).toEqual({
      normalized: 'GODE561231GR8',
      kind: 'person',
      structureValid: true,
      checkDigitValid: true,
      errors: [],
      warnings: [],
    });
  });

  it('warns about homoclave characters SAT does not assign', () => {
    const r = validateRfc('CCM650122I06');
    expect(r.structureValid).toBe(true);
    expect(r.checkDigitValid).toBe(true);
    expect(r.warnings).toEqual(['homoclave character 2 is 0; SAT assigns 1-9 or A-Z']);
  });

  it('accepts the generic RFCs without warnings, although XAXX does not compute', () => {
    for (const generic of ['XAXX010101000', 'xexx-010101-000']) {
      expect(validateRfc(generic)).toMatchObject({ kind: 'person', structureValid: true, checkDigitValid: true, warnings: [] });
    }
    expect(computeRfcCheckDigit('XAXX01010100')).toBe('4');
    expect(validateRfc('XAXX010101001').warnings).toContain('check character should be 4 (found 1)');
  });
});

describe('computeRfcCheckDigit', () => {
  it('computes 0, A and digits, padding companies with a leading space', () => {
    expect(computeRfcCheckDigit('MHTR84041179')).toBe('0');
    expect(computeRfcCheckDigit('MHTR93041179')).toBe('A');
    expect(computeRfcCheckDigit('RET130705MD')).toBe('5');
    expect(computeRfcCheckDigit('GODE991332GR')).toBe('4');
  });

  it('values Ñ as 38 and & as 24', () => {
    expect(computeRfcCheckDigit('ÑAT991231B2')).toBe('9');
    expect(computeRfcCheckDigit('Ñ&T130705MD')).toBe('6');
    expect(computeRfcCheckDigit('BAÑ930616R6')).toBe('6');
  });

  it('throws on a wrong length or alphabet', () => {
    expect(() => computeRfcCheckDigit('RET130705M')).toThrow(RangeError);
    expect(() => computeRfcCheckDigit('RET130705MD5X')).toThrow(RangeError);
    expect(() => computeRfcCheckDigit('RET-30705MD')).toThrow(RangeError);
  });
});

describe('isCompanyRfc', () => {
  it('is true for structurally valid 12-character RFCs only', () => {
    expect(isCompanyRfc('RET130705MD5')).toBe(true);
    expect(isCompanyRfc('SIN9311169P8')).toBe(true); // wrong check character: still a company RFC
    expect(isCompanyRfc('RET131305MD5')).toBe(false);
    expect(isCompanyRfc('GODE561231GR8')).toBe(false);
  });
});
