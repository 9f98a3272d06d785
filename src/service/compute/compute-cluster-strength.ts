import { NOT_APPLICABLE, clusterLocationQuotient, clusterStars, denseMatrix, strongClusters } from '../../core/index.js';
import type { ClusterType } from '../../core/index.js';
import { ComputeError } from './compute-error.js';
import { countNaN, labelRows, need } from './compute-inputs.js';
import type { ComputeInputs } from './compute-inputs.js';
import type { ComputeDiagnostic, ComputeResult, ComputeRow } from './compute-result.js';
import type { OptionValue } from './method-options.js';

/**
 * `compute cluster-strength`: per region × cluster the Cluster Mapping LQ (traded/local denominators), strong and
 * strong10 flags, and the European Cluster Observatory stars (size, specialisation, focus; productivity with a
 * `wages` column); per region the cluster strength (share of traded employment in strong clusters).
 *
 * Reference area: `--reference` (`cluster,type,employment`; its traded and local totals are over every cluster it
 * lists, also those the input lacks) or the sum of the input regions. Percentiles are over the input regions, so
 * the input should hold all regions of one type. Flags are 1/0, null for local clusters (not rated); stars null
 * for local clusters. A cell absent from the input is 0.
 */
export function computeClusterStrength(inputs: ComputeInputs, options: Readonly<Record<string, OptionValue>>): ComputeResult {
  const cells = need(inputs, 'clusterCells', 'cluster-strength');
  const reference = inputs.clusterReference;
  const diagnostics: ComputeDiagnostic[] = [];
  const regions = cells.regions;
  const R = regions.length;
  const C = cells.clusters.length;

  // Clusters of the input, then those only the reference lists (zero employment in every region): they count in
  // the reference's traded/local totals and are rated nowhere.
  const clusters = [...cells.clusters];
  const types: ClusterType[] = [...cells.types];
  let referenceTotals: Float64Array | undefined;
  if (reference !== undefined) {
    const inputIndex = new Map(cells.clusters.map((l, k) => [l, k]));
    const onlyReference: number[] = [];
    reference.clusters.forEach((label, j) => {
      const k = inputIndex.get(label);
      if (k === undefined) onlyReference.push(j);
      else if (cells.types[k] !== reference.types[j]) {
        throw new ComputeError('INCONSISTENT_INPUT', `cluster "${label}" is ${cells.types[k]!} in ${cells.file} but ${reference.types[j]!} in ${reference.file}`);
      }
    });
    for (const j of onlyReference) {
      clusters.push(reference.clusters[j]!);
      types.push(reference.types[j]!);
    }
    const referenceIndex = new Map(reference.clusters.map((l, j) => [l, j]));
    referenceTotals = new Float64Array(clusters.length);
    const missing: string[] = [];
    clusters.forEach((label, k) => {
      const j = referenceIndex.get(label);
      if (j === undefined) missing.push(label);
      else referenceTotals![k] = reference.employment[j]!;
    });
    if (missing.length > 0) {
      diagnostics.push({
        code: 'REFERENCE_MISSING_CLUSTERS',
        message: `${missing.length} cluster(s) of the input not in ${reference.file}: reference employment 0, lq null`,
        labels: missing,
      });
    }
    if (onlyReference.length > 0) {
      diagnostics.push({
        code: 'REFERENCE_ONLY_CLUSTERS',
        message: `${onlyReference.length} cluster(s) of ${reference.file} not in the input: counted in the reference totals, no rows`,
        labels: onlyReference.map((j) => reference.clusters[j]!),
      });
    }
  }
  const N = clusters.length;
  const widen = (values: Float64Array): Float64Array => {
    if (N === C) return values;
    const out = new Float64Array(R * N);
    for (let r = 0; r < R; r++) out.set(values.subarray(r * C, r * C + C), r * N);
    return out;
  };
  const employment = widen(cells.employment);
  const establishments = widen(cells.establishments);
  const wages = cells.wages === null ? undefined : widen(cells.wages);

  const { lq } = clusterLocationQuotient(denseMatrix(regions, clusters, employment), types, referenceTotals === undefined ? {} : { referenceTotals });
  const strong = strongClusters(
    { regionCount: R, clusterCount: N, employment, establishments, lq, types },
    {
      lqPercentile: options.lqPercentile as number,
      strong10Percentile: options.strong10Percentile as number,
      sizePercentile: options.sizePercentile as number,
      minimumLq: options.minimumLq as number,
    },
  );
  const stars = clusterStars(
    { regionCount: R, clusterCount: N, employment, lq, types, ...(wages !== undefined ? { wages } : {}) },
    {
      sizeTopShare: options.sizeTopShare as number,
      specialisationLq: options.specialisationLq as number,
      focusTopShare: options.focusTopShare as number,
      productivityRatio: options.productivityRatio as number,
    },
  );

  const flag = (v: number): number => (v === NOT_APPLICABLE ? NaN : v);
  const rows: ComputeRow[] = [];
  for (let r = 0; r < R; r++) {
    for (let c = 0; c < C; c++) {
      const k = r * N + c;
      const row: Record<string, string | number> = {
        region: regions[r]!,
        cluster: clusters[c]!,
        lq: lq[k]!,
        strong: flag(strong.strong[k]!),
        strong10: flag(strong.strong10[k]!),
        sizeStar: flag(stars.sizeStar[k]!),
        specialisationStar: flag(stars.specialisationStar[k]!),
        focusStar: flag(stars.focusStar[k]!),
        stars: stars.stars[k]!,
      };
      if (stars.productivityStar !== undefined) row.productivityStar = flag(stars.productivityStar[k]!);
      rows.push(row);
    }
  }
  let undefinedLq = 0;
  for (let r = 0; r < R; r++) undefinedLq += countNaN(lq.subarray(r * N, r * N + C));
  if (undefinedLq > 0) {
    diagnostics.push({
      code: 'UNDEFINED_LQ',
      message: `${undefinedLq} cell(s) have an undefined LQ (a region or reference total of 0 for the cluster's type): lq null, never strong, no specialisation star`,
    });
  }
  return {
    method: 'cluster-strength',
    regions: labelRows('region', regions, { clusterStrength: strong.clusterStrength }),
    cells: rows,
    diagnostics,
  };
}
