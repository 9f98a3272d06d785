/**
 * Suppressed-cell estimation for hierarchical counts such as County Business Patterns (CBP) employment:
 * range-constrained, hierarchy-consistent fitting in the spirit of Isserman & Westervelt (2006,
 * International Regional Science Review 29(3), 311–335).
 * Method page: docs/methods/suppressed-cells.md.
 */
import { ConvergenceError, InvalidInputError, ShapeMismatchError } from '../errors.js';

/** A forest of additive cells (children sum to their parent), some of them suppressed (NaN). See docs/methods/suppressed-cells.md. */
export interface SuppressedHierarchy {
  /** parent[k] = index of node k's parent, -1 for a root. Nodes in any order; a forest is allowed. */
  readonly parent: Int32Array;
  /** Reported value, or NaN when suppressed. */
  readonly value: Float64Array;
  /** Published range for suppressed nodes (ignored for reported ones); upper may be Infinity. */
  readonly lower: Float64Array;
  readonly upper: Float64Array;
}

/** Stable codes of the warnings `estimateSuppressed` returns (never throws for these). See docs/methods/suppressed-cells.md. */
export type SuppressionDiagnosticCode =
  /** The children's smallest possible sum exceeds the parent's largest possible value. */
  | 'CHILDREN_EXCEED_PARENT'
  /** The children's largest possible sum is below the parent's smallest possible value. */
  | 'CHILDREN_BELOW_PARENT'
  /** A suppressed node whose range is [0, Infinity) even after propagation: its estimate is a convention. */
  | 'NO_INFORMATION';

/** One warning about the data, with what the kernel did about it. See docs/methods/suppressed-cells.md#edge-cases-and-diagnostics. */
export interface SuppressionDiagnostic {
  readonly code: SuppressionDiagnosticCode;
  /** The node concerned: the parent of an inconsistent family, or the uninformed node. */
  readonly node: number;
  /** The node's range when the problem was found (the value twice for a reported node). */
  readonly lower: number;
  readonly upper: number;
  /** Range of the sum of the node's children (NaN for NO_INFORMATION). */
  readonly childrenLower: number;
  readonly childrenUpper: number;
  readonly message: string;
  /** What was done about it. */
  readonly action: string;
}

/** Result of `estimateSuppressed`; all arrays are indexed like the input. See docs/methods/suppressed-cells.md. */
export interface SuppressedEstimate {
  /** Reported values copied, suppressed ones estimated. */
  readonly estimate: Float64Array;
  /** 1 where `estimate` is an estimate (the node was suppressed), 0 where it was reported. */
  readonly estimated: Uint8Array;
  /** Tightened bounds after propagation (equal to the value for reported nodes). */
  readonly lower: Float64Array;
  readonly upper: Float64Array;
  /** Data inconsistencies and conventions applied, in node order of detection. */
  readonly diagnostics: readonly SuppressionDiagnostic[];
  /** Bound-propagation sweeps (one upward + one downward pass each) until the fixed point. */
  readonly iterations: number;
}

/** Options of `estimateSuppressed` (defaults in ESTIMATE_SUPPRESSED_DEFAULTS). See docs/methods/suppressed-cells.md. */
export interface EstimateSuppressedOptions {
  /** Maximum bound-propagation sweeps before a ConvergenceError (a tree needs 1, plus 1 to confirm). */
  readonly maxIterations?: number;
  /** Relative tolerance: bound changes and inconsistencies smaller than tolerance × max(1, |value|) are ignored. */
  readonly tolerance?: number;
}

/** Default options of `estimateSuppressed` (frozen): 100 sweeps at most, relative tolerance 1e-9. See docs/methods/suppressed-cells.md. */
export const ESTIMATE_SUPPRESSED_DEFAULTS: Readonly<Required<EstimateSuppressedOptions>> = Object.freeze({
  maxIterations: 100,
  tolerance: 1e-9,
});

/** Prior of an open range [lower, Infinity) relative to its lower bound: the midpoint/lower ratio of the CBP classes K and L. */
const OPEN_RANGE_PRIOR_FACTOR = 1.5;

/**
 * Estimates suppressed cells of additive hierarchies (CBP employment by NAICS level) inside their published
 * ranges so that every family adds up: Σ children = parent.
 *
 * Algorithm (docs/methods/suppressed-cells.md):
 * 1. Bound propagation to a fixed point, upward then downward per sweep. For a parent p with children C:
 *    [lo_p, hi_p] ← [lo_p, hi_p] ∩ [Σ_C lo_c, Σ_C hi_c]; for each child c:
 *    [lo_c, hi_c] ← [lo_c, hi_c] ∩ [lo_p − Σ_{C∖c} hi, hi_p − Σ_{C∖c} lo]. Reported nodes stay fixed.
 *    On a tree one sweep gives the exact feasible range of every node; a second sweep confirms it.
 * 2. Top-down allocation. A suppressed root gets the midpoint of its tightened range (1.5 × lower when open).
 *    For a parent with value V, the residual R = V − Σ reported children is shared by the suppressed
 *    children as x_c = clamp(λ·m_c, lo_c, hi_c), m_c = midpoint of c's tightened range (1.5 × lo_c if open),
 *    with the single λ ≥ 0 that makes Σ x_c = R, found exactly on the piecewise-linear, non-decreasing Σ x_c(λ)
 *    — the fixed point of Isserman & Westervelt's iterate-scale-and-clamp.
 *
 * Missing-data policy: NaN in `value` marks a suppressed cell, which is never read as 0; it needs a finite
 * `lower` ≥ 0 and an `upper` ≥ lower (Infinity allowed), else InvalidInputError. Reported values must be
 * finite and ≥ 0. A family whose ranges cannot add up (e.g. reported children above their reported parent)
 * is reported as a diagnostic, its constraint is dropped from propagation, reported values are kept and its
 * suppressed children go to the bound nearest consistency (lower bound when children exceed the parent).
 * Every estimate lies inside its original range, whatever the data. Estimates are real numbers (not rounded).
 *
 * @example
 * // 336 = 63,765 reported; 3364 flag L; children 336411 K, 336412 = 1,131, ... (WA 2011)
 * const r = estimateSuppressed({ parent, value, lower, upper });
 * r.estimate[i3364] // 55,278 — inside [50,000, 99,999] and equal to the sum of its children
 * @throws ShapeMismatchError when the arrays differ in length; InvalidInputError for bad parents, cycles,
 *   values, ranges or options; ConvergenceError when propagation does not settle within maxIterations.
 */
export function estimateSuppressed(h: SuppressedHierarchy, options: EstimateSuppressedOptions = {}): SuppressedEstimate {
  const maxIterations = options.maxIterations ?? ESTIMATE_SUPPRESSED_DEFAULTS.maxIterations;
  const tolerance = options.tolerance ?? ESTIMATE_SUPPRESSED_DEFAULTS.tolerance;
  if (!Number.isInteger(maxIterations) || maxIterations < 1) {
    throw new InvalidInputError('maxIterations must be a positive integer', { maxIterations });
  }
  if (!(tolerance >= 0) || !Number.isFinite(tolerance)) {
    throw new InvalidInputError('tolerance must be a finite number ≥ 0', { tolerance });
  }
  const { parent, value } = h;
  const n = parent.length;
  if (value.length !== n || h.lower.length !== n || h.upper.length !== n) {
    throw new ShapeMismatchError('parent, value, lower and upper must have the same length', {
      parent: n, value: value.length, lower: h.lower.length, upper: h.upper.length,
    });
  }

  // ---- validation, bounds initialisation -------------------------------------------------------------
  const lo = new Float64Array(n);
  const hi = new Float64Array(n);
  const estimated = new Uint8Array(n);
  for (let k = 0; k < n; k++) {
    const p = parent[k];
    if (p < -1 || p >= n || p === k) throw new InvalidInputError(`parent[${k}] = ${p} is not a node index or -1`, { node: k, parent: p });
    const v = value[k];
    if (Number.isNaN(v)) {
      const a = h.lower[k];
      const b = h.upper[k];
      if (!Number.isFinite(a) || a < 0 || Number.isNaN(b) || b < a) {
        throw new InvalidInputError(`suppressed node ${k} needs a finite lower ≥ 0 and an upper ≥ lower, got [${a}, ${b}]`, { node: k, lower: a, upper: b });
      }
      estimated[k] = 1;
      lo[k] = a;
      hi[k] = b;
    } else {
      if (!Number.isFinite(v) || v < 0) throw new InvalidInputError(`reported value of node ${k} must be finite and ≥ 0, got ${v}`, { node: k, value: v });
      lo[k] = v;
      hi[k] = v;
    }
  }

  // ---- children in CSR (ascending index), breadth-first order from the roots ---------------------------
  const childStart = new Int32Array(n + 1);
  for (let k = 0; k < n; k++) if (parent[k] >= 0) childStart[parent[k] + 1]++;
  for (let k = 0; k < n; k++) childStart[k + 1] += childStart[k];
  const childList = new Int32Array(childStart[n]);
  const fill = childStart.slice(0, n);
  for (let k = 0; k < n; k++) if (parent[k] >= 0) childList[fill[parent[k]]++] = k;
  const order = new Int32Array(n);
  let visited = 0;
  for (let k = 0; k < n; k++) if (parent[k] === -1) order[visited++] = k;
  for (let head = 0; head < visited; head++) {
    const p = order[head];
    for (let j = childStart[p]; j < childStart[p + 1]; j++) order[visited++] = childList[j];
  }
  if (visited !== n) throw new InvalidInputError('parent links contain a cycle', { nodes: n, reachableFromRoots: visited });

  // ---- 1. bound propagation ----------------------------------------------------------------------------
  const relaxed = new Uint8Array(n);
  const diagnostics: SuppressionDiagnostic[] = [];
  let iterations = 0;
  let changed = true;
  while (changed) {
    if (iterations === maxIterations) {
      throw new ConvergenceError('suppressed-cell bound propagation did not reach a fixed point', maxIterations, tolerance);
    }
    iterations++;
    changed = false;
    // upward: children before parents
    for (let idx = n - 1; idx >= 0; idx--) {
      const p = order[idx];
      const c0 = childStart[p];
      const c1 = childStart[p + 1];
      if (c0 === c1 || relaxed[p] === 1) continue;
      let sumLo = 0;
      let sumHi = 0;
      for (let j = c0; j < c1; j++) {
        sumLo += lo[childList[j]];
        sumHi += hi[childList[j]];
      }
      let newLo = lo[p] > sumLo ? lo[p] : sumLo;
      let newHi = hi[p] < sumHi ? hi[p] : sumHi;
      if (newLo > newHi) {
        const scale = Math.max(1, Math.abs(newLo), Number.isFinite(newHi) ? Math.abs(newHi) : 0);
        if (newLo - newHi > tolerance * scale) {
          relaxed[p] = 1;
          diagnostics.push(familyDiagnostic(p, lo[p], hi[p], sumLo, sumHi, estimated[p] === 0));
          continue;
        }
        const mid = clamp(0.5 * (newLo + newHi), lo[p], hi[p]);
        newLo = mid;
        newHi = mid;
      }
      if (estimated[p] === 1) {
        if (moved(lo[p], newLo, tolerance) || moved(hi[p], newHi, tolerance)) changed = true;
        lo[p] = newLo;
        hi[p] = newHi;
      }
    }
    // downward: parents before children
    for (let idx = 0; idx < n; idx++) {
      const p = order[idx];
      const c0 = childStart[p];
      const c1 = childStart[p + 1];
      if (c0 === c1 || relaxed[p] === 1) continue;
      let sumLo = 0;
      let sumHiFinite = 0;
      let openCount = 0;
      for (let j = c0; j < c1; j++) {
        const c = childList[j];
        sumLo += lo[c];
        if (hi[c] === Infinity) openCount++;
        else sumHiFinite += hi[c];
      }
      const pLo = lo[p];
      const pHi = hi[p];
      for (let j = c0; j < c1; j++) {
        const c = childList[j];
        if (estimated[c] === 0) continue;
        const cOpen = hi[c] === Infinity;
        const othersHi = openCount - (cOpen ? 1 : 0) > 0 ? Infinity : sumHiFinite - (cOpen ? 0 : hi[c]);
        const othersLo = sumLo - lo[c];
        const fromParentLo = pLo - othersHi;
        const fromParentHi = pHi - othersLo;
        let newLo = lo[c] > fromParentLo ? lo[c] : fromParentLo;
        let newHi = hi[c] < fromParentHi ? hi[c] : fromParentHi;
        if (newLo > newHi) {
          // only rounding can get here: the upward pass made the parent's range a subset of the children's sum
          const mid = clamp(0.5 * (newLo + newHi), lo[c], hi[c]);
          newLo = mid;
          newHi = mid;
        }
        if (moved(lo[c], newLo, tolerance) || moved(hi[c], newHi, tolerance)) changed = true;
        lo[c] = newLo;
        hi[c] = newHi;
      }
    }
  }

  // ---- 2. top-down allocation --------------------------------------------------------------------------
  const estimate = new Float64Array(n);
  let maxSuppressedChildren = 0;
  for (let p = 0; p < n; p++) {
    let count = 0;
    for (let j = childStart[p]; j < childStart[p + 1]; j++) count += estimated[childList[j]];
    if (count > maxSuppressedChildren) maxSuppressedChildren = count;
  }
  const prior = new Float64Array(n);
  const breakpoints = new Float64Array(2 * maxSuppressedChildren);
  for (let idx = 0; idx < n; idx++) {
    const k = order[idx];
    if (estimated[k] === 0) {
      estimate[k] = value[k];
    } else if (parent[k] === -1) {
      let x = rangePrior(lo[k], hi[k]);
      if (Number.isNaN(x)) {
        x = lo[k];
        diagnostics.push(noInformationDiagnostic(k, lo[k], 'estimated at its lower bound'));
      }
      estimate[k] = x;
    }
    // estimates of non-root suppressed nodes were set when their parent was allocated
    const c0 = childStart[k];
    const c1 = childStart[k + 1];
    if (c0 === c1) continue;
    let residual = estimate[k];
    let residualCompensation = 0;
    let suppressedCount = 0;
    let knownPriorSum = 0;
    let knownPriorCount = 0;
    for (let j = c0; j < c1; j++) {
      const c = childList[j];
      if (estimated[c] === 0) {
        const t = residual - value[c];
        residualCompensation += Math.abs(residual) >= value[c] ? residual - t - value[c] : -value[c] - t + residual;
        residual = t;
      } else {
        suppressedCount++;
        const m = rangePrior(lo[c], hi[c]);
        prior[c] = m;
        if (m > 0) {
          knownPriorSum += m;
          knownPriorCount++;
        }
      }
    }
    residual += residualCompensation;
    if (suppressedCount === 0) continue;
    const fallbackPrior = knownPriorCount > 0 ? knownPriorSum / knownPriorCount : 1;
    for (let j = c0; j < c1; j++) {
      const c = childList[j];
      if (estimated[c] === 1 && Number.isNaN(prior[c])) {
        prior[c] = fallbackPrior;
        diagnostics.push(noInformationDiagnostic(c, lo[c], 'given the mean prior of its suppressed siblings before scaling'));
      }
    }
    allocateFamily(childList, c0, c1, estimated, lo, hi, prior, residual, breakpoints, estimate);
  }

  return {
    estimate,
    estimated,
    lower: lo,
    upper: hi,
    diagnostics: Object.freeze(diagnostics),
    iterations,
  };
}

/** Point prior of a range: midpoint when closed, 1.5 × lower when open, NaN for [0, Infinity). */
function rangePrior(a: number, b: number): number {
  if (b !== Infinity) return 0.5 * (a + b);
  return a > 0 ? OPEN_RANGE_PRIOR_FACTOR * a : NaN;
}

function clamp(x: number, a: number, b: number): number {
  return x < a ? a : x > b ? b : x;
}

function moved(before: number, after: number, tolerance: number): boolean {
  if (before === after) return false;
  if (!Number.isFinite(before) || !Number.isFinite(after)) return true;
  return Math.abs(after - before) > tolerance * Math.max(1, Math.abs(before));
}

/** Σ_c clamp(λ m_c, lo_c, hi_c) over the suppressed children c of one family. */
function scaledSum(childList: Int32Array, c0: number, c1: number, estimated: Uint8Array, lo: Float64Array, hi: Float64Array, prior: Float64Array, lambda: number): number {
  let s = 0;
  for (let j = c0; j < c1; j++) {
    const c = childList[j];
    if (estimated[c] === 1) s += clamp(lambda * prior[c], lo[c], hi[c]);
  }
  return s;
}

/**
 * Shares `residual` among the suppressed children of one family: x_c = clamp(λ m_c, lo_c, hi_c) with the λ ≥ 0
 * that makes Σ x_c = residual (all at lo when residual ≤ Σ lo, all at hi when residual ≥ Σ hi), then removes the
 * rounding remainder from the first children with room so the sum is exact to the last bit that floats allow.
 */
function allocateFamily(
  childList: Int32Array, c0: number, c1: number, estimated: Uint8Array, lo: Float64Array, hi: Float64Array,
  prior: Float64Array, residual: number, breakpoints: Float64Array, estimate: Float64Array,
): void {
  let sumLo = 0;
  let sumHi = 0;
  let count = 0;
  for (let j = c0; j < c1; j++) {
    const c = childList[j];
    if (estimated[c] === 0) continue;
    sumLo += lo[c];
    sumHi += hi[c];
    if (prior[c] > 0) {
      breakpoints[count++] = lo[c] / prior[c];
      if (hi[c] !== Infinity) breakpoints[count++] = hi[c] / prior[c];
    }
  }
  let lambda: number;
  if (residual <= sumLo) lambda = 0;
  else if (residual >= sumHi) lambda = Infinity;
  else {
    const b = breakpoints.subarray(0, count).sort();
    // smallest breakpoint with f(b) ≥ residual; f is non-decreasing and linear between breakpoints
    let left = 0;
    let right = count;
    while (left < right) {
      const mid = (left + right) >>> 1;
      if (scaledSum(childList, c0, c1, estimated, lo, hi, prior, b[mid]) >= residual) right = mid;
      else left = mid + 1;
    }
    if (left === count) {
      // beyond the last finite breakpoint only open-ended children still grow: slope = Σ their priors
      const b0 = count > 0 ? b[count - 1] : 0;
      const f0 = scaledSum(childList, c0, c1, estimated, lo, hi, prior, b0);
      let slope = 0;
      for (let j = c0; j < c1; j++) {
        const c = childList[j];
        if (estimated[c] === 1 && hi[c] === Infinity) slope += prior[c];
      }
      lambda = b0 + (residual - f0) / slope;
    } else {
      const b1 = b[left];
      const b0 = left > 0 ? b[left - 1] : 0;
      const f1 = scaledSum(childList, c0, c1, estimated, lo, hi, prior, b1);
      const f0 = scaledSum(childList, c0, c1, estimated, lo, hi, prior, b0);
      lambda = f1 > f0 ? b0 + ((residual - f0) * (b1 - b0)) / (f1 - f0) : b1;
    }
  }
  let total = 0;
  for (let j = c0; j < c1; j++) {
    const c = childList[j];
    if (estimated[c] === 0) continue;
    const x = lambda === Infinity ? hi[c] : clamp(lambda * prior[c], lo[c], hi[c]);
    estimate[c] = x;
    total += x;
  }
  if (residual <= sumLo || residual >= sumHi) return;
  // remove the floating-point remainder so the family adds up exactly
  let remainder = residual - total;
  for (let j = c0; j < c1 && remainder !== 0; j++) {
    const c = childList[j];
    if (estimated[c] === 0) continue;
    const x = estimate[c];
    const step = remainder > 0 ? Math.min(remainder, hi[c] - x) : Math.max(remainder, lo[c] - x);
    estimate[c] = x + step;
    remainder -= step;
  }
}

function familyDiagnostic(p: number, a: number, b: number, sumLo: number, sumHi: number, parentReported: boolean): SuppressionDiagnostic {
  const exceed = sumLo > b;
  const what = parentReported ? `reported parent ${a}` : `parent range [${a}, ${b}]`;
  return Object.freeze({
    code: exceed ? 'CHILDREN_EXCEED_PARENT' : 'CHILDREN_BELOW_PARENT',
    node: p,
    lower: a,
    upper: b,
    childrenLower: sumLo,
    childrenUpper: sumHi,
    message: exceed
      ? `children of node ${p} sum to at least ${sumLo}, above the ${what}`
      : `children of node ${p} sum to at most ${sumHi}, below the ${what}`,
    action: `family constraint dropped; reported values kept; suppressed children at their ${exceed ? 'lower' : 'upper'} bounds`,
  });
}

function noInformationDiagnostic(k: number, a: number, action: string): SuppressionDiagnostic {
  return Object.freeze({
    code: 'NO_INFORMATION',
    node: k,
    lower: a,
    upper: Infinity,
    childrenLower: NaN,
    childrenUpper: NaN,
    message: `suppressed node ${k} has the open range [${a}, Infinity) and no finite prior`,
    action,
  });
}
