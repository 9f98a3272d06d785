/**
 * The core's error hierarchy. Every error the core throws is an AnalyticsError with a stable `code`;
 * tests and the edges (CLI exit codes, HTTP statuses) match on the code, never on the message.
 */
export type AnalyticsErrorCode =
  | 'INVALID_INPUT'
  | 'SHAPE_MISMATCH'
  | 'UNKNOWN_CODE'
  | 'INCONSISTENT_DATA'
  | 'CONVERGENCE';

export class AnalyticsError extends Error {
  readonly code: AnalyticsErrorCode;
  readonly details: Readonly<Record<string, unknown>>;
  constructor(code: AnalyticsErrorCode, message: string, details: Record<string, unknown> = {}) {
    super(message);
    this.name = 'AnalyticsError';
    this.code = code;
    this.details = Object.freeze({ ...details });
  }
}

/** Input that violates a function's documented contract (negative counts, wrong lengths, bad options). */
export class InvalidInputError extends AnalyticsError {
  constructor(message: string, details: Record<string, unknown> = {}) {
    super('INVALID_INPUT', message, details);
    this.name = 'InvalidInputError';
  }
}

/** Arrays whose lengths do not agree with the declared shape. */
export class ShapeMismatchError extends AnalyticsError {
  constructor(message: string, details: Record<string, unknown> = {}) {
    super('SHAPE_MISMATCH', message, details);
    this.name = 'ShapeMismatchError';
  }
}

/** A code (industry, region, cluster) that the classification in use does not know. */
export class UnknownCodeError extends AnalyticsError {
  constructor(message: string, details: Record<string, unknown> = {}) {
    super('UNKNOWN_CODE', message, details);
    this.name = 'UnknownCodeError';
  }
}

/** Data that contradicts itself (children above their parent, ranges that cannot hold). */
export class InconsistentDataError extends AnalyticsError {
  constructor(message: string, details: Record<string, unknown> = {}) {
    super('INCONSISTENT_DATA', message, details);
    this.name = 'InconsistentDataError';
  }
}

/** An iterative method that did not reach its tolerance within maxIterations. */
export class ConvergenceError extends AnalyticsError {
  readonly maxIterations: number;
  readonly tolerance: number;
  constructor(message: string, maxIterations: number, tolerance: number, details: Record<string, unknown> = {}) {
    super('CONVERGENCE', message, { ...details, maxIterations, tolerance });
    this.name = 'ConvergenceError';
    this.maxIterations = maxIterations;
    this.tolerance = tolerance;
  }
}
