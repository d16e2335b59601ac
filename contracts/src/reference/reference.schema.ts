import { z } from 'zod';
import { inegiStateCodeSchema } from '../identity/organization.schema';

/**
 * Reference data: INEGI geography (states, municipalities) and SCIAN 2018 (the Mexican edition of the
 * North American industry classification). Read-only, public, loaded by a migration.
 */

export const SCIAN_LEVELS = ['sector', 'subsector', 'rama', 'subrama', 'clase'] as const;
export type ScianLevel = (typeof SCIAN_LEVELS)[number];
export type ScianDigits = 2 | 3 | 4 | 5 | 6;

/** How many digits a code of each level has (a range sector such as `31-33` counts as 2). */
export const SCIAN_LEVEL_DIGITS: Record<ScianLevel, ScianDigits> = { sector: 2, subsector: 3, rama: 4, subrama: 5, clase: 6 };

/**
 * The two SCIAN sectors that span several 2-digit codes, stored under their range code. Each 2-digit code
 * of a range is accepted as an alias of it (`32` means sector `31-33`).
 */
export const SCIAN_RANGE_SECTORS: Readonly<Record<string, readonly string[]>> = {
  '31-33': ['31', '32', '33'],
  '48-49': ['48', '49'],
};

/** The stored code for a SCIAN code: a 2-digit alias of a range sector becomes the range (`32` → `31-33`); anything else is returned as is. */
export function resolveScianAlias(code: string): string {
  for (const [range, aliases] of Object.entries(SCIAN_RANGE_SECTORS)) {
    if (aliases.includes(code)) return range;
  }
  return code;
}

/** Lower case without diacritics, for accent-insensitive matching ("Querétaro" → "queretaro", "Peñón" → "penon"). */
export function foldForSearch(text: string): string {
  return text.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase();
}

export const refStateSchema = z.object({
  /** INEGI key, two digits `01`–`32`. */
  code: z.string(),
  name: z.string(),
  abbreviation: z.string(),
  /** RENAPO two-letter code used inside CURPs (e.g. `DF` for Ciudad de México). */
  curpCode: z.string(),
  municipalityCount: z.number().int(),
});
export type RefState = z.infer<typeof refStateSchema>;

export const refMunicipalitySchema = z.object({
  /** CVEGEO: five digits, state (2) + municipality (3). */
  code: z.string(),
  stateCode: z.string(),
  name: z.string(),
  population2020: z.number().int(),
});
export type RefMunicipality = z.infer<typeof refMunicipalitySchema>;

export const scianEntrySchema = z.object({
  /** 2–6 digits, or a range sector (`31-33`, `48-49`). */
  code: z.string(),
  level: z.enum(SCIAN_LEVELS),
  title: z.string(),
  parentCode: z.string().nullable(),
  /** The sector it belongs to, as stored (a range code for manufacturing and transport). */
  sector: z.string(),
  digits: z.number().int().min(2).max(6),
});
export type ScianEntry = z.infer<typeof scianEntrySchema>;

/** Reference lists are small rows meant for pickers: pages may be large enough to hold a whole state. */
const referencePage = {
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(1000).default(50),
};

const searchText = z.string().trim().max(100).optional();

export const municipalityListQuerySchema = z.object({
  state: inegiStateCodeSchema.optional(),
  /** Accent- and case-insensitive; every word must appear in the name. Digits match the start of the code. */
  q: searchText,
  ...referencePage,
});
export type MunicipalityListQuery = z.infer<typeof municipalityListQuerySchema>;

export const scianSearchQuerySchema = z.object({
  /** Accent- and case-insensitive; every word must appear in the title. Digits match the start of the code. */
  q: searchText,
  digits: z.coerce
    .number()
    .int('must be 2, 3, 4, 5 or 6')
    .min(2, 'must be 2, 3, 4, 5 or 6')
    .max(6, 'must be 2, 3, 4, 5 or 6')
    .transform((digits) => digits as ScianDigits)
    .optional(),
  /** Children of this code; with `digits`, its descendants at that level. `32` is read as sector `31-33` (only its `32x` subsectors). */
  parent: z
    .string()
    .regex(/^(\d{2}-\d{2}|\d{2,5})$/, 'must be a SCIAN code of 2 to 5 digits or a range sector such as 31-33')
    .optional(),
  ...referencePage,
});
export type ScianSearchQuery = z.infer<typeof scianSearchQuerySchema>;
