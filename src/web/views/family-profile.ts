/**
 * One region's industry-family profile. The API compares 2–10 regions, so a single region is compared
 * with a companion of the same kind and only its own column is kept.
 */
import { getComparison, type CompareRegion, type Family } from '../api-client.js';
import { regionKind, type RegionDirectory } from './region-directory.js';

/** A region's family profile in one year. */
export interface FamilyProfile {
  readonly families: readonly Family[];
  readonly region: CompareRegion;
  readonly notes: readonly string[];
}

/** The family profile of `region`, in `year` when given (the dataset's latest year otherwise). */
export async function familyProfile(directory: RegionDirectory, region: string, year?: number): Promise<FamilyProfile> {
  const kind = regionKind(region);
  const companion = directory[kind].find((r) => r.id !== region)?.id;
  if (companion === undefined) throw new Error(`no other region to compare ${region} with`);
  const country = directory[kind].find((r) => r.id === region)?.country ?? (kind === 'EU' ? region.slice(0, 2) : kind);
  const companionCountry = directory[kind].find((r) => r.id === companion)?.country ?? country;
  const years: Record<string, number> = {};
  if (year !== undefined) {
    years[country] = year;
    years[companionCountry] = year;
  }
  const comparison = await getComparison([region, companion], years);
  const own = comparison.regions.find((r) => r.region === region) ?? comparison.regions[0];
  if (!own) throw new Error(`the comparison returned no data for ${region}`);
  return { families: comparison.families, region: own, notes: comparison.notes };
}
