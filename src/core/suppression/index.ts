/** Suppressed-cell estimation (CBP size-class flags → hierarchy-consistent estimates). See docs/methods/suppressed-cells.md. */
export { CBP_EMPLOYMENT_FLAG_RANGES, cbpEmploymentFlagRange } from './cbp-employment-flags.js';
export type { CbpEmploymentFlag, CbpEmploymentRange } from './cbp-employment-flags.js';
export { ESTIMATE_SUPPRESSED_DEFAULTS, estimateSuppressed } from './estimate-suppressed.js';
export type {
  EstimateSuppressedOptions,
  SuppressedEstimate,
  SuppressedHierarchy,
  SuppressionDiagnostic,
  SuppressionDiagnosticCode,
} from './estimate-suppressed.js';
