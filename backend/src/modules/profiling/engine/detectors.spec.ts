import { computeRfcCheckDigit, syntheticCompanyRfc, syntheticCurp } from '@convenio/contracts';
import { structuralCodeLookup } from './code-lookup';
import { examineValue, FACT_CURP_INVALID, FACT_PHONE_FORMATTED, FACT_RFC_BAD_CHECK, FACT_RFC_COMPANY, isEmail, KIND_BIT, phoneShape, type DetectionContext } from './detectors';
import { headerHints } from './header-hints';
import { classifyValue } from './values';

function examine(value: string, header = 'x') {
  const context: DetectionContext = { hints: headerHints(header), lookup: structuralCodeLookup, birthFrom: 19150101, birthTo: 20250601 };
  return examineValue(value, classifyValue(value, false), context);
}
const kindsOf = (value: string, header?: string) =>
  Object.entries(KIND_BIT)
    .filter(([, bit]) => (examine(value, header).kinds & bit) !== 0)
    .map(([kind]) => kind)
    .sort();

describe('value detectors', () => {
  const curp = syntheticCurp({ initials: 'GOPL', birthDate: '1990-07-14', sex: 'M', stateCode: 'QT', consonants: 'MRS' });

  it('detects valid CURPs (structure, date, state, check digit) and flags look-alikes', () => {
    expect(kindsOf(curp)).toEqual(['curp']);
    expect(kindsOf(curp.toLowerCase())).toEqual(['curp']);
    const wrongCheck = curp.slice(0, 17) + String((Number(curp[17]) + 1) % 10);
    expect(examine(wrongCheck)).toEqual({ kinds: 0, facts: FACT_CURP_INVALID });
    const badState = curp.slice(0, 11) + 'ZZ' + curp.slice(13);
    expect(examine(badState).kinds).toBe(0);
  });

  it('detects RFCs of companies and people, a failed check character still counting', () => {
    const company = syntheticCompanyRfc('XYZ', '150301', 'B7');
    expect(examine(company)).toEqual({ kinds: KIND_BIT.rfc, facts: FACT_RFC_COMPANY });
    const person12 = 'LOPA800101K2';
    const person = person12 + computeRfcCheckDigit(person12);
    expect(examine(person)).toEqual({ kinds: KIND_BIT.rfc, facts: 0 });
    const wrong = person12 + (computeRfcCheckDigit(person12) === '1' ? '2' : '1');
    expect(examine(wrong)).toEqual({ kinds: KIND_BIT.rfc, facts: FACT_RFC_BAD_CHECK });
    expect(examine('LOPA801301K21').kinds).toBe(0); // month 13
  });

  it('detects e-mail addresses', () => {
    for (const value of ['ana.perez@example.com', 'a+b@sub.example.org.mx']) expect(isEmail(value)).toBe(true);
    for (const value of ['@example.com', 'ana@', 'ana@example', 'ana@@example.com', 'ana perez@example.com', 'ana@-x.com', 'a..b@example.com']) expect(isEmail(value)).toBe(false);
    expect(kindsOf('ana@example.com')).toEqual(['email']);
  });

  it('detects phones: formatted ones for sure, bare ten digits as plausible', () => {
    expect(phoneShape('+52 55 1234 5678')).toBe(2);
    expect(phoneShape('(55) 1234-5678')).toBe(2);
    expect(phoneShape('525512345678')).toBe(2);
    expect(phoneShape('5512345678')).toBe(1);
    expect(phoneShape('0512345678')).toBe(0);
    expect(phoneShape('55123456')).toBe(0);
    expect(phoneShape('55-1234-567x')).toBe(0);
    expect(examine('+52 55 1234 5678').facts & FACT_PHONE_FORMATTED).toBeTruthy();
    expect(kindsOf('1985-03-02')).not.toContain('phone');
  });

  it('reads INEGI, SCIAN and postal codes structurally, looser when the header names them', () => {
    expect(kindsOf('09')).toEqual(['inegi_state']);
    expect(kindsOf('33')).toEqual(['scian']);
    expect(kindsOf('9')).toEqual([]);
    expect(kindsOf('9', 'cve_ent')).toEqual(['inegi_state']);
    expect(kindsOf('14039')).toEqual(['inegi_municipality', 'postal_code']);
    expect(kindsOf('06700')).toEqual(['postal_code']);
    expect(kindsOf('6700', 'cp')).toEqual(['postal_code']);
    expect(kindsOf('6700')).toEqual([]);
    expect(kindsOf('461110')).toEqual(['scian']);
    expect(kindsOf('31-33')).toEqual(['scian']);
    expect(kindsOf('991110')).toEqual([]);
    expect(structuralCodeLookup.isInegiMunicipality('20570')).toBe(true);
    expect(structuralCodeLookup.isInegiMunicipality('20571')).toBe(false);
    expect(structuralCodeLookup.isInegiMunicipality('33001')).toBe(false);
    expect(structuralCodeLookup.isPostalCode('00123')).toBe(false);
  });

  it('detects dates of birth by range', () => {
    expect(kindsOf('1985-03-02')).toEqual(['date_of_birth']);
    expect(kindsOf('02/03/1985')).toEqual(['date_of_birth']);
    expect(kindsOf('1900-01-01')).toEqual([]);
    expect(kindsOf('2030-01-01')).toEqual([]);
  });
});
