/** A point in degrees (WGS 84). */
export interface GeoPoint {
  readonly latitude: number;
  readonly longitude: number;
}

/**
 * Great-circle distance in km between two points given in degrees (haversine formula, mean Earth radius 6371 km).
 * NaN in → NaN out. Used by the geographical proximity of partner matching.
 * @example haversineKm({ latitude: 43.06, longitude: 141.35 }, { latitude: 34.69, longitude: 135.2 }); // ≈ 1,040 (Sapporo–Kobe)
 * @see docs/methods/partner-matching.md
 */
export function haversineKm(from: GeoPoint, to: GeoPoint): number {
  const lat1 = from.latitude;
  const lon1 = from.longitude;
  const lat2 = to.latitude;
  const lon2 = to.longitude;
  const r = Math.PI / 180;
  const dLat = (lat2 - lat1) * r;
  const dLon = (lon2 - lon1) * r;
  const a = Math.sin(dLat / 2) ** 2 + Math.cos(lat1 * r) * Math.cos(lat2 * r) * Math.sin(dLon / 2) ** 2;
  return 2 * 6371 * Math.asin(Math.min(1, Math.sqrt(a)));
}
