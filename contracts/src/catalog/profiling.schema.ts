import { z } from 'zod';
import { COLUMN_TYPES, IDENTIFIER_KINDS, type ColumnIdentifierKind } from './dataset.schema';

/**
 * CSV column profiling: `POST /api/v1/catalog/profile` with a CSV in the multipart field `file`.
 *
 * What the numbers mean (the product decisions, in one place):
 * - `rows` is the number of DATA rows in the whole file (header and blank lines excluded). The
 *   whole upload is always streamed — to enforce the size limit and to check every line's
 *   structure — so the total is exact and cheap; only the first PROFILE_SAMPLE_ROWS data rows
 *   are profiled. `sampledRows` says how many were, `sampled` is true when that is fewer than
 *   `rows`. A data steward describing a dataset wants its real size, not the sample's.
 * - Shares are fractions 0-1 rounded to 4 decimals. `nullShare` is over the sampled rows;
 *   `typeShare` and detection shares are over the NON-NULL sampled values.
 * - Nulls: empty or blank cells and the markers in PROFILE_NULL_MARKERS (case-insensitive).
 * - `distinctCount`: exact number of distinct non-null values (trimmed, case-sensitive) in the sample.
 * - `inferredType`: the first of boolean, integer, decimal, date, datetime whose values make up at
 *   least PROFILE_TYPE_SHARE_THRESHOLD of the non-null values (integers count as decimals, dates as
 *   datetimes), else `text`. 0/1 are integers, not booleans. Digits with leading zeros (`01`,
 *   `06700`) and columns detected as codes or identifiers are `text`: their zeros matter and
 *   arithmetic on them is meaningless. Dates are read as ISO (YYYY-MM-DD) or day first
 *   (DD/MM/YYYY, the Mexican convention; month first only when the day cannot be a month).
 * - `detected`: each kind whose share of non-null values is at least PROFILE_DETECTION_MIN_SHARE,
 *   best first. `confidence` is `high` when the share reaches PROFILE_DETECTION_THRESHOLD and the
 *   kind is unambiguous — by its own structure (CURP, RFC, e-mail, formatted phone) or because the
 *   header names it (e.g. `curp`, `fecha_nacimiento`, `cp`, `cve_mun`) — and `low` otherwise.
 *   Kinds that bare digits cannot prove (INEGI codes, SCIAN, postal codes, plain 10-digit phones,
 *   dates of birth) need a header hint for `high`.
 * - `suggestedIdentifierKind`: from the detections at or above PROFILE_DETECTION_THRESHOLD (either
 *   confidence) mapped by DETECTED_KIND_IDENTIFIER — `direct` wins over `quasi`; without one, a
 *   header that names a personal kind still suggests its class (with a `HEADER_ONLY` warning);
 *   else `none`. Profiling never suggests `sensitive`: that needs a person's judgement.
 * - Encoding: valid UTF-8 (with or without BOM) is read as UTF-8, anything else as windows-1252
 *   (Latin-1 plus the Windows punctuation). UTF-16 and binary files are refused.
 * - Delimiter: whichever of `,` `;` tab `|` occurs most in the header line outside quotes.
 * - No value from the file is echoed in warnings or errors: uploads may hold personal data.
 */

/** Largest accepted upload (50 MiB); past it the API answers 413 and stops reading. */
export const PROFILE_MAX_BYTES = 50 * 1024 * 1024;
/** Data rows profiled from the start of the file; the rest are only counted and checked. */
export const PROFILE_SAMPLE_ROWS = 10_000;
/** The sample also stops at this many bytes (very wide rows), so memory stays bounded. */
export const PROFILE_SAMPLE_MAX_BYTES = 16 * 1024 * 1024;
/** Share of non-null values a type needs to become the column's inferredType. */
export const PROFILE_TYPE_SHARE_THRESHOLD = 0.95;
/** Share of non-null values a kind needs to drive suggestedIdentifierKind (and `high` confidence). */
export const PROFILE_DETECTION_THRESHOLD = 0.8;
/** Share of non-null values a kind needs to be listed in `detected` at all. */
export const PROFILE_DETECTION_MIN_SHARE = 0.5;
/** Cell values read as null (compared trimmed and lower-cased), besides empty or blank cells. */
export const PROFILE_NULL_MARKERS = ['na', 'n/a', '#n/a', 'n/d', 'null', 'nil', 'none', 'nan', '-', '--', 's/d'] as const;

export const DETECTED_KINDS = ['curp', 'rfc', 'email', 'phone', 'inegi_state', 'inegi_municipality', 'scian', 'date_of_birth', 'postal_code'] as const;
export type DetectedKind = (typeof DETECTED_KINDS)[number];

/** The identifier class each detected kind suggests for the dataset column. */
export const DETECTED_KIND_IDENTIFIER: Readonly<Record<DetectedKind, Exclude<ColumnIdentifierKind, 'sensitive'>>> = Object.freeze({
  curp: 'direct',
  rfc: 'direct',
  email: 'direct',
  phone: 'direct',
  inegi_state: 'quasi',
  inegi_municipality: 'quasi',
  scian: 'quasi',
  date_of_birth: 'quasi',
  postal_code: 'quasi',
});

export const PROFILE_ENCODINGS = ['utf-8', 'windows-1252'] as const;
export const PROFILE_DELIMITERS = [',', ';', '\t', '|'] as const;

/**
 * Warning codes (stable, for translation); `message` is an English sentence with the figures.
 * Column: ALL_NULL, MOSTLY_NULL, TYPE_MISMATCH, LEADING_ZEROS, CONSTANT, UNIQUE_VALUES,
 * MIXED_DATE_ORDER, PARTIAL_MATCH, LOW_CONFIDENCE, HEADER_ONLY, CURP_INVALID, RFC_CHECK_DIGIT,
 * RFC_COMPANIES, EMPTY_NAME, DUPLICATE_NAME.
 * File: SAMPLED, SAMPLE_BYTES_LIMIT, BLANK_LINES_SKIPPED, MIXED_ENCODING.
 */
export const profileWarningSchema = z.object({ code: z.string(), message: z.string() });
export type ProfileWarning = z.infer<typeof profileWarningSchema>;

export const detectedKindSchema = z.object({
  kind: z.enum(DETECTED_KINDS),
  share: z.number().min(0).max(1),
  confidence: z.enum(['high', 'low']),
});
export type DetectedKindShare = z.infer<typeof detectedKindSchema>;

export const columnProfileSchema = z.object({
  /** Header text (trimmed); `column_N` (1-based) when the header cell is empty. */
  name: z.string(),
  /** 0-based position in the file. */
  index: z.number().int().min(0),
  inferredType: z.enum(COLUMN_TYPES),
  /** Share of non-null values that are of inferredType (1 for text; 0 when every value is null). */
  typeShare: z.number().min(0).max(1),
  nullShare: z.number().min(0).max(1),
  distinctCount: z.number().int().min(0),
  detected: z.array(detectedKindSchema),
  warnings: z.array(profileWarningSchema),
  suggestedIdentifierKind: z.enum(IDENTIFIER_KINDS),
});
export type ColumnProfile = z.infer<typeof columnProfileSchema>;

export const csvProfileSchema = z.object({
  /** Data rows in the whole file (header and blank lines excluded): always the exact total. */
  rows: z.number().int().min(1),
  /** Data rows profiled: min(rows, PROFILE_SAMPLE_ROWS), fewer only for very wide rows. */
  sampledRows: z.number().int().min(1),
  /** True when only the first `sampledRows` of `rows` were profiled. */
  sampled: z.boolean(),
  /** Bytes in the uploaded file. */
  bytes: z.number().int().min(1),
  encoding: z.enum(PROFILE_ENCODINGS),
  /** True when the file starts with a UTF-8 byte order mark (stripped before reading). */
  bom: z.boolean(),
  delimiter: z.enum(PROFILE_DELIMITERS),
  columns: z.array(columnProfileSchema),
  /** File-level findings (sampling, skipped blank lines, mixed encodings). */
  warnings: z.array(profileWarningSchema),
});
export type CsvProfile = z.infer<typeof csvProfileSchema>;
