import { jsicIndustries } from '../../classifications/jsic.js';
import type { JsicRevision } from '../../classifications/jsic.js';
import { japanPrefectureRegionId, japanRegions } from '../../classifications/japan-prefectures.js';
import type { DatasetImport, DatasetRecord, ObservationRecord } from '../../store/store.js';
import type { EstatJapanCell } from './read-estat-japan.js';

export interface BuildEstatJapanImportOptions {
  dataset: Omit<DatasetRecord, 'rowCount' | 'importedAt' | 'classification'> & { importedAt?: string };
  classification: JsicRevision;
}

/**
 * Turns validated e-Stat / Economic Census cells into a dataset import: one observation per cell
 * (measure "establishments" or "employment"), region JP-<JIS code>, industry TOTAL (level 0) or a JSIC division
 * (level 1). Suppressed and not-available cells keep a null value, their status and the published mark in
 * `flag`; nothing is estimated. Regions: Japan, the eight regional blocks and the 47 prefectures.
 */
export function buildEstatJapanImport(cells: readonly EstatJapanCell[], options: BuildEstatJapanImportOptions): DatasetImport {
  const { classification } = options;
  const datasetId = options.dataset.id;
  const observations: ObservationRecord[] = cells.map((c) => ({
    datasetId,
    regionId: japanPrefectureRegionId(c.prefectureCode),
    classification,
    industryCode: c.industryCode,
    level: c.industryCode === 'TOTAL' ? 0 : 1,
    year: c.year,
    measure: c.measure,
    value: c.value,
    status: c.status,
    lower: null,
    upper: null,
    flag: c.flag,
    method: null,
  }));
  return {
    dataset: {
      ...options.dataset,
      classification,
      importedAt: options.dataset.importedAt ?? new Date().toISOString(),
      rowCount: observations.length,
    },
    regions: japanRegions(),
    industries: jsicIndustries(classification),
    observations,
  };
}
