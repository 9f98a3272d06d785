/** What is wrong with an analysis CSV file; stable, for tests and the edges to match on. */
export type AnalysisCsvErrorCode = 'EMPTY_FILE' | 'MISSING_COLUMN' | 'EMPTY_KEY' | 'REPEATED_KEY' | 'NOT_NUMERIC' | 'NEGATIVE_VALUE' | 'INVALID_VALUE' | 'UNKNOWN_COLUMN' | 'REPEATED_COLUMN' | 'UNKNOWN_INDICATOR';

/**
 * An input CSV file of `clusterlens compute` that breaks the contract: the message starts with
 * `file:line:column:` (1-based; the header is line 1) and names the column.
 */
export class AnalysisCsvError extends Error {
  readonly code: AnalysisCsvErrorCode;
  readonly file: string;
  /** 1-based line of the offending row (1 = header). */
  readonly line: number;
  /** 1-based column position of the offending field (the first column for a missing column). */
  readonly column: number;
  /** Name of the offending column, as spelled in the contract. */
  readonly field: string;
  constructor(code: AnalysisCsvErrorCode, file: string, line: number, column: number, field: string, message: string) {
    super(`${file}:${line}:${column}: ${message}`);
    this.name = 'AnalysisCsvError';
    this.code = code;
    this.file = file;
    this.line = line;
    this.column = column;
    this.field = field;
  }
}
