import type { ObservationColumns, ObservationQuery, ObservationRecord, Store } from './store.js';

/** Observations as columns, through the store's fast path when it has one. */
export async function readObservationColumns(store: Store, query: ObservationQuery): Promise<ObservationColumns> {
  if (store.queryObservationColumns) return store.queryObservationColumns(query);
  return observationColumnsOf(await store.queryObservations(query));
}

/** Observation rows as columns (NaN for a null value). */
export function observationColumnsOf(rows: readonly ObservationRecord[]): ObservationColumns {
  return {
    regionId: rows.map((r) => r.regionId),
    industryCode: rows.map((r) => r.industryCode),
    year: Int32Array.from(rows, (r) => r.year),
    measure: rows.map((r) => r.measure),
    value: Float64Array.from(rows, (r) => (r.value === null ? NaN : r.value)),
    status: rows.map((r) => r.status),
  };
}
