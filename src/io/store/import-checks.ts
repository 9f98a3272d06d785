import { StoreError } from './store.js';
import type { DatasetImport, ImportSession, ImportStart, IndustryRecord, ObservationRecord, RegionRecord } from './store.js';

/**
 * Checks shared by every Store implementation, so both back ends refuse the same input with the same
 * message before anything is written.
 */

/**
 * Refuses duplicate region ids or industry codes within one import (an upsert would silently keep the last
 * one). Returns the region ids, which later addRegions calls extend.
 */
export function checkImportRecords(operation: string, regions: readonly RegionRecord[], industries: readonly IndustryRecord[] = []): Set<string> {
  const regionIds = new Set<string>();
  addRegionIds(operation, regionIds, regions);
  const industryKeys = new Set<string>();
  for (const i of industries) {
    const key = `${i.classification}\u0000${i.code}`;
    if (industryKeys.has(key)) throw new StoreError('STORE_FAILED', `${operation}: industry ${i.classification} ${i.code} appears twice`);
    industryKeys.add(key);
  }
  return regionIds;
}

/** Adds region ids to `seen`, refusing one that is already there. */
export function addRegionIds(operation: string, seen: Set<string>, regions: readonly RegionRecord[]): void {
  for (const r of regions) {
    if (seen.has(r.id)) throw new StoreError('STORE_FAILED', `${operation}: region ${r.id} appears twice`);
    seen.add(r.id);
  }
}

/**
 * Refuses what the schemas cannot catch the same way on every back end: an observation of another dataset
 * and non-finite numbers (DuckDB would store NaN and Infinity; JSON would turn them into null).
 * `index` numbers the rows across appends.
 */
export function checkObservation(operation: string, datasetId: string, o: ObservationRecord | undefined, index: number): asserts o is ObservationRecord {
  if (o?.datasetId !== datasetId) {
    throw new StoreError('STORE_FAILED', `${operation}: observation ${index} has datasetId ${JSON.stringify(o?.datasetId)}`);
  }
  if (!isFiniteOrNull(o.value) || !isFiniteOrNull(o.lower) || !isFiniteOrNull(o.upper)) {
    throw new StoreError(
      'STORE_FAILED',
      `${operation}: observation ${index} (${o.regionId} ${o.industryCode} ${o.year} ${o.measure}) has a non-finite value, lower or upper`,
    );
  }
}

function isFiniteOrNull(x: number | null): boolean {
  return x === null || Number.isFinite(x);
}

/** Store.importDataset in terms of Store.beginImport: one session, all observations, commit or abort. */
export async function importThroughSession(
  beginImport: (start: ImportStart, options: { replace?: boolean }) => Promise<ImportSession>,
  data: DatasetImport,
  options: { replace?: boolean },
): Promise<void> {
  const session = await beginImport(data, options);
  try {
    await session.append(data.observations);
    await session.commit();
  } catch (error) {
    await session.abort();
    throw error;
  }
}
