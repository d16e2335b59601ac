import { actionForKind, catalogColumnFor, defaultColumnAction, defaultColumnActions, guessHierarchy, normalizeName } from './column-defaults';

describe('column defaults', () => {
  it('normalizes names without case or accents', () => {
    expect(normalizeName('  Código_Postal ')).toBe('codigo_postal');
  });

  it.each([
    ['municipio', 'inegi'],
    ['CVE_ENT', 'inegi'],
    ['cve_mun', 'inegi'],
    ['entidad_federativa', 'inegi'],
    ['Localidad', 'inegi'],
    ['scian', 'scian'],
    ['clase_actividad', 'scian'],
    ['actividad_economica', 'scian'],
    ['edad', 'interval'],
    ['Edad_Años', 'interval'],
    ['age', 'interval'],
    ['fecha_nacimiento', 'date'],
    ['nacimiento', 'date'],
    ['start_date', 'date'],
    ['cp', 'redact'],
    ['codigo_postal', 'redact'],
    ['Código Postal', 'redact'],
    ['ocupacion', 'redact'],
  ])('guesses the hierarchy of "%s" as %s', (name, expected) => {
    expect(guessHierarchy(name)).toBe(expected);
  });

  it('does not take words inside others for geography or ages', () => {
    expect(guessHierarchy('identidad')).toBe('redact');
    expect(guessHierarchy('percentage')).toBe('redact');
  });

  it('uses the catalog type for dates whatever the name', () => {
    expect(guessHierarchy('alta', 'date')).toBe('date');
    expect(guessHierarchy('registrado', 'datetime')).toBe('date');
    expect(guessHierarchy('registrado', 'text')).toBe('redact');
  });

  it('maps identifier kinds to actions', () => {
    expect(actionForKind('direct')).toBe('pseudonymize');
    expect(actionForKind('quasi')).toBe('generalize');
    expect(actionForKind('sensitive')).toBe('sensitive');
    expect(actionForKind('none')).toBe('keep');
    expect(actionForKind(undefined)).toBe('keep');
  });

  it('takes the action from the catalog kind and guesses the hierarchy', () => {
    expect(defaultColumnAction('edad', { name: 'edad', type: 'integer', identifierKind: 'quasi' })).toEqual({
      name: 'edad',
      action: 'generalize',
      hierarchy: 'interval',
      widths: '5,10,20',
      customRows: '',
    });
    expect(defaultColumnAction('curp', { name: 'curp', type: 'text', identifierKind: 'direct' }).action).toBe('pseudonymize');
    expect(defaultColumnAction('ingreso', { name: 'ingreso', type: 'decimal', identifierKind: 'sensitive' }).action).toBe('sensitive');
    expect(defaultColumnAction('folio', { name: 'folio', type: 'text', identifierKind: 'none' }).action).toBe('keep');
  });

  it('without the catalog, pseudonymizes CURP and RFC columns and keeps the rest', () => {
    expect(defaultColumnAction('CURP').action).toBe('pseudonymize');
    expect(defaultColumnAction('rfc_empleador').action).toBe('pseudonymize');
    expect(defaultColumnAction('municipio')).toMatchObject({ action: 'keep', hierarchy: 'inegi' });
  });

  it('matches file columns to catalog columns ignoring case and accents', () => {
    const catalog = [
      { name: 'Municipio', type: 'text' as const, identifierKind: 'quasi' as const },
      { name: 'ocupación', type: 'text' as const, identifierKind: 'sensitive' as const },
    ];
    expect(catalogColumnFor('municipio', catalog)?.name).toBe('Municipio');
    expect(catalogColumnFor('OCUPACION', catalog)?.identifierKind).toBe('sensitive');
    expect(catalogColumnFor('otra', catalog)).toBeNull();
    expect(catalogColumnFor('otra', null)).toBeNull();
    expect(defaultColumnActions(['municipio', 'ocupacion', 'folio'], catalog).map((column) => column.action)).toEqual(['generalize', 'sensitive', 'keep']);
  });
});
