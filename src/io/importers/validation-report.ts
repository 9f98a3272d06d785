/** Codes of the problems an importer reports; stable, matched by tests and shown to users. */
export type ValidationIssueCode =
  | 'NO_DATA'
  | 'MISSING_COLUMN'
  | 'FIELD_COUNT'
  | 'TRUNCATED'
  | 'ENCODING'
  | 'NOT_A_NUMBER'
  | 'NEGATIVE'
  | 'UNKNOWN_CODE'
  | 'UNKNOWN_REGION'
  | 'BAD_FLAG'
  | 'DUPLICATE'
  | 'INCONSISTENT'
  | 'MISSING_TOTAL'
  | 'BAD_YEAR';

/** One problem, located by file, line (1-based) and field. */
export interface ValidationIssue {
  file: string;
  line: number;
  field: string;
  code: ValidationIssueCode;
  message: string;
  value?: string;
}

/** What an importer found, before anything is written. */
export interface ValidationReport {
  file: string;
  layout: string;
  rowsRead: number;
  errorCount: number;
  warningCount: number;
  /** The first errors (at most `limit`), in file order. */
  errors: ValidationIssue[];
  warnings: ValidationIssue[];
  /** Counts of values by status after import (e.g. reported, estimated, suppressed). */
  summary: Record<string, number>;
}

/** Collects issues with a cap on how many are kept (all are counted). */
export class IssueCollector {
  readonly report: ValidationReport;
  private readonly limit: number;
  constructor(file: string, layout: string, limit = 100) {
    this.limit = limit;
    this.report = { file, layout, rowsRead: 0, errorCount: 0, warningCount: 0, errors: [], warnings: [], summary: {} };
  }
  error(issue: Omit<ValidationIssue, 'file'>): void {
    this.report.errorCount++;
    if (this.report.errors.length < this.limit) this.report.errors.push({ file: this.report.file, ...issue });
  }
  warning(issue: Omit<ValidationIssue, 'file'>): void {
    this.report.warningCount++;
    if (this.report.warnings.length < this.limit) this.report.warnings.push({ file: this.report.file, ...issue });
  }
}

/** Thrown when an import is refused; nothing has been written. Carries the whole report. */
export class ImportValidationError extends Error {
  readonly code = 'VALIDATION_FAILED';
  readonly report: ValidationReport;
  constructor(report: ValidationReport) {
    const first = report.errors[0];
    const where = first ? `${first.file}:${first.line}: field ${first.field}: ${first.message}` : report.file;
    super(`import refused, ${report.errorCount} error(s), nothing written. First: ${where}`);
    this.name = 'ImportValidationError';
    this.report = report;
  }
}

/** A human-readable listing of a report's errors and warnings. */
export function formatValidationReport(report: ValidationReport): string {
  const lines = [`${report.file} (${report.layout}): ${report.rowsRead} rows read, ${report.errorCount} error(s), ${report.warningCount} warning(s)`];
  for (const e of report.errors) lines.push(`  error   ${e.file}:${e.line} field ${e.field} [${e.code}] ${e.message}`);
  if (report.errorCount > report.errors.length) lines.push(`  … and ${report.errorCount - report.errors.length} more error(s)`);
  for (const w of report.warnings.slice(0, 20)) lines.push(`  warning ${w.file}:${w.line} field ${w.field} [${w.code}] ${w.message}`);
  if (report.warningCount > 20) lines.push(`  … and ${report.warningCount - 20} more warning(s)`);
  return lines.join('\n');
}
