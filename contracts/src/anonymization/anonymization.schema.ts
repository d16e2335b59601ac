import { z } from 'zod';

/**
 * Anonymization of a CSV: the policy a steward submits and the risk report of the result.
 *
 * - Every column of the file must be named in `columns` with an action (nothing passes
 *   unexamined) and no other column may be named; the engine checks this against the header.
 * - `generalize` columns are the quasi-identifiers: the engine finds one hierarchy level per
 *   column (full-domain generalization) satisfying k-anonymity — and distinct ℓ-diversity on
 *   the `lDiversity.column` when asked — removing at most `suppressionLimit` (a share, 0–1) of
 *   the records, with the least information loss (LM, see `informationLoss`).
 * - `pseudonymize`: HMAC-SHA-256 under a server-held key, 128 bits as 32 hex characters; the
 *   same value gives the same token under one key. CURP and RFC values may only be
 *   pseudonymized or dropped.
 * - Hierarchies: `inegi` (locality 9 → municipality 5 → state 2 digits → `*`, from the level
 *   of the codes in the file), `scian` (6 → 4 → 3 → 2 digits → `*`), `interval` (aligned to
 *   multiples of each width; each width a multiple of the one before), `date` (ISO day → month
 *   → year → `*`), `redact` (characters hidden from the right), `custom` (ARX-style rows: the
 *   value, then each level; every value of the column must have a row).
 */

export const ANONYMIZATION_HIERARCHY_TYPES = ['inegi', 'scian', 'interval', 'date', 'redact', 'custom'] as const;
export const ANONYMIZATION_COLUMN_ACTIONS = ['keep', 'drop', 'pseudonymize', 'sensitive', 'generalize'] as const;

export const anonymizationHierarchySchema = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('inegi') }),
  z.strictObject({ type: z.literal('scian') }),
  z.strictObject({ type: z.literal('interval'), widths: z.array(z.number().positive()).min(1) })
    .refine((spec) => spec.widths.every((width, i) => i === 0 || (width > spec.widths[i - 1] && Number.isInteger(width / spec.widths[i - 1]))), {
      message: 'widths must increase, each a multiple of the one before (e.g. [5, 10, 20]), so the intervals nest',
      path: ['widths'],
    }),
  z.strictObject({ type: z.literal('date') }),
  z.strictObject({ type: z.literal('redact') }),
  z.strictObject({ type: z.literal('custom'), rows: z.array(z.array(z.string()).min(2)).min(1) })
    .refine((spec) => new Set(spec.rows.map((row) => row.length)).size === 1, { message: 'every row must have the same number of levels', path: ['rows'] }),
]);
export type AnonymizationHierarchySpec = z.infer<typeof anonymizationHierarchySchema>;

export const anonymizationColumnActionSchema = z.discriminatedUnion('action', [
  z.strictObject({ action: z.literal('keep') }),
  z.strictObject({ action: z.literal('drop') }),
  z.strictObject({ action: z.literal('pseudonymize') }),
  z.strictObject({ action: z.literal('sensitive') }),
  z.strictObject({ action: z.literal('generalize'), hierarchy: anonymizationHierarchySchema }),
]);
export type AnonymizationColumnAction = z.infer<typeof anonymizationColumnActionSchema>;

export const anonymizationPolicySchema = z
  .strictObject({
    k: z.number().int().min(2),
    suppressionLimit: z.number().min(0).max(1),
    lDiversity: z.strictObject({ column: z.string().min(1), l: z.number().int().min(2) }).optional(),
    columns: z.record(z.string(), anonymizationColumnActionSchema).refine((columns) => Object.keys(columns).length > 0, { message: 'must name every column of the file' }),
  })
  .superRefine((policy, context) => {
    if (policy.lDiversity && policy.columns[policy.lDiversity.column]?.action !== 'sensitive') {
      context.addIssue({ code: 'custom', path: ['lDiversity', 'column'], message: `"${policy.lDiversity.column}" must be a column with the action "sensitive"` });
    }
  });
export type AnonymizationPolicy = z.infer<typeof anonymizationPolicySchema>;

export const anonymizationClassSizeBucketSchema = z.object({
  /** Class sizes from… to (inclusive); `to` null = and above. */
  from: z.number().int(),
  to: z.number().int().nullable(),
  classes: z.number().int(),
  records: z.number().int(),
});
export type AnonymizationClassSizeBucket = z.infer<typeof anonymizationClassSizeBucketSchema>;

/** The risk report of one anonymization. */
export const anonymizationReportSchema = z.object({
  k: z.number().int(),
  /** Smallest equivalence class left (null when every record was suppressed). */
  kAchieved: z.number().int().nullable(),
  suppressionLimit: z.number(),
  lDiversity: z.object({ column: z.string(), l: z.number().int() }).nullable(),
  records: z.object({ input: z.number().int(), output: z.number().int(), suppressed: z.number().int(), suppressedShare: z.number() }),
  equivalenceClasses: z.object({
    count: z.number().int(),
    minSize: z.number().int().nullable(),
    maxSize: z.number().int().nullable(),
    averageSize: z.number().nullable(),
    histogram: z.array(anonymizationClassSizeBucketSchema),
  }),
  /** Per generalized column: the level chosen (0 = as in the file), the hierarchy's height, the level's name. */
  levels: z.record(z.string(), z.object({ level: z.number().int(), height: z.number().int(), name: z.string() })),
  actions: z.record(z.string(), z.enum(ANONYMIZATION_COLUMN_ACTIONS)),
  /** Prosecutor model: highest = 1 / smallest class, average = classes / records kept. */
  risk: z.object({ prosecutorHighest: z.number(), prosecutorAverage: z.number(), recordsAtHighestRisk: z.number().int() }),
  /** LM (Iyengar 2002): mean over the quasi-identifier cells of (values covered − 1) / (distinct values − 1), a suppressed record losing 1 per cell. */
  informationLoss: z.object({ measure: z.literal('loss-metric'), description: z.string(), value: z.number().min(0).max(1) }),
  /** Nodes of the generalization lattice, nodes evaluated, nodes known to satisfy the model. */
  lattice: z.object({ nodes: z.number().int(), evaluated: z.number().int(), satisfying: z.number().int() }),
  delimiter: z.enum([',', ';', '\t', '|']),
  timeMs: z.number(),
});
export type AnonymizationReport = z.infer<typeof anonymizationReportSchema>;
