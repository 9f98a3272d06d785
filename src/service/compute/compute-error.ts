/** What went wrong computing a method from otherwise well-formed files. */
export type ComputeErrorCode = 'INVALID_OPTION' | 'UNKNOWN_OPTION' | 'MISSING_INPUT' | 'UNUSED_INPUT' | 'INCONSISTENT_INPUT' | 'NOT_AVAILABLE';

/**
 * An error of the compute service. INVALID_OPTION, UNKNOWN_OPTION, MISSING_INPUT and UNUSED_INPUT are mistakes in how the
 * method was called (the CLI maps them to a usage error, exit 2); INCONSISTENT_INPUT (files that do not fit
 * together) and NOT_AVAILABLE (a method whose kernel is not in the core yet) are runtime errors (exit 1).
 */
export class ComputeError extends Error {
  readonly code: ComputeErrorCode;
  constructor(code: ComputeErrorCode, message: string) {
    super(message);
    this.name = 'ComputeError';
    this.code = code;
  }
}
