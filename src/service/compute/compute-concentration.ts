import { denseMatrix, ellisonGlaeserDetailed, gini, hooverConcentration, locationalGini, maurelSedillotDetailed } from '../../core/index.js';
import type { DenseMatrix, PlantData } from '../../core/index.js';
import type { FirmTable, RegionValueTable } from '../../io/importers/analysis-csv/index.js';
import { ComputeError } from './compute-error.js';
import { labelRows, singleYearMatrix, unionLabels } from './compute-inputs.js';
import type { ComputeInputs } from './compute-inputs.js';
import type { ComputeDiagnostic, ComputeResult } from './compute-result.js';
import type { OptionValue } from './method-options.js';

/**
 * `compute concentration`: per industry, the Gini of its employment across regions, the locational Gini and the
 * Hoover concentration index (against the regions' totals, 0–1); with `--firms`, Ellison–Glaeser γ, G, H, z(G)
 * and Maurel–Sédillot γ, regional shares from `--regions` (normalised) or the firms' own employment.
 * Without `--input`, the region × industry matrix is the firms' employment summed by region and industry.
 */
export function computeConcentration(inputs: ComputeInputs, options: Readonly<Record<string, OptionValue>>): ComputeResult {
  const firms = inputs.firms;
  if (inputs.input === undefined && firms === undefined) throw new ComputeError('MISSING_INPUT', 'concentration needs --input FILE or --firms FILE');
  if (inputs.regions !== undefined && firms === undefined) throw new ComputeError('UNUSED_INPUT', '--regions applies only with --firms');
  const matrix = inputs.input !== undefined ? singleYearMatrix(inputs.input, 'concentration') : firmMatrix(firms!);
  const diagnostics: ComputeDiagnostic[] = [];
  const industries = firms === undefined ? [...matrix.columns] : unionLabels(matrix.columns, firms.industries);
  const n = industries.length;
  const R = matrix.rows.length;
  const I = matrix.columns.length;
  const giniValues = new Float64Array(n).fill(NaN);
  const locational = new Float64Array(n).fill(NaN);
  const hoover = new Float64Array(n).fill(NaN);
  const column = new Float64Array(R);
  const normalized = options.gini === 'normalized';
  const loc = locationalGini(matrix, { normalization: options.locationalGini as 'krugman' | 'gini' });
  const hv = hooverConcentration(matrix);
  for (let i = 0; i < I; i++) {
    for (let r = 0; r < R; r++) column[r] = matrix.values[r * I + i]!;
    giniValues[i] = gini(column, { normalized });
    locational[i] = loc[i]!;
    hoover[i] = hv[i]!;
  }
  const fields: Record<string, ArrayLike<number>> = { gini: giniValues, locationalGini: locational, hoover };
  if (firms !== undefined) {
    const plants = plantData(firms, inputs.regions);
    const regionEmployment = inputs.regions === undefined ? undefined : alignRegionEmployment(plants.regions, inputs.regions);
    const plantOptions = regionEmployment === undefined ? {} : { regionEmployment };
    const eg = ellisonGlaeserDetailed(plants, plantOptions);
    const ms = maurelSedillotDetailed(plants, plantOptions);
    const at = new Map(firms.industries.map((label, k) => [label, k]));
    const pick = (source: Float64Array): Float64Array => Float64Array.from(industries, (label) => {
      const k = at.get(label);
      return k === undefined ? NaN : source[k]!;
    });
    fields.egGamma = pick(eg.gamma);
    fields.egG = pick(eg.G);
    fields.egH = pick(eg.H);
    fields.egZ = pick(eg.z);
    fields.msGamma = pick(ms.gamma);
    const withoutFirms = industries.filter((label) => !at.has(label));
    if (withoutFirms.length > 0) {
      diagnostics.push({ code: 'INDUSTRIES_WITHOUT_FIRMS', message: `${withoutFirms.length} industr(y/ies) of --input have no firms: EG and MS fields are null`, labels: withoutFirms });
    }
    const onlyFirms = industries.slice(I);
    if (onlyFirms.length > 0) {
      diagnostics.push({ code: 'INDUSTRIES_WITHOUT_INPUT', message: `${onlyFirms.length} industr(y/ies) of --firms are not in --input: gini, locationalGini and hoover are null`, labels: onlyFirms });
    }
  }
  return { method: 'concentration', industries: labelRows('industry', industries, fields), diagnostics };
}

/** The firms' employment summed into a region × industry matrix. */
function firmMatrix(firms: FirmTable): DenseMatrix {
  const I = firms.industries.length;
  const values = new Float64Array(firms.regions.length * I);
  for (let k = 0; k < firms.firmEmployment.length; k++) {
    const cell = firms.firmRegion[k]! * I + firms.firmIndustry[k]!;
    values[cell] = values[cell]! + firms.firmEmployment[k]!;
  }
  return denseMatrix(firms.regions, firms.industries, values);
}

/** Plant data over the firms' regions plus any region of `--regions` without firms (it still counts in Σa²). */
function plantData(firms: FirmTable, regions: RegionValueTable | undefined): PlantData {
  const labels = regions === undefined ? firms.regions : unionLabels(firms.regions, regions.regions);
  return {
    regions: labels,
    industries: firms.industries,
    plantRegion: firms.firmRegion,
    plantIndustry: firms.firmIndustry,
    plantEmployment: firms.firmEmployment,
  };
}

/** `--regions` values in the order of `labels`; a region with firms but no row is an INCONSISTENT_INPUT. */
function alignRegionEmployment(labels: readonly string[], regions: RegionValueTable): Float64Array {
  const at = new Map(regions.regions.map((label, k) => [label, k]));
  const missing = labels.filter((label) => !at.has(label));
  if (missing.length > 0) {
    throw new ComputeError('INCONSISTENT_INPUT', `${regions.file} has no row for region(s) ${missing.map((l) => `"${l}"`).join(', ')} where --firms has firms`);
  }
  return Float64Array.from(labels, (label) => regions.values[at.get(label)!]!);
}
