import { ComputeError } from './compute-error.js';
import { flagOf } from './compute-inputs.js';
import type { ComputeInputs, InputName } from './compute-inputs.js';
import { computeMethods, isComputeMethod } from './compute-methods.js';
import type { ComputeResult } from './compute-result.js';
import { parseMethodOptions } from './method-options.js';

/**
 * Runs one method of the CLI contract: checks the method name, which inputs are given (MISSING_INPUT,
 * UNUSED_INPUT) and the `--set` options (UNKNOWN_OPTION, INVALID_OPTION), then computes the result object.
 */
export function compute(method: string, inputs: ComputeInputs, set: Readonly<Record<string, string>> = {}): ComputeResult {
  if (!isComputeMethod(method)) {
    throw new ComputeError('INVALID_OPTION', `unknown method "${method}"; methods: ${Object.keys(computeMethods).join(', ')}`);
  }
  const spec = computeMethods[method];
  const options = parseMethodOptions(method, spec.options, set);
  for (const name of Object.keys(inputs) as InputName[]) {
    if (inputs[name] !== undefined && !spec.accepts.includes(name)) {
      throw new ComputeError('UNUSED_INPUT', `${flagOf(name)} does not apply to ${method} (it reads ${spec.accepts.map(flagOf).join(', ')})`);
    }
  }
  for (const name of spec.required) {
    if (inputs[name] === undefined) throw new ComputeError('MISSING_INPUT', `${method} needs ${flagOf(name)} FILE`);
  }
  return spec.run(inputs, options);
}
