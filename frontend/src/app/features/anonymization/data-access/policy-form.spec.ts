import type { ColumnActionValue } from './column-defaults';
import { buildPolicy, checkPolicy, customRowsProblem, parseCustomRows, parseWidths, percentToShare, sensitiveColumns, widthsProblem, type PolicyFormValue } from './policy-form';

const column = (name: string, overrides: Partial<ColumnActionValue> = {}): ColumnActionValue => ({
  name,
  action: 'keep',
  hierarchy: 'redact',
  widths: '5,10,20',
  customRows: '',
  ...overrides,
});

const form = (overrides: Partial<PolicyFormValue> = {}): PolicyFormValue => ({
  k: 5,
  suppressionPercent: 5,
  lDiversity: { enabled: false, column: null, l: 2 },
  columns: [],
  ...overrides,
});

describe('policy form', () => {
  it('parses interval widths', () => {
    expect(parseWidths('5,10,20')).toEqual([5, 10, 20]);
    expect(parseWidths(' 5; 10 20 ')).toEqual([5, 10, 20]);
    expect(parseWidths('0.5,1')).toEqual([0.5, 1]);
    expect(parseWidths('5,x')).toBeNull();
    expect(parseWidths('-5')).toBeNull();
    expect(parseWidths('')).toBeNull();
  });

  it('says what is wrong with widths', () => {
    expect(widthsProblem('5,10,20')).toBeNull();
    expect(widthsProblem('')).toBe('required');
    expect(widthsProblem('5,a')).toBe('widths');
    expect(widthsProblem('5,12')).toBe('widthsNest');
    expect(widthsProblem('10,5')).toBe('widthsNest');
  });

  it('parses custom hierarchy rows as CSV, trimming and skipping blank lines', () => {
    expect(parseCustomRows('Mérida, Yucatán, Sureste\n\n"Ciudad de México, CDMX",CDMX,Centro\r\n')).toEqual([
      ['Mérida', 'Yucatán', 'Sureste'],
      ['Ciudad de México, CDMX', 'CDMX', 'Centro'],
    ]);
    expect(customRowsProblem('a,b\nc,d')).toBeNull();
    expect(customRowsProblem('  ')).toBe('required');
    expect(customRowsProblem('a\nb,c')).toBe('customRowsShort');
    expect(customRowsProblem('a,b\nc,d,e')).toBe('customRowsWidth');
  });

  it('turns a percent into a share without float noise', () => {
    expect(percentToShare(5)).toBe(0.05);
    expect(percentToShare(12.5)).toBe(0.125);
    expect(percentToShare(0)).toBe(0);
    expect(percentToShare(100)).toBe(1);
  });

  it('builds the policy of the contract from the form', () => {
    const policy = buildPolicy(
      form({
        k: 3,
        suppressionPercent: 10,
        lDiversity: { enabled: true, column: 'diagnostico', l: 2 },
        columns: [
          column('curp', { action: 'pseudonymize' }),
          column('nombre', { action: 'drop' }),
          column('municipio', { action: 'generalize', hierarchy: 'inegi' }),
          column('edad', { action: 'generalize', hierarchy: 'interval', widths: '5, 10, 20' }),
          column('fecha', { action: 'generalize', hierarchy: 'date' }),
          column('zona', { action: 'generalize', hierarchy: 'custom', customRows: 'norte,A\nsur,A' }),
          column('diagnostico', { action: 'sensitive' }),
          column('folio', { action: 'keep', hierarchy: 'interval', widths: 'nonsense' }),
        ],
      }),
    );
    expect(policy).toEqual({
      k: 3,
      suppressionLimit: 0.1,
      lDiversity: { column: 'diagnostico', l: 2 },
      columns: {
        curp: { action: 'pseudonymize' },
        nombre: { action: 'drop' },
        municipio: { action: 'generalize', hierarchy: { type: 'inegi' } },
        edad: { action: 'generalize', hierarchy: { type: 'interval', widths: [5, 10, 20] } },
        fecha: { action: 'generalize', hierarchy: { type: 'date' } },
        zona: { action: 'generalize', hierarchy: { type: 'custom', rows: [['norte', 'A'], ['sur', 'A']] } },
        diagnostico: { action: 'sensitive' },
        folio: { action: 'keep' },
      },
    });
    expect(checkPolicy(policy)).toEqual([]);
  });

  it('leaves ℓ-diversity out unless it is on and names a column', () => {
    expect(buildPolicy(form({ columns: [column('a')], lDiversity: { enabled: false, column: 'a', l: 3 } }))).not.toHaveProperty('lDiversity');
    expect(buildPolicy(form({ columns: [column('a')], lDiversity: { enabled: true, column: null, l: 3 } }))).not.toHaveProperty('lDiversity');
  });

  it('checks the policy against the contract, with the API’s paths', () => {
    const policy = buildPolicy(
      form({
        k: 1,
        lDiversity: { enabled: true, column: 'a', l: 2 },
        columns: [column('a'), column('edad', { action: 'generalize', hierarchy: 'interval', widths: '5,12' })],
      }),
    );
    const paths = checkPolicy(policy).map((problem) => problem.path);
    expect(paths).toEqual(expect.arrayContaining(['policy.k', 'policy.columns.edad.hierarchy.widths', 'policy.lDiversity.column']));
  });

  it('lists the sensitive columns for ℓ-diversity', () => {
    expect(sensitiveColumns([column('a', { action: 'sensitive' }), column('b'), column('c', { action: 'sensitive' })])).toEqual(['a', 'c']);
  });
});
