import { AnonymizationError } from './errors';
import { buildGeneralizer } from './hierarchies';

describe('generalization hierarchies', () => {
  it('INEGI: locality → municipality → state → national, by code prefix', () => {
    const inegi = buildGeneralizer('loc', { type: 'inegi' });
    expect(inegi.levels('140390001', 2)).toEqual(['140390001', '14039', '14', '*']);
    expect(inegi.height()).toBe(3);
    expect(inegi.levelName(1)).toBe('municipality');
    const municipalities = buildGeneralizer('mun', { type: 'inegi' });
    expect(municipalities.levels('09015', 2)).toEqual(['09015', '09', '*']);
    expect(() => municipalities.levels('140390001', 3)).toThrow(/line 3: "140390001" has 9 digits where the column's codes have 5/);
    expect(() => municipalities.levels('Jalisco', 4)).toThrow(AnonymizationError);
  });

  it('SCIAN: 6 → 4 → 3 → 2 digits → *', () => {
    expect(buildGeneralizer('clase', { type: 'scian' }).levels('461110', 2)).toEqual(['461110', '4611', '461', '46', '*']);
  });

  it('intervals aligned to each width, then *', () => {
    const age = buildGeneralizer('edad', { type: 'interval', widths: [5, 10, 20] });
    expect(age.levels('37', 2)).toEqual(['37', '35-39', '30-39', '20-39', '*']);
    expect(age.levels('0', 2)).toEqual(['0', '0-4', '0-9', '0-19', '*']);
    expect(buildGeneralizer('x', { type: 'interval', widths: [0.5] }).levels('1.7', 2)).toEqual(['1.7', '[1.5, 2)', '*']);
    expect(() => age.levels('treinta', 9)).toThrow(/Column "edad", line 9: "treinta" is not a number/);
  });

  it('dates: day → month → year → *', () => {
    const date = buildGeneralizer('nacimiento', { type: 'date' });
    expect(date.levels('1987-04-23', 2)).toEqual(['1987-04-23', '1987-04', '1987', '*']);
    expect(() => date.levels('23/04/1987', 5)).toThrow(/line 5: "23\/04\/1987" is not a date/);
  });

  it('redaction from the right, one character per level', () => {
    const cp = buildGeneralizer('cp', { type: 'redact' });
    expect(cp.levels('91320', 2)).toEqual(['91320', '9132*', '913**', '91***', '9****', '*****']);
    expect(cp.height()).toBe(5);
    // A longer value later raises the height, so it too can be hidden whole.
    expect(cp.levels('9132077', 3)).toEqual(['9132077', '913207*', '91320**', '9132***', '913****', '91*****', '9******', '*******']);
    expect(cp.height()).toBe(7);
  });

  it('custom rows as in ARX files; a value outside them is refused with its line', () => {
    const occupation = buildGeneralizer('occupation', { type: 'custom', rows: [['Tech-support', 'Technical', '*'], ['Sales', 'Nontechnical', '*']] });
    expect(occupation.levels('Sales', 2)).toEqual(['Sales', 'Nontechnical', '*']);
    expect(() => occupation.levels('Pilot', 7)).toThrow(/Column "occupation", line 7: "Pilot" is not in the custom hierarchy/);
  });
});
