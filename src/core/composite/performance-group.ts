/** RIS performance groups relative to the reference (= 100). */
export type PerformanceGroup = 'leader' | 'strong' | 'moderate' | 'emerging';

/** Lower bounds of the leader (exclusive), strong and moderate (inclusive) groups on the relative index. */
export interface PerformanceThresholds {
  readonly leader: number;
  readonly strong: number;
  readonly moderate: number;
}

/** RIS thresholds: leaders above 125% of the reference, strong 100–125%, moderate 70–100%, emerging below 70%. */
export const performanceGroupDefaults: PerformanceThresholds = Object.freeze({ leader: 125, strong: 100, moderate: 70 });

/**
 * Performance group of a relative index value (reference = 100), in the manner of the Regional Innovation
 * Scoreboard: > leader → 'leader'; ≥ strong → 'strong'; ≥ moderate → 'moderate'; else 'emerging'.
 * So 125 exactly is strong (RIS: leaders are "more than 125%") and the reference itself (100) is strong. NaN → null.
 *
 * @example
 * performanceGroup(130); // → 'leader'
 * @see docs/methods/composite-index.md
 */
export function performanceGroup(relative: number, thresholds: PerformanceThresholds = performanceGroupDefaults): PerformanceGroup | null {
  if (Number.isNaN(relative)) return null;
  if (relative > thresholds.leader) return 'leader';
  if (relative >= thresholds.strong) return 'strong';
  if (relative >= thresholds.moderate) return 'moderate';
  return 'emerging';
}
