export { shiftShare, shiftShareDefaults } from './shift-share.js';
export type {
  ShiftShareCells,
  ShiftShareComponents,
  ShiftShareDiagnostic,
  ShiftShareOptions,
  ShiftShareResult,
  ZeroStartPolicy,
} from './shift-share.js';
export { dynamicShiftShare, dynamicShiftShareDefaults } from './dynamic-shift-share.js';
export type { DynamicShiftShareOptions, DynamicShiftShareResult } from './dynamic-shift-share.js';
