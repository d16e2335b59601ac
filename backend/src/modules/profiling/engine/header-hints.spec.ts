import { headerHints, headerWords } from './header-hints';

const kinds = (header: string) => [...headerHints(header).kinds].sort();

describe('header hints', () => {
  it('splits headers into accent-free words, at camelCase too', () => {
    expect(headerWords('FechaNacimiento')).toEqual(['fecha', 'nacimiento']);
    expect(headerWords('Código Postal (CP)')).toEqual(['codigo', 'postal', 'cp']);
    expect(headerWords('cve_ent')).toEqual(['cve', 'ent']);
  });

  it('names the kinds a header suggests', () => {
    expect(kinds('CURP')).toEqual(['curp']);
    expect(kinds('rfc_emisor')).toEqual(['rfc']);
    expect(kinds('Correo electrónico')).toEqual(['email']);
    expect(kinds('e-mail')).toEqual(['email']);
    expect(kinds('Teléfono celular')).toEqual(['phone']);
    expect(kinds('cve_ent')).toEqual(['inegi_state']);
    expect(kinds('Entidad federativa')).toEqual(['inegi_state']);
    expect(kinds('cve_mun')).toEqual(['inegi_municipality']);
    expect(kinds('clave_municipio')).toEqual(['inegi_municipality']);
    expect(kinds('codigo_scian')).toEqual(['scian']);
    expect(kinds('fecha_nacimiento')).toEqual(['date_of_birth']);
    expect(kinds('FNAC')).toEqual(['date_of_birth']);
    expect(kinds('DOB')).toEqual(['date_of_birth']);
    expect(kinds('cp')).toEqual(['postal_code']);
    expect(kinds('codigo_postal')).toEqual(['postal_code']);
    expect(kinds('monto')).toEqual([]);
  });

  it('needs short hints to be whole words', () => {
    expect(kinds('cpu')).toEqual([]);
    expect(kinds('telescopio')).toEqual([]);
    expect(kinds('mundial')).toEqual([]);
  });

  it('tells dates that are not births and numbers that are not codes', () => {
    expect(headerHints('fecha_registro').notBirth).toBe(true);
    expect(headerHints('fecha_nacimiento').notBirth).toBe(false);
    expect(headerHints('mes').notCode).toBe(true);
    expect(headerHints('edad').notCode).toBe(true);
    expect(headerHints('cve_ent').notCode).toBe(false);
  });
});
