import { ComputeError } from './compute-error.js';

/** A parsed `--set` value. */
export type OptionValue = string | number | boolean;

/** How one `--set key=value` option is checked and what it defaults to. */
export interface OptionSpec {
  readonly description: string;
  /** Default as written on the command line; undefined when absent means "off". */
  readonly default?: string;
  /** Allowed values of an enumerated option. */
  readonly values?: readonly string[];
  readonly kind: 'enum' | 'number' | 'integer' | 'boolean';
  /** Smallest allowed value of a numeric option (exclusive when `exclusiveMinimum`). */
  readonly minimum?: number;
  readonly exclusiveMinimum?: boolean;
}

/** Parses one option value against its spec; throws ComputeError INVALID_OPTION naming the key and what is allowed. */
export function parseOptionValue(key: string, raw: string, spec: OptionSpec): OptionValue {
  const fail = (expected: string): never => {
    throw new ComputeError('INVALID_OPTION', `--set ${key}=${raw}: ${key} must be ${expected}`);
  };
  switch (spec.kind) {
    case 'enum':
      if (!spec.values!.includes(raw)) fail(spec.values!.join(' or '));
      return raw;
    case 'boolean':
      if (raw === 'true') return true;
      if (raw === 'false') return false;
      return fail('true or false');
    case 'number':
    case 'integer': {
      const v = Number(raw);
      const what = spec.kind === 'integer' ? 'a whole number' : 'a number';
      const bound = spec.minimum === undefined ? '' : ` ${spec.exclusiveMinimum ? '>' : '≥'} ${spec.minimum}`;
      if (raw.trim() === '' || !Number.isFinite(v) || (spec.kind === 'integer' && !Number.isInteger(v))) fail(`${what}${bound}`);
      if (spec.minimum !== undefined && (spec.exclusiveMinimum ? !(v > spec.minimum) : !(v >= spec.minimum))) fail(`${what}${bound}`);
      return v;
    }
  }
}

/**
 * Checks `--set` options against a method's specs: unknown keys throw ComputeError UNKNOWN_OPTION naming the
 * valid ones; values are parsed; defaults fill the rest. Returns a plain object keyed by option name.
 */
export function parseMethodOptions(
  method: string,
  specs: Readonly<Record<string, OptionSpec>>,
  given: Readonly<Record<string, string>>,
): Readonly<Record<string, OptionValue>> {
  const valid = Object.keys(specs);
  const out: Record<string, OptionValue> = {};
  for (const [key, raw] of Object.entries(given)) {
    const spec = specs[key];
    if (spec === undefined) {
      const list = valid.length > 0 ? `valid options: ${valid.join(', ')}` : `${method} takes no --set options`;
      throw new ComputeError('UNKNOWN_OPTION', `unknown option "${key}" for ${method}; ${list}`);
    }
    out[key] = parseOptionValue(key, raw, spec);
  }
  for (const key of valid) {
    const spec = specs[key]!;
    if (out[key] === undefined && spec.default !== undefined) out[key] = parseOptionValue(key, spec.default, spec);
  }
  return out;
}

/** Specs shared by several methods. */
export const thresholdOption: OptionSpec = {
  kind: 'number',
  minimum: 0,
  exclusiveMinimum: true,
  default: '1',
  description: 'a cell is specialised (present) when its LQ (RCA) ≥ threshold',
};
export const presenceOption: OptionSpec = {
  kind: 'enum',
  values: ['rca', 'binary'],
  default: 'rca',
  description: 'rca: presence M = 1[RCA ≥ threshold] from the values; binary: the values are already 0/1 presence',
};
export const maxIterationsOption: OptionSpec = { kind: 'integer', minimum: 1, default: '10000', description: 'iteration cap' };
export const toleranceOption: OptionSpec = { kind: 'number', minimum: 0, exclusiveMinimum: true, default: '1e-12', description: 'convergence tolerance' };
export const transformOption: OptionSpec = {
  kind: 'enum',
  values: ['r', 'b'],
  default: 'r',
  description: 'weights transform: r row-standardised, b binary (as given)',
};
export const permutationsOption: OptionSpec = { kind: 'integer', minimum: 0, default: '999', description: 'random permutations for pSim (0: none)' };
export const seedOption: OptionSpec = { kind: 'integer', minimum: 0, default: '12345', description: 'seed of the permutation generator' };
