import en from '../../../assets/i18n/en.json';
import esMx from '../../../assets/i18n/es-MX.json';

type Tree = { [key: string]: string | Tree };

function flatten(tree: Tree, prefix = ''): Record<string, string> {
  return Object.entries(tree).reduce<Record<string, string>>((keys, [key, value]) => {
    const path = prefix ? `${prefix}.${key}` : key;
    return typeof value === 'string' ? { ...keys, [path]: value } : { ...keys, ...flatten(value, path) };
  }, {});
}

describe('translation files', () => {
  const spanish = flatten(esMx);
  const english = flatten(en);

  it('have the same keys in es-MX and en', () => {
    expect(Object.keys(english).sort()).toEqual(Object.keys(spanish).sort());
  });

  it('have no empty text', () => {
    const empty = [...Object.entries(spanish), ...Object.entries(english)].filter(([, text]) => text.trim() === '');
    expect(empty).toEqual([]);
  });

  it('use the same interpolation parameters in both languages', () => {
    const params = (text: string) => (text.match(/{{\s*\w+\s*}}/g) ?? []).map((p) => p.replace(/\s/g, '')).sort();
    for (const [key, text] of Object.entries(spanish)) {
      expect({ key, params: params(english[key] ?? '') }).toEqual({ key, params: params(text) });
    }
  });
});
