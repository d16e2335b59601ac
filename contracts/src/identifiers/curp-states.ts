// GENERATED from /work/shared/data/inegi/entidades.csv (columns renapo_curp_state_code -> cve_ent)
// by a one-off script; regenerate rather than edit by hand. NE (nacido en el extranjero,
// born abroad) is a valid CURP state code with no INEGI state, hence null.

/** RENAPO CURP state code (positions 12-13 of a CURP) -> INEGI state key (cve_ent). */
export const CURP_STATE_TO_INEGI: Readonly<Record<string, string | null>> = Object.freeze({
  AS: '01', // Aguascalientes
  BC: '02', // Baja California
  BS: '03', // Baja California Sur
  CC: '04', // Campeche
  CL: '05', // Coahuila de Zaragoza
  CM: '06', // Colima
  CS: '07', // Chiapas
  CH: '08', // Chihuahua
  DF: '09', // Ciudad de México
  DG: '10', // Durango
  GT: '11', // Guanajuato
  GR: '12', // Guerrero
  HG: '13', // Hidalgo
  JC: '14', // Jalisco
  MC: '15', // México
  MN: '16', // Michoacán de Ocampo
  MS: '17', // Morelos
  NT: '18', // Nayarit
  NL: '19', // Nuevo León
  OC: '20', // Oaxaca
  PL: '21', // Puebla
  QT: '22', // Querétaro
  QR: '23', // Quintana Roo
  SP: '24', // San Luis Potosí
  SL: '25', // Sinaloa
  SR: '26', // Sonora
  TC: '27', // Tabasco
  TS: '28', // Tamaulipas
  TL: '29', // Tlaxcala
  VZ: '30', // Veracruz de Ignacio de la Llave
  YN: '31', // Yucatán
  ZS: '32', // Zacatecas
  NE: null, // born abroad
});

/** Every state code a CURP may carry (the 32 states plus NE). */
export const CURP_STATE_CODES: readonly string[] = Object.freeze(Object.keys(CURP_STATE_TO_INEGI));
