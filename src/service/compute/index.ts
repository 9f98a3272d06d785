/** The `compute` use case: contract methods over parsed CSV inputs, shared by the CLI (and later the server). */
export { computeMethods, isComputeMethod } from './compute-methods.js';
export type { ComputeMethod, ComputeMethodName } from './compute-methods.js';
export { compute } from './compute.js';
export { ComputeError } from './compute-error.js';
export type { ComputeErrorCode } from './compute-error.js';
export type { ComputeInputs, InputName } from './compute-inputs.js';
export { flagOf } from './compute-inputs.js';
export type { ComputeDiagnostic, ComputeResult, ComputeRow, RowSetName } from './compute-result.js';
export { parseMethodOptions } from './method-options.js';
export type { OptionSpec, OptionValue } from './method-options.js';
