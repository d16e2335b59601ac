/** The anonymization engine: no NestJS, no database; a CSV in, a CSV and a risk report out. */
export { anonymize, pseudonym, type AnonymizeOptions } from './anonymize';
export type { CsvSource } from './csv-io';
export { AnonymizationError, type AnonymizationErrorCode, type AnonymizationProblem } from './errors';
export { parsePolicy, type AnonymizationPolicy, type ColumnAction, type HierarchySpec } from './policy';
export type { AnonymizationReport, ClassSizeBucket } from './report';
export { checkInput, type InputSummary } from './input-scanner';
