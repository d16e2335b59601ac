/** One thing wrong with the input: where (column, line of the CSV, policy path) and what. */
export interface AnonymizationProblem {
  /** `policy.k`, `policy.columns.edad`, `file`, or the column name. */
  readonly path: string;
  /** 1-based line of the CSV (the header is line 1), when the problem is in the data. */
  readonly line?: number;
  readonly message: string;
}

export type AnonymizationErrorCode = 'INVALID_POLICY' | 'INVALID_FILE' | 'INVALID_VALUE' | 'IDENTIFIER_NOT_PROTECTED' | 'CANCELLED';

/**
 * Bad input for the engine, said exactly: what is wrong and where. The API answers it as
 * 400 with `details` = the problems; nothing about it is an internal error.
 */
export class AnonymizationError extends Error {
  constructor(
    readonly code: AnonymizationErrorCode,
    message: string,
    readonly problems: readonly AnonymizationProblem[] = [],
  ) {
    super(message);
    this.name = 'AnonymizationError';
  }
}

export function invalidValue(column: string, line: number, message: string): AnonymizationError {
  return new AnonymizationError('INVALID_VALUE', `Column "${column}", line ${line}: ${message}`, [{ path: column, line, message }]);
}
