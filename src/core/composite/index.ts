export { sampleSkewness } from './sample-skewness.js';
export { compositeIndex, compositeIndexDefaults } from './composite-index.js';
export type {
  CompositeIndicator,
  CompositeIndicatorReport,
  CompositeIndexOptions,
  CompositeIndexResult,
  CompositeInput,
  IndicatorDirection,
  OutlierTreatment,
  SkewTransformation,
} from './composite-index.js';
export { compositeSensitivity, compositeSensitivityDefaults } from './composite-sensitivity.js';
export type { CompositeSensitivityOptions, CompositeSensitivityResult, WeightPerturbation } from './composite-sensitivity.js';
export { performanceGroup, performanceGroupDefaults } from './performance-group.js';
export type { PerformanceGroup, PerformanceThresholds } from './performance-group.js';
