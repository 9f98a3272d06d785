import { cbpEmploymentFlagRange, estimateSuppressed } from '../../../core/index.js';
import type { CbpEmploymentRange } from '../../../core/index.js';
import { naicsAncestors } from '../../classifications/naics-code.js';
import { US_STATES, usStateByFips } from '../../classifications/us-states.js';
import type { DatasetImport, DatasetRecord, IndustryRecord, ObservationRecord, RegionRecord } from '../../store/store.js';
import type { IssueCollector } from '../validation-report.js';
import type { CbpRow } from './read-cbp.js';

/** The estimation method recorded on every estimated CBP employment value. */
export const CBP_ESTIMATION_METHOD = 'range-constrained-hierarchical (docs/methods/suppressed-cells.md)';

export interface BuildCbpImportOptions {
  dataset: Omit<DatasetRecord, 'rowCount' | 'importedAt'> & { importedAt?: string };
  industries: readonly IndustryRecord[];
  /**
   * How to treat families whose published children may not cover the parent:
   * - 'unpublished-codes': every family with 6-digit codes of the classification that no published row
   *   covers gets a remainder child with range [0, ∞) (for extracts that leave codes out, such as the
   *   shipped state file);
   * - 'none' (default): no remainder. Where the published children cannot reach their parent, the
   *   estimation keeps the reported values, puts suppressed children at their upper bounds and reports a
   *   warning; the gap stays in the parent and cluster aggregation assigns it to the unpublished codes
   *   (docs/methods/cluster-aggregation.md). In complete Census files an absent code means no establishments.
   * Remainder children take part in the estimation but are not stored. A remainder has no size class, so it
   * takes a share of its family's residual in proportion to its feasible range: use it only when codes are
   * known to be missing.
   */
  remainders?: 'none' | 'unpublished-codes';
  /** County names by 5-digit FIPS (for county files). */
  countyNames?: ReadonlyMap<string, string>;
}

/** What buildCbpGroup needs besides the rows: the dataset id, its classification, the 6-digit codes for remainders. */
export interface CbpGroupContext {
  datasetId: string;
  classification: string;
  /** 6-digit codes of the classification when remainders are 'unpublished-codes', else null. */
  leafCodes: readonly string[] | null;
}

/** Counts of values by status, summed over the groups built (the report's summary). */
export interface CbpImportCounts {
  rows: number;
  employmentReported: number;
  employmentEstimated: number;
  payrollSuppressed: number;
}

export function emptyCbpImportCounts(): CbpImportCounts {
  return { rows: 0, employmentReported: 0, employmentEstimated: 0, payrollSuppressed: 0 };
}

/** The report summary of the counts (employment.reported, employment.estimated, payroll.reported, payroll.suppressed). */
export function cbpImportSummary(counts: CbpImportCounts): Record<string, number> {
  return {
    'employment.reported': counts.employmentReported,
    'employment.estimated': counts.employmentEstimated,
    'payroll.reported': counts.rows - counts.payrollSuppressed,
    'payroll.suppressed': counts.payrollSuppressed,
  };
}

/** Region id of a row: "US-53" for a state row, "US-53033" for a county row. */
export function cbpRegionId(r: CbpRow): string {
  return r.countyFips ? `US-${r.stateFips}${r.countyFips}` : `US-${r.stateFips}`;
}

/**
 * Turns validated CBP rows into a dataset import: one employment, establishments and payroll observation
 * per row. Suppressed employment (flags A–M) is estimated per region-year over the whole NAICS tree so that
 * estimates lie in their size class and children add up to the published parents; each estimate is stored
 * with status "estimated", its published range, the flag and the method. Suppressed payroll (noise flag D,
 * or 0 beside an employment flag) is stored as "suppressed" with no value. Inconsistent families are
 * reported as warnings, except at the top (sectors vs. the all-industries total), which is an error: it
 * means rows are missing. A streaming import calls buildCbpGroup per region-year and cbpRegions instead.
 */
export function buildCbpImport(rows: readonly CbpRow[], options: BuildCbpImportOptions, issues: IssueCollector): DatasetImport {
  const context: CbpGroupContext = {
    datasetId: options.dataset.id,
    classification: options.dataset.classification,
    leafCodes: options.remainders === 'unpublished-codes' ? options.industries.filter((i) => i.level === 6).map((i) => i.code) : null,
  };
  const groups = new Map<string, CbpRow[]>();
  for (const r of rows) {
    const key = `${r.year}|${r.stateFips}|${r.countyFips ?? ''}`;
    const list = groups.get(key);
    if (list) list.push(r);
    else groups.set(key, [r]);
  }
  const observations: ObservationRecord[] = [];
  const regionIds = new Set<string>();
  const counts = emptyCbpImportCounts();
  for (const group of groups.values()) {
    regionIds.add(cbpRegionId(group[0]!));
    for (const o of buildCbpGroup(group, context, issues, counts)) observations.push(o);
  }
  Object.assign(issues.report.summary, cbpImportSummary(counts));
  const dataset: DatasetRecord = {
    ...options.dataset,
    importedAt: options.dataset.importedAt ?? new Date().toISOString(),
    rowCount: observations.length,
  };
  return { dataset, regions: cbpRegions(regionIds, options.countyNames), industries: options.industries, observations };
}

/**
 * The observations of one region-year (all rows of one region and year, any order): suppressed employment
 * estimated over the group's NAICS tree, issues reported as buildCbpImport describes, counts added up.
 */
export function buildCbpGroup(group: readonly CbpRow[], context: CbpGroupContext, issues: IssueCollector, counts: CbpImportCounts): ObservationRecord[] {
  const { datasetId, classification } = context;
  const first = group[0];
  if (first === undefined) return [];
  const regionId = cbpRegionId(first);
  const n = group.length;
  const estimate = estimateCbpGroup(group, context.leafCodes, issues);
  const observations = new Array<ObservationRecord>(3 * n);
  for (let k = 0; k < n; k++) {
    const r = group[k]!;
    const flagRange = r.employmentFlag ? cbpEmploymentFlagRange(r.employmentFlag) : null;
    observations[3 * k] = observation(datasetId, regionId, classification, r, 'employment', estimate[k]!, r.employmentFlag ? 'estimated' : 'reported',
      flagRange ? flagRange.lower : null,
      flagRange && Number.isFinite(flagRange.upper) ? flagRange.upper : null,
      r.employmentFlag ?? r.employmentNoise,
      r.employmentFlag ? CBP_ESTIMATION_METHOD : null);
    if (r.employmentFlag) counts.employmentEstimated++;
    else counts.employmentReported++;
    observations[3 * k + 1] = observation(datasetId, regionId, classification, r, 'establishments', r.establishments, 'reported', null, null, null, null);
    const payrollSuppressed = r.payrollNoise === 'D' || (r.employmentFlag !== null && r.payroll === 0);
    if (payrollSuppressed) counts.payrollSuppressed++;
    observations[3 * k + 2] = observation(datasetId, regionId, classification, r, 'payroll', payrollSuppressed ? null : r.payroll, payrollSuppressed ? 'suppressed' : 'reported', null, null, r.payrollNoise, null);
  }
  counts.rows += n;
  return observations;
}

/**
 * The employment of one region-year's rows (all rows of one region and year, in file order) with suppressed
 * cells estimated over the group's NAICS tree (leafCodes: remainders, see BuildCbpImportOptions); families that
 * do not add up are reported to `issues` (an error at the top, a warning elsewhere).
 */
export function estimateCbpGroup(group: readonly CbpRow[], leafCodes: readonly string[] | null, issues: IssueCollector): Float64Array {
  const first = group[0];
  if (first === undefined) return new Float64Array(0);
  return estimateCbpHierarchy(cbpHierarchy(group, leafCodes), group.length, cbpRegionId(first), first.year, (k) => group[k]!, issues);
}

/**
 * The estimation and diagnostics of estimateCbpGroup over a hierarchy already built: rows 0 … n − 1 of one
 * region-year (`row(k)` gives a row's line and NAICS code), remainder nodes after them. The staged import
 * (import-cbp-staged.ts) builds the hierarchy from code indexes and shares this step.
 */
export function estimateCbpHierarchy(
  h: CbpHierarchy,
  n: number,
  regionId: string,
  year: number,
  row: (k: number) => { line: number; code: string },
  issues: IssueCollector,
): Float64Array {
  const fit = estimateSuppressed(h);
  for (const d of fit.diagnostics) {
    if (d.node >= n) continue; // a remainder node: its family is reported through its parent
    const r = row(d.node);
    const issue = {
      line: r.line,
      field: 'emp',
      code: 'INCONSISTENT' as const,
      message: `region ${regionId}, ${year}, NAICS ${r.code}: ${d.message}; ${d.action}`,
    };
    if (r.code === 'TOTAL' && d.code === 'CHILDREN_BELOW_PARENT') issues.error({ ...issue, message: `${issue.message} (rows missing or file truncated?)` });
    else issues.warning(issue);
  }
  return fit.estimate.length === n ? fit.estimate : fit.estimate.subarray(0, n);
}

/** The country, every state, and a county record (name from countyNames) for each county id among regionIds. */
export function cbpRegions(regionIds: Iterable<string>, countyNames?: ReadonlyMap<string, string>): RegionRecord[] {
  const regions: RegionRecord[] = [{ id: 'US', name: 'United States', type: 'country', country: 'US', parentId: null, aliases: ['USA'] }];
  for (const s of US_STATES) {
    regions.push({ id: `US-${s.fips}`, name: s.name, type: 'state', country: 'US', parentId: 'US', aliases: [s.fips, s.postal, `US-${s.postal}`] });
  }
  for (const id of regionIds) {
    if (id.length === 8) regions.push(cbpCountyRegion(id, countyNames));
  }
  return regions;
}

/** The region record of a county id "US-53033". */
export function cbpCountyRegion(id: string, countyNames?: ReadonlyMap<string, string>): RegionRecord {
  const fips = id.slice(3);
  const state = usStateByFips(fips.slice(0, 2));
  return {
    id,
    name: countyNames?.get(fips) ?? `County ${fips}${state ? `, ${state.name}` : ''}`,
    type: 'county',
    country: 'US',
    parentId: `US-${fips.slice(0, 2)}`,
    aliases: [fips],
  };
}

/** One observation row; a plain literal (no spreads) so 400,000 of them build quickly. */
function observation(
  datasetId: string,
  regionId: string,
  classification: string,
  r: CbpRow,
  measure: ObservationRecord['measure'],
  value: number | null,
  status: ObservationRecord['status'],
  lower: number | null,
  upper: number | null,
  flag: string | null,
  method: string | null,
): ObservationRecord {
  return { datasetId, regionId, classification, industryCode: r.code, level: r.level, year: r.year, measure, value, status, lower, upper, flag, method };
}

/** The NAICS tree of one region-year as estimateSuppressed takes it (NaN value: suppressed, with its range). */
export interface CbpHierarchy {
  parent: Int32Array;
  value: Float64Array;
  lower: Float64Array;
  upper: Float64Array;
}

/**
 * Node k of a CBP tree: a published employment (value = lower = upper), or the size class of a withheld cell's
 * flag (value NaN; `range` is `cbpEmploymentFlagRange(flag)`, looked up by the caller, once per flag).
 */
export function setCbpNode(h: CbpHierarchy, k: number, range: CbpEmploymentRange | null, employment: number): void {
  if (range) {
    h.value[k] = NaN;
    h.lower[k] = range.lower;
    h.upper[k] = range.upper;
  } else {
    h.value[k] = h.lower[k] = h.upper[k] = employment;
  }
}

/**
 * The NAICS tree of one region-year: each row hangs on its nearest published ancestor; suppressed rows get
 * their size-class range. With leafCodes, nodes that own unpublished 6-digit codes get a remainder child.
 */
function cbpHierarchy(group: readonly CbpRow[], leafCodes: readonly string[] | null): CbpHierarchy {
  const n = group.length;
  const index = new Map<string, number>();
  for (let k = 0; k < n; k++) index.set(group[k]!.code, k);
  const parent = new Int32Array(n).fill(-1);
  const value = new Float64Array(n);
  const lower = new Float64Array(n);
  const upper = new Float64Array(n);
  const hasChild = new Uint8Array(n);
  for (let k = 0; k < n; k++) {
    const r = group[k]!;
    for (const a of naicsAncestors(r.code)) {
      const p = index.get(a);
      if (p !== undefined) {
        parent[k] = p;
        hasChild[p] = 1;
        break;
      }
    }
  }
  const h = { parent, value, lower, upper };
  for (let k = 0; k < n; k++) {
    const flag = group[k]!.employmentFlag;
    setCbpNode(h, k, flag ? cbpEmploymentFlagRange(flag) : null, group[k]!.employment);
  }
  if (!leafCodes) return h;
  const open = new Set<number>();
  for (const code of leafCodes) {
    if (index.has(code)) continue;
    for (const a of naicsAncestors(code)) {
      const p = index.get(a);
      if (p !== undefined) {
        if (hasChild[p] === 1) open.add(p);
        break;
      }
    }
  }
  return withRemainders(h, open);
}

/** Adds one remainder child, range [0, ∞), under each node in `open`. */
function withRemainders(h: CbpHierarchy, open: ReadonlySet<number>): CbpHierarchy {
  if (open.size === 0) return h;
  const n = h.parent.length;
  const m = n + open.size;
  const parent = new Int32Array(m);
  const value = new Float64Array(m);
  const lower = new Float64Array(m);
  const upper = new Float64Array(m);
  parent.set(h.parent);
  value.set(h.value);
  lower.set(h.lower);
  upper.set(h.upper);
  let k = n;
  for (const p of open) {
    parent[k] = p;
    value[k] = NaN;
    lower[k] = 0;
    upper[k] = Infinity;
    k++;
  }
  return { parent, value, lower, upper };
}
