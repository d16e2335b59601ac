import { CURP_STATE_CODES, syntheticCompanyRfc, syntheticCurp, validateCurp, validateRfc } from './index';

describe('syntheticCompanyRfc', () => {
  it('builds a valid company RFC with the computed check character, deterministically', () => {
    const rfc = syntheticCompanyRfc('cnv', '210315', 'a1');
    expect(rfc).toBe('CNV210315A1A'); // check character hand-computed: remainder 1 → A
    expect(syntheticCompanyRfc('CNV', '210315', 'A1')).toBe(rfc);
    expect(validateRfc(rfc)).toMatchObject({ kind: 'company', structureValid: true, checkDigitValid: true, warnings: [] });
    expect(syntheticCompanyRfc('ÑAT', '991231', 'B2')).toBe('ÑAT991231B29');
  });

  it('refuses parts that cannot make a valid RFC', () => {
    expect(() => syntheticCompanyRfc('CN', '210315', 'A1')).toThrow(/nameLetters/);
    expect(() => syntheticCompanyRfc('CNV', '211332', 'A1')).toThrow(/not a real date/);
    expect(() => syntheticCompanyRfc('CNV', '2103', 'A1')).toThrow(/YYMMDD/);
    expect(() => syntheticCompanyRfc('CNV', '210315', '0A')).toThrow(/homoclave2/);
  });
});

describe('syntheticCurp', () => {
  const base = { initials: 'XEXA', birthDate: '1990-05-17', sex: 'M', stateCode: 'JC', consonants: 'XXN' } as const;

  it('builds a valid CURP whose fields decode back', () => {
    const curp = syntheticCurp(base);
    expect(curp).toBe('XEXA900517MJCXXN06'); // check digit hand-computed
    expect(validateCurp(curp)).toMatchObject({ valid: true, birthDate: '1990-05-17', sex: 'M', stateCode: 'JC', inegiStateCode: '14' });
  });

  it('uses a letter at position 17 from 2000 on', () => {
    const curp = syntheticCurp({ ...base, birthDate: '2003-01-01', sex: 'H', stateCode: 'NE' });
    expect(curp).toBe('XEXA030101HNEXXNA1');
    expect(validateCurp(curp)).toMatchObject({ valid: true, birthDate: '2003-01-01', inegiStateCode: null });
  });

  it('validates for every state code', () => {
    for (const stateCode of CURP_STATE_CODES) expect(validateCurp(syntheticCurp({ ...base, stateCode })).valid).toBe(true);
  });

  it('refuses parts that cannot make a valid CURP', () => {
    expect(() => syntheticCurp({ ...base, initials: 'BACA' })).toThrow(/BACA/);
    expect(() => syntheticCurp({ ...base, stateCode: 'ZZ' })).toThrow(/state code ZZ/);
    expect(() => syntheticCurp({ ...base, birthDate: '1990-02-30' })).toThrow(/not a real date/);
    expect(() => syntheticCurp({ ...base, birthDate: '1890-01-01' })).toThrow(/1900-2099/);
    expect(() => syntheticCurp({ ...base, differentiator: 'A' })).toThrow(/digit before 2000/);
    expect(() => syntheticCurp({ ...base, consonants: 'XX' })).toThrow(/17 characters/);
  });
});
