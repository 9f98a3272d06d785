import { getisOrdG, getisOrdLocal, localMoransI, MORAN_QUADRANTS, moransI, weightsFromNeighborList } from '../../core/index.js';
import type { SpatialDiagnostic, SpatialWeights } from '../../core/index.js';
import { ComputeError } from './compute-error.js';
import { labelRows, need } from './compute-inputs.js';
import type { ComputeInputs } from './compute-inputs.js';
import type { ComputeDiagnostic, ComputeResult, ComputeRow } from './compute-result.js';
import type { OptionValue } from './method-options.js';

type Options = Readonly<Record<string, OptionValue>>;

/**
 * `compute moran`: global Moran's I of `--values` over `--weights` (esda conventions): I, E[I], variance, z and
 * p under normality and randomisation (two-tailed), and the permutation pseudo p-value pSim (seeded).
 */
export function computeMoran(inputs: ComputeInputs, options: Options): ComputeResult {
  const { values, weights } = spatialInputs(inputs, 'moran');
  const r = moransI(values, weights, {
    transform: options.transform as 'r' | 'b',
    permutations: options.permutations as number,
    seed: options.seed as number,
  });
  return {
    method: 'moran',
    summary: {
      I: r.I,
      expectedI: r.expectedI,
      varianceNormal: r.varianceNormal,
      zNormal: r.zNormal,
      pNormal: r.pNormal,
      varianceRandom: r.varianceRandom,
      zRandom: r.zRandom,
      pRandom: r.pRandom,
      pSim: r.pSim,
    },
    diagnostics: spatialDiagnostics(r.diagnostics),
  };
}

/** `compute lisa`: local Moran I_i per region with its quadrant (HH, LH, LL, HL) and conditional-permutation pSim. */
export function computeLisa(inputs: ComputeInputs, options: Options): ComputeResult {
  const { values, weights, regions } = spatialInputs(inputs, 'lisa');
  const r = localMoransI(values, weights, {
    transform: options.transform as 'r' | 'b',
    permutations: options.permutations as number,
    seed: options.seed as number,
  });
  const quadrants = MORAN_QUADRANTS as Readonly<Record<number, string>>;
  const rows: ComputeRow[] = regions.map((region, i) => ({
    region,
    I: r.I[i]!,
    quadrant: quadrants[r.quadrant[i]!] ?? NaN,
    pSim: r.pSim[i]!,
  }));
  return { method: 'lisa', regions: rows, diagnostics: spatialDiagnostics(r.diagnostics) };
}

/**
 * `compute getis-ord`: local G_i (G_i* with `star=true`) per region with z and the one-sided normal p beyond |z|,
 * and the global general G (binary weights, esda `G`) in the summary.
 */
export function computeGetisOrd(inputs: ComputeInputs, options: Options): ComputeResult {
  const { values, weights, regions } = spatialInputs(inputs, 'getis-ord');
  const local = getisOrdLocal(values, weights, { transform: options.transform as 'r' | 'b', star: options.star as boolean, permutations: 0 });
  const global = getisOrdG(values, weights, { permutations: 0 });
  const diagnostics = spatialDiagnostics(local.diagnostics);
  for (const d of spatialDiagnostics(global.diagnostics)) if (!diagnostics.some((e) => e.code === d.code && e.message === d.message)) diagnostics.push(d);
  return {
    method: 'getis-ord',
    regions: labelRows('region', regions, { G: local.G, z: local.z, p: local.p }),
    summary: { G: global.G, z: global.z, p: global.p },
    diagnostics,
  };
}

/** Values in `--values` order and weights over the same regions; a link to a region without a value is INCONSISTENT_INPUT. */
function spatialInputs(inputs: ComputeInputs, method: string): { values: Float64Array; weights: SpatialWeights; regions: readonly string[] } {
  const values = need(inputs, 'values', method);
  const table = need(inputs, 'weights', method);
  const known = new Set(values.regions);
  const unknown = table.regions.filter((r) => !known.has(r));
  if (unknown.length > 0) {
    const shown = unknown.slice(0, 5).map((r) => `"${r}"`).join(', ');
    throw new ComputeError('INCONSISTENT_INPUT', `${table.file} names region(s) ${shown}${unknown.length > 5 ? ', …' : ''} that ${values.file} has no value for`);
  }
  const links = Array.from(table.from, (from, k) => ({
    region: table.regions[from]!,
    neighbor: table.regions[table.to[k]!]!,
    weight: table.weights[k]!,
  }));
  const weights = weightsFromNeighborList(links, { ids: values.regions });
  return { values: values.values, weights, regions: values.regions };
}

function spatialDiagnostics(diagnostics: readonly SpatialDiagnostic[]): ComputeDiagnostic[] {
  return diagnostics.map((d) => ({ code: d.code, message: d.message, ...(d.regions.length > 0 ? { labels: d.regions } : {}) }));
}
