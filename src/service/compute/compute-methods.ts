import { computeClusterStrength } from './compute-cluster-strength.js';
import { computeComplexity } from './compute-complexity.js';
import { computeConcentration } from './compute-concentration.js';
import { computeFitness } from './compute-fitness.js';
import type { ComputeInputs, InputName } from './compute-inputs.js';
import { computeLq } from './compute-lq.js';
import { computeRelatedness } from './compute-relatedness.js';
import type { ComputeResult, RowSetName } from './compute-result.js';
import { computeShiftShare } from './compute-shift-share.js';
import { computeSpecialization } from './compute-specialization.js';
import { computeGetisOrd, computeLisa, computeMoran } from './compute-spatial.js';
import { maxIterationsOption, permutationsOption, presenceOption, seedOption, thresholdOption, toleranceOption, transformOption } from './method-options.js';
import type { OptionSpec, OptionValue } from './method-options.js';

/** The methods of `clusterlens compute`, as spelled on the command line. */
export type ComputeMethodName =
  | 'lq'
  | 'specialization'
  | 'concentration'
  | 'shift-share'
  | 'relatedness'
  | 'complexity'
  | 'fitness'
  | 'moran'
  | 'lisa'
  | 'getis-ord'
  | 'cluster-strength';

/** What a method reads, which options it takes, its main row set and the function that computes it. */
export interface ComputeMethod {
  readonly summary: string;
  /** Inputs it always needs (others may be needed in some cases; the function then throws MISSING_INPUT). */
  readonly required: readonly InputName[];
  /** Every input it reads; any other given input is an UNUSED_INPUT. */
  readonly accepts: readonly InputName[];
  readonly options: Readonly<Record<string, OptionSpec>>;
  /** The row set printed by `--format csv` and first by `--format table`. */
  readonly mainRows: RowSetName | 'summary';
  readonly run: (inputs: ComputeInputs, options: Readonly<Record<string, OptionValue>>) => ComputeResult;
}

const iterative = { maxIterations: maxIterationsOption, tolerance: toleranceOption };
const spatial = { transform: transformOption, permutations: permutationsOption, seed: seedOption };

/** The registry: one entry per method of the CLI contract. */
export const computeMethods: Readonly<Record<ComputeMethodName, ComputeMethod>> = Object.freeze({
  lq: {
    summary: 'location quotient of every region × industry cell and whether it is specialised',
    required: ['input'],
    accepts: ['input', 'reference'],
    options: { threshold: { ...thresholdOption, description: 'specialized = 1 when lq ≥ threshold' } },
    mainRows: 'cells',
    run: computeLq,
  },
  specialization: {
    summary: 'Krugman, Hoover, Herfindahl, entropy, Hachman and diversity of each region',
    required: ['input'],
    accepts: ['input', 'reference'],
    options: { threshold: { ...thresholdOption, description: 'diversity counts the industries with lq ≥ threshold' } },
    mainRows: 'regions',
    run: computeSpecialization,
  },
  concentration: {
    summary: 'Gini, locational Gini and Hoover of each industry; Ellison–Glaeser and Maurel–Sédillot with --firms',
    required: [],
    accepts: ['input', 'firms', 'regions'],
    options: {
      gini: { kind: 'enum', values: ['plain', 'normalized'], default: 'plain', description: 'plain (max (n−1)/n) or normalized ×n/(n−1) (max 1)' },
      locationalGini: { kind: 'enum', values: ['krugman', 'gini'], default: 'krugman', description: 'krugman (max 0.5, EconGeo locational_gini) or gini (×2, max 1)' },
    },
    mainRows: 'industries',
    run: computeConcentration,
  },
  'shift-share': {
    summary: 'classic and Esteban-Marquillas shift-share per region and cell (dynamic for a panel)',
    required: ['input'],
    accepts: ['input', 'end', 'reference', 'referenceEnd'],
    options: {
      zeroStartCells: {
        kind: 'enum',
        values: ['allocation', 'nan'],
        default: 'allocation',
        description: 'EM terms of a cell starting at 0: allocation takes its whole regional shift, or nan',
      },
    },
    mainRows: 'regions',
    run: computeShiftShare,
  },
  relatedness: {
    summary: 'proximity φ of every industry pair, optionally a co-occurrence relatedness measure',
    required: ['input'],
    accepts: ['input'],
    options: {
      measure: { kind: 'enum', values: ['cosine', 'jaccard', 'association', 'probability'], description: 'adds this normalisation of co-occurrence as a field' },
      presence: presenceOption,
      threshold: thresholdOption,
    },
    mainRows: 'pairs',
    run: computeRelatedness,
  },
  complexity: {
    summary: 'diversity, ubiquity, ECI, PCI, COI, RCA, M, density and COG',
    required: ['input'],
    accepts: ['input'],
    options: { presence: presenceOption, threshold: thresholdOption, ...iterative },
    mainRows: 'regions',
    run: computeComplexity,
  },
  fitness: {
    summary: 'Fitness–Complexity: fitness of each region, complexity of each industry',
    required: ['input'],
    accepts: ['input'],
    options: { presence: presenceOption, threshold: thresholdOption, ...iterative },
    mainRows: 'regions',
    run: computeFitness,
  },
  moran: {
    summary: "global Moran's I with normality, randomisation and permutation inference",
    required: ['values', 'weights'],
    accepts: ['values', 'weights'],
    options: spatial,
    mainRows: 'summary',
    run: computeMoran,
  },
  lisa: {
    summary: 'local Moran I_i with quadrant and permutation pseudo p-value',
    required: ['values', 'weights'],
    accepts: ['values', 'weights'],
    options: spatial,
    mainRows: 'regions',
    run: computeLisa,
  },
  'getis-ord': {
    summary: 'local Getis–Ord G_i (or G_i* with star=true) with z and p; global G in the summary',
    required: ['values', 'weights'],
    accepts: ['values', 'weights'],
    options: {
      transform: transformOption,
      star: { kind: 'boolean', default: 'false', description: 'true: G_i* (the region counts as its own neighbour)' },
    },
    mainRows: 'regions',
    run: computeGetisOrd,
  },
  'cluster-strength': {
    summary: 'Cluster Mapping LQ, strong and strong10, European Cluster Observatory stars of every region × cluster',
    required: ['clusterCells'],
    accepts: ['clusterCells', 'clusterReference'],
    options: {
      lqPercentile: { kind: 'number', minimum: 0, default: '0.75', description: 'strong: LQ ≥ this percentile (type 7) of the employed regions' },
      strong10Percentile: { kind: 'number', minimum: 0, default: '0.9', description: 'strong10: LQ ≥ this percentile' },
      sizePercentile: { kind: 'number', minimum: 0, default: '0.25', description: 'strong: employment and establishments > this percentile' },
      minimumLq: { kind: 'number', minimum: 0, default: '1', description: 'strong: LQ ≥ this as well' },
      sizeTopShare: { kind: 'number', minimum: 0, exclusiveMinimum: true, default: '0.1', description: 'size star: employment ≥ the (1 − share) percentile' },
      specialisationLq: { kind: 'number', minimum: 0, default: '2', description: 'specialisation star: LQ ≥ this' },
      focusTopShare: { kind: 'number', minimum: 0, exclusiveMinimum: true, default: '0.1', description: "focus star: share of the region's employment ≥ the (1 − share) percentile" },
      productivityRatio: { kind: 'number', minimum: 0, default: '1', description: 'productivity star (wages column): wage per employee ≥ ratio × reference' },
    },
    mainRows: 'cells',
    run: computeClusterStrength,
  },
});

/** Whether a string names a method. */
export function isComputeMethod(name: string): name is ComputeMethodName {
  return Object.prototype.hasOwnProperty.call(computeMethods, name);
}
