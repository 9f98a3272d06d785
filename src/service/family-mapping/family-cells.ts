import { INDUSTRY_FAMILIES } from '../../io/classifications/industry-families.js';
import type { IndustryFamilyScheme } from '../../io/classifications/industry-families.js';
import type { ObservationStatus } from '../../io/store/store.js';

/** One stored source cell (one region, code, year, measure). */
export interface SourceCell {
  /** null when suppressed or not available. */
  value: number | null;
  status: ObservationStatus;
  /** Source flag as published (Eurostat "u" = low reliability). */
  flag: string | null;
}

/**
 * State of a region × family cell: 'value' (every code of the family that the source publishes has a value),
 * 'missing' (a contributing cell is suppressed or not available — NOT zero), 'not-in-source' (the source
 * publishes none of the family's codes, e.g. JP A, K, L, M_N).
 */
export type FamilyCellState = 'value' | 'missing' | 'not-in-source';

export interface FamilyCell {
  /** Sum over the family's codes (exceptions moved in and out); NaN unless state is 'value'. */
  value: number;
  /** Part of value resting on cells with status 'estimated' (CBP estimates, Eurostat flags e/s). */
  estimated: number;
  /** A contributing value carries the Eurostat flag u (low reliability). */
  lowReliability: boolean;
  state: FamilyCellState;
}

/**
 * Sums one region's source cells into the ten industry families (the INDUSTRY_FAMILIES order) with a
 * classification's rules (docs/methods/industry-families.md): each non-exception code adds to its family,
 * each exception (NAICS 532, 533, 5415, 562) moves its value from the family of the code it is taken out of
 * to its own, as compareRegions does. `present` is the set of codes the source publishes for some region in
 * the year: a family none of whose codes is present is 'not-in-source'. An absent cell of a present code is
 * 0 when `absentMeansZero` (CBP omits industries without establishments) and missing otherwise; a cell with
 * a null value (suppressed, not available) makes the family missing, never 0.
 */
export function familyCells(
  cells: ReadonlyMap<string, SourceCell>,
  scheme: IndustryFamilyScheme,
  present: ReadonlySet<string>,
  absentMeansZero: boolean,
): FamilyCell[] {
  const index = new Map(INDUSTRY_FAMILIES.map((f, k) => [f.code, k]));
  const out: FamilyCell[] = INDUSTRY_FAMILIES.map(() => ({ value: 0, estimated: 0, lowReliability: false, state: 'not-in-source' as FamilyCellState }));
  const familyOfCode = new Map(scheme.rules.filter((r) => r.exceptionOf === undefined).map((r) => [r.code, r.family]));
  for (const rule of scheme.rules) {
    if (rule.family === null || rule.exceptionOf !== undefined || !present.has(rule.code)) continue;
    const entry = out[index.get(rule.family)!]!;
    if (entry.state === 'not-in-source') entry.state = 'value';
    const cell = cells.get(rule.code);
    if (!cell) {
      if (!absentMeansZero) entry.state = 'missing';
      continue;
    }
    if (cell.value === null) {
      entry.state = 'missing';
      continue;
    }
    entry.value += cell.value;
    if (cell.status === 'estimated') entry.estimated += cell.value;
    if (cell.flag?.includes('u')) entry.lowReliability = true;
  }
  for (const rule of scheme.rules) {
    if (rule.family === null || rule.exceptionOf === undefined) continue;
    const cell = cells.get(rule.code);
    const from = familyOfCode.get(rule.exceptionOf);
    if (!cell || cell.value === null || from === undefined || from === null || !cells.has(rule.exceptionOf)) continue;
    const target = out[index.get(rule.family)!]!;
    const source = out[index.get(from)!]!;
    target.value += cell.value;
    source.value -= cell.value;
    if (target.state === 'not-in-source') target.state = 'value';
    if (cell.status === 'estimated') {
      target.estimated += cell.value;
      source.estimated += cell.value;
    }
  }
  for (const entry of out) {
    if (entry.state !== 'value') {
      entry.value = NaN;
      entry.estimated = NaN;
    }
  }
  return out;
}
