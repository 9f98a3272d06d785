import type { ImportReport } from './import-service.js';

/** Thrown by ImportService.commit() when the file is refused: the report says why (nothing was written). */
export class ImportRefusedError extends Error {
  readonly code = 'VALIDATION_FAILED';
  readonly report: ImportReport;
  constructor(report: ImportReport) {
    const first = report.errors[0];
    super(`import refused, ${report.errorCount} error(s), nothing written${first ? `. First: ${first.file}:${first.line}: field ${first.field}: ${first.message}` : ''}`);
    this.name = 'ImportRefusedError';
    this.report = report;
  }
}
