/**
 * Why a CSV cannot be profiled. The HTTP layer turns `too_large` into 413 and every other code
 * into 400, with `line` (1-based physical line of the file) in the detail path when known.
 * Messages never quote file content: uploads may hold personal data.
 */
export type ProfilingErrorCode =
  | 'EMPTY_FILE'
  | 'NO_DATA_ROWS'
  | 'BINARY_FILE'
  | 'UNSUPPORTED_ENCODING'
  | 'RAGGED_ROW'
  | 'UNTERMINATED_QUOTE'
  | 'INVALID_QUOTE'
  | 'TOO_LARGE';

export class ProfilingError extends Error {
  constructor(
    readonly code: ProfilingErrorCode,
    message: string,
    /** Physical line (1-based) where the problem is, when it is on a line. */
    readonly line?: number,
  ) {
    super(message);
    this.name = 'ProfilingError';
  }
}
