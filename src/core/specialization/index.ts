/** Specialisation of regions: location quotients and their reliability, Krugman, Hoover, Herfindahl, entropy, Hachman, Duranton–Puga. */
export { locationQuotient, LOCATION_QUOTIENT_DEFAULTS } from './location-quotient.js';
export type { LocationQuotientOptions } from './location-quotient.js';
export type { MarginOptions, MissingPolicy } from './region-industry-margins.js';
export { binarySpecialization, BINARY_SPECIALIZATION_DEFAULTS } from './binary-specialization.js';
export type { BinarySpecializationOptions } from './binary-specialization.js';
export { krugmanSpecialization, KRUGMAN_SPECIALIZATION_DEFAULTS } from './krugman-specialization.js';
export { hooverSpecialization, HOOVER_SPECIALIZATION_DEFAULTS } from './hoover-specialization.js';
export { herfindahlIndex, HERFINDAHL_INDEX_DEFAULTS } from './herfindahl-index.js';
export { shannonEntropy, SHANNON_ENTROPY_DEFAULTS } from './shannon-entropy.js';
export type { ShannonEntropyOptions } from './shannon-entropy.js';
export { hachmanIndex, HACHMAN_INDEX_DEFAULTS } from './hachman-index.js';
export { durantonPugaDiversity, DURANTON_PUGA_DIVERSITY_DEFAULTS } from './duranton-puga-diversity.js';
export { locationQuotientInterval, LOCATION_QUOTIENT_INTERVAL_DEFAULTS } from './location-quotient-interval.js';
export type { LocationQuotientInterval, LocationQuotientIntervalOptions } from './location-quotient-interval.js';
export { locationQuotientReliability, LOCATION_QUOTIENT_RELIABILITY_DEFAULTS } from './location-quotient-reliability.js';
export type { LocationQuotientReliabilityOptions } from './location-quotient-reliability.js';
