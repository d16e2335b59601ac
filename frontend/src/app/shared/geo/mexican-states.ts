import type { Locale } from '@convenio/contracts';

export interface MexicanState {
  /** INEGI key, 01–32. */
  readonly code: string;
  /** Official name (Spanish); proper names stay as they are in English… */
  readonly name: string;
  /** …except where English has its own usual name. */
  readonly english?: string;
}

/** The 32 federal entities of Mexico by INEGI key (Marco Geoestadístico). */
export const MEXICAN_STATES: readonly MexicanState[] = [
  { code: '01', name: 'Aguascalientes' },
  { code: '02', name: 'Baja California' },
  { code: '03', name: 'Baja California Sur' },
  { code: '04', name: 'Campeche' },
  { code: '05', name: 'Coahuila de Zaragoza' },
  { code: '06', name: 'Colima' },
  { code: '07', name: 'Chiapas' },
  { code: '08', name: 'Chihuahua' },
  { code: '09', name: 'Ciudad de México', english: 'Mexico City' },
  { code: '10', name: 'Durango' },
  { code: '11', name: 'Guanajuato' },
  { code: '12', name: 'Guerrero' },
  { code: '13', name: 'Hidalgo' },
  { code: '14', name: 'Jalisco' },
  { code: '15', name: 'México', english: 'State of Mexico' },
  { code: '16', name: 'Michoacán de Ocampo' },
  { code: '17', name: 'Morelos' },
  { code: '18', name: 'Nayarit' },
  { code: '19', name: 'Nuevo León' },
  { code: '20', name: 'Oaxaca' },
  { code: '21', name: 'Puebla' },
  { code: '22', name: 'Querétaro' },
  { code: '23', name: 'Quintana Roo' },
  { code: '24', name: 'San Luis Potosí' },
  { code: '25', name: 'Sinaloa' },
  { code: '26', name: 'Sonora' },
  { code: '27', name: 'Tabasco' },
  { code: '28', name: 'Tamaulipas' },
  { code: '29', name: 'Tlaxcala' },
  { code: '30', name: 'Veracruz de Ignacio de la Llave' },
  { code: '31', name: 'Yucatán' },
  { code: '32', name: 'Zacatecas' },
];

/** The name of a state key in a language; the key itself when unknown, '' for none. */
export function stateName(code: string | null | undefined, locale: Locale): string {
  if (!code) return '';
  const state = MEXICAN_STATES.find((candidate) => candidate.code === code);
  if (!state) return code;
  return locale === 'en' && state.english ? state.english : state.name;
}
