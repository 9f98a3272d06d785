import { cbpEmploymentFlagRange, estimateSuppressed } from '../../../core/index.js';
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
  /** County names by 5-digit FIPS (for county files). */
  countyNames?: ReadonlyMap<string, string>;
}

/**
 * Turns validated CBP rows into a dataset import: one employment, establishments and payroll observation
 * per row. Suppressed employment (flags A–M) is estimated per region-year over the whole NAICS tree so that
 * estimates lie in their size class and children add up to the published parents; each estimate is stored
 * with status "estimated", its published range, the flag and the method. Suppressed payroll (noise flag D,
 * or 0 beside an employment flag) is stored as "suppressed" with no value. Inconsistent families are
 * reported as warnings, except at the top (sectors vs. the all-industries total), which is an error: it
 * means rows are missing.
 */
export function buildCbpImport(rows: readonly CbpRow[], options: BuildCbpImportOptions, issues: IssueCollector): DatasetImport {
  const classification = options.dataset.classification;
  const groups = new Map<string, CbpRow[]>();
  for (const r of rows) {
    const key = `${r.year}|${r.stateFips}|${r.countyFips ?? ''}`;
    const list = groups.get(key);
    if (list) list.push(r);
    else groups.set(key, [r]);
  }
  const observations: ObservationRecord[] = [];
  const regionIds = new Set<string>();
  const summary: Record<string, number> = {};
  const bump = (k: string): void => {
    summary[k] = (summary[k] ?? 0) + 1;
  };
  for (const group of groups.values()) {
    const first = group[0]!;
    const regionId = first.countyFips ? `US-${first.stateFips}${first.countyFips}` : `US-${first.stateFips}`;
    regionIds.add(regionId);
    const n = group.length;
    const index = new Map<string, number>();
    group.forEach((r, k) => index.set(r.code, k));
    const parent = new Int32Array(n).fill(-1);
    const value = new Float64Array(n);
    const lower = new Float64Array(n);
    const upper = new Float64Array(n);
    for (let k = 0; k < n; k++) {
      const r = group[k]!;
      for (const a of naicsAncestors(r.code)) {
        const p = index.get(a);
        if (p !== undefined) {
          parent[k] = p;
          break;
        }
      }
      if (r.employmentFlag) {
        const range = cbpEmploymentFlagRange(r.employmentFlag);
        value[k] = NaN;
        lower[k] = range.lower;
        upper[k] = range.upper;
      } else {
        value[k] = r.employment;
        lower[k] = r.employment;
        upper[k] = r.employment;
      }
    }
    const fit = estimateSuppressed({ parent, value, lower, upper });
    for (const d of fit.diagnostics) {
      const r = group[d.node]!;
      const issue = {
        line: r.line,
        field: 'emp',
        code: 'INCONSISTENT' as const,
        message: `region ${regionId}, ${r.year}, NAICS ${r.code}: ${d.message}; ${d.action}`,
      };
      if (r.code === 'TOTAL' && d.code === 'CHILDREN_BELOW_PARENT') issues.error({ ...issue, message: `${issue.message} (rows missing or file truncated?)` });
      else issues.warning(issue);
    }
    for (let k = 0; k < n; k++) {
      const r = group[k]!;
      const base = { datasetId: options.dataset.id, regionId, classification, industryCode: r.code, level: r.level, year: r.year };
      const flagRange = r.employmentFlag ? cbpEmploymentFlagRange(r.employmentFlag) : null;
      observations.push({
        ...base,
        measure: 'employment',
        value: fit.estimate[k]!,
        status: r.employmentFlag ? 'estimated' : 'reported',
        lower: flagRange ? flagRange.lower : null,
        upper: flagRange ? (Number.isFinite(flagRange.upper) ? flagRange.upper : null) : null,
        flag: r.employmentFlag ?? r.employmentNoise,
        method: r.employmentFlag ? CBP_ESTIMATION_METHOD : null,
      });
      bump(r.employmentFlag ? 'employment.estimated' : 'employment.reported');
      observations.push({ ...base, measure: 'establishments', value: r.establishments, status: 'reported', lower: null, upper: null, flag: null, method: null });
      const payrollSuppressed = r.payrollNoise === 'D' || (r.employmentFlag !== null && r.payroll === 0);
      observations.push({
        ...base,
        measure: 'payroll',
        value: payrollSuppressed ? null : r.payroll,
        status: payrollSuppressed ? 'suppressed' : 'reported',
        lower: null,
        upper: null,
        flag: r.payrollNoise,
        method: null,
      });
      bump(payrollSuppressed ? 'payroll.suppressed' : 'payroll.reported');
    }
  }
  Object.assign(issues.report.summary, summary);
  const regions: RegionRecord[] = [{ id: 'US', name: 'United States', type: 'country', country: 'US', parentId: null, aliases: ['USA'] }];
  for (const s of US_STATES) {
    regions.push({ id: `US-${s.fips}`, name: s.name, type: 'state', country: 'US', parentId: 'US', aliases: [s.fips, s.postal, `US-${s.postal}`] });
  }
  for (const id of regionIds) {
    if (id.length === 8) {
      const fips = id.slice(3);
      const state = usStateByFips(fips.slice(0, 2));
      regions.push({
        id,
        name: options.countyNames?.get(fips) ?? `County ${fips}${state ? `, ${state.name}` : ''}`,
        type: 'county',
        country: 'US',
        parentId: `US-${fips.slice(0, 2)}`,
        aliases: [fips],
      });
    }
  }
  const dataset: DatasetRecord = {
    ...options.dataset,
    importedAt: options.dataset.importedAt ?? new Date().toISOString(),
    rowCount: observations.length,
  };
  return { dataset, regions, industries: options.industries, observations };
}
