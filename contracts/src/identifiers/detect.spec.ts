import { detectIdentifierKind, looksLikeCurp, looksLikeRfc, syntheticCompanyRfc, syntheticCurp } from './index';

const curps = ['AA', 'BE', 'CI', 'DO', 'FU'].map((initials, i) =>
  syntheticCurp({ initials: `${initials}XA`, birthDate: `199${i}-0${i + 1}-1${i}`, sex: 'M', stateCode: 'JC', consonants: 'XXN' }),
);
const rfcs = ['ABC', 'DEF', 'GHI', 'JKL'].map((name) => syntheticCompanyRfc(name, '150101', 'A1'));
const badCheckRfc = 'SIN9311169P8'; // structurally valid, wrong check character
const badCheckCurp = 'PEGL890909MJCRMS09';

describe('detectIdentifierKind', () => {
  it('recognises a column of CURPs, ignoring empty cells', () => {
    expect(detectIdentifierKind([...curps, '', '   '])).toEqual({ kind: 'curp', share: 1 });
  });

  it('sets the kind at exactly 80% and not below', () => {
    expect(detectIdentifierKind([...curps.slice(0, 4), 'n/a'])).toEqual({ kind: 'curp', share: 0.8 });
    expect(detectIdentifierKind([...curps.slice(0, 3), 'n/a'])).toEqual({ kind: null, share: 0.75 });
  });

  it('does not count CURPs with a wrong check digit', () => {
    expect(detectIdentifierKind([...curps.slice(0, 4), badCheckCurp])).toEqual({ kind: 'curp', share: 0.8 });
    expect(detectIdentifierKind([...curps.slice(0, 3), badCheckCurp, badCheckCurp])).toEqual({ kind: null, share: 0.6 });
  });

  it('counts RFCs by structure, a failed check character included', () => {
    expect(detectIdentifierKind([...rfcs, badCheckRfc])).toEqual({ kind: 'rfc', share: 1 });
    expect(detectIdentifierKind([...rfcs, 'RET131305MD5'])).toEqual({ kind: 'rfc', share: 0.8 });
  });

  it('returns no kind for mixed, empty or null columns', () => {
    expect(detectIdentifierKind([...curps.slice(0, 2), ...rfcs.slice(0, 2)])).toEqual({ kind: null, share: 0.5 });
    expect(detectIdentifierKind([])).toEqual({ kind: null, share: 0 });
    expect(detectIdentifierKind(['', ' ', null as unknown as string])).toEqual({ kind: null, share: 0 });
  });
});

describe('looksLikeCurp / looksLikeRfc', () => {
  it('test the shape after normalization only', () => {
    expect(looksLikeCurp(' pegl-890909-mjcrms09 ')).toBe(true); // shape only: check digit not tested
    expect(looksLikeCurp('PEGL890909XJCRMS08')).toBe(false);
    expect(looksLikeCurp('RET130705MD5')).toBe(false);
    expect(looksLikeRfc('mhtr-930411/79a')).toBe(true);
    expect(looksLikeRfc('Ñ&T130705MD6')).toBe(true);
    expect(looksLikeRfc('RET131305MD5')).toBe(true); // shape only: date not tested
    expect(looksLikeRfc('ABCD12345678')).toBe(false);
    expect(looksLikeRfc('PEGL890909MJCRMS08')).toBe(false);
  });
});
