import { StoreError } from './store.js';
import type { CustomRegionInput, CustomRegionRecord, ObservationQuery, ObservationRecord, RegionRecord } from './store.js';

/** Ids of custom regions: "custom-" then lower-case letters, digits and dashes. */
export const CUSTOM_REGION_ID = /^custom-[a-z0-9][a-z0-9-]{0,62}$/;

/** Country of a custom region whose members lie in several countries (ISO 3166 user-assigned code). */
export const MIXED_COUNTRY = 'XX';

/** A default custom-region id from a name: "Cascadia" → "custom-cascadia". */
export function customRegionId(name: string): string {
  const slug = name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60);
  return `custom-${slug || 'region'}`;
}

/**
 * Checks a custom region against the regions of a store (shared by both back ends, so both refuse the same
 * input with the same message) and returns the record to store. Refused (StoreError INVALID_INPUT): an id
 * that is not "custom-…", an empty name, no members, a member given twice, unknown or itself custom, or
 * inside another member (US-53033 with US-53 would count King County twice).
 */
export function planCustomRegion(input: CustomRegionInput, regions: readonly RegionRecord[], customIds: ReadonlySet<string>): CustomRegionRecord {
  const fail = (message: string): never => {
    throw new StoreError('INVALID_INPUT', `custom region ${input.id}: ${message}`);
  };
  if (!CUSTOM_REGION_ID.test(input.id)) fail('the id must be "custom-" followed by lower-case letters, digits and dashes (e.g. custom-cascadia)');
  const name = input.name.trim();
  if (name === '') fail('the name is empty');
  if (input.members.length === 0) fail('no members');
  const byId = new Map(regions.map((r) => [r.id, r]));
  const members = [...input.members].sort();
  for (let k = 1; k < members.length; k++) if (members[k] === members[k - 1]) fail(`member ${members[k]} is given twice`);
  const chosen = new Set(members);
  const countries = new Set<string>();
  for (const id of members) {
    const region = byId.get(id);
    if (region === undefined) fail(`member ${id} is not a region of the store`);
    if (customIds.has(id)) fail(`member ${id} is itself a custom region (use its members)`);
    countries.add(region!.country);
    const seen = new Set<string>();
    for (let parent = region!.parentId; parent !== null && !seen.has(parent); parent = byId.get(parent)?.parentId ?? null) {
      seen.add(parent);
      if (chosen.has(parent)) fail(`member ${id} lies inside member ${parent}: its values would be counted twice`);
    }
  }
  return {
    id: input.id,
    name,
    type: 'custom',
    country: countries.size === 1 ? [...countries][0]! : MIXED_COUNTRY,
    parentId: null,
    aliases: [],
    members,
  };
}

/** The query a store runs for a query naming custom regions: their members instead of them. */
export function storedQuery(query: ObservationQuery, membership: ReadonlyMap<string, readonly string[]>): ObservationQuery {
  if (query.regionIds === undefined || membership.size === 0) return query;
  const ids = new Set<string>();
  for (const id of query.regionIds) {
    const members = membership.get(id);
    if (members === undefined) ids.add(id);
    else for (const m of members) ids.add(m);
  }
  return { ...query, regionIds: [...ids] };
}

/** Method recorded on a custom region's sum when some member values are estimates. */
export const CUSTOM_SUM_METHOD = 'sum over custom region members';

/**
 * The rows a query naming custom regions returns, from the stored rows of storedQuery(query): the rows of
 * the plain regions asked for, and per custom region one row per (dataset, classification, industry, year,
 * measure) that any member has, combining the members' rows:
 * - every member value known: value = Σ values; status estimated when any member value is estimated (lower
 *   = Σ(lower, else value), upper = Σ(upper, else value), null when an estimate is unbounded), else reported;
 * - some member value unknown: value null; status suppressed when any member is suppressed (lower = Σ known
 *   lower bounds and values, upper = Σ upper bounds and values, null when any is unbounded or not
 *   available), else not-available.
 * A member without a row adds nothing (CBP and QCEW leave out empty cells). flag is null; method names the
 * members' estimation methods. Rows are sorted by region, industry, year, measure and dataset.
 */
export function combineCustomRegions(
  rows: readonly ObservationRecord[],
  requested: readonly string[],
  membership: ReadonlyMap<string, readonly string[]>,
): ObservationRecord[] {
  const plain = new Set(requested.filter((id) => !membership.has(id)));
  const out: ObservationRecord[] = rows.filter((o) => plain.has(o.regionId));
  const customOf = new Map<string, string[]>();
  for (const id of new Set(requested)) {
    for (const member of membership.get(id) ?? []) {
      const list = customOf.get(member);
      if (list === undefined) customOf.set(member, [id]);
      else list.push(id);
    }
  }
  const groups = new Map<string, ObservationRecord[]>();
  for (const o of rows) {
    for (const custom of customOf.get(o.regionId) ?? []) {
      const key = `${custom}\u0000${o.datasetId}\u0000${o.classification}\u0000${o.industryCode}\u0000${o.year}\u0000${o.measure}`;
      const group = groups.get(key);
      if (group === undefined) groups.set(key, [o]);
      else group.push(o);
    }
  }
  for (const [key, group] of groups) out.push(combine(key.slice(0, key.indexOf('\u0000')), group));
  return out.sort(compareObservations);
}

function combine(regionId: string, group: readonly ObservationRecord[]): ObservationRecord {
  const first = group[0]!;
  let value = 0;
  let lower = 0;
  let upper: number | null = 0;
  let unknown = false;
  let suppressed = false;
  let estimated = false;
  const methods = new Set<string>();
  for (const o of group) {
    if (o.value === null) {
      unknown = true;
      if (o.status === 'suppressed') suppressed = true;
      lower += o.lower ?? 0;
      if (o.status !== 'suppressed' || o.upper === null) upper = null;
      else if (upper !== null) upper += o.upper;
      continue;
    }
    value += o.value;
    if (o.status === 'estimated') {
      estimated = true;
      if (o.method !== null) methods.add(o.method);
      lower += o.lower ?? o.value;
      if (o.upper === null) upper = null;
      else if (upper !== null) upper += o.upper;
    } else {
      lower += o.value;
      if (upper !== null) upper += o.value;
    }
  }
  const base = {
    datasetId: first.datasetId,
    regionId,
    classification: first.classification,
    industryCode: first.industryCode,
    level: first.level,
    year: first.year,
    measure: first.measure,
    flag: null,
  };
  if (unknown) {
    return suppressed
      ? { ...base, value: null, status: 'suppressed', lower, upper, method: null }
      : { ...base, value: null, status: 'not-available', lower: null, upper: null, method: null };
  }
  if (estimated) return { ...base, value, status: 'estimated', lower, upper, method: `${CUSTOM_SUM_METHOD} (${[...methods].sort().join('; ') || 'estimates'})` };
  return { ...base, value, status: 'reported', lower: null, upper: null, method: null };
}

function compareObservations(a: ObservationRecord, b: ObservationRecord): number {
  return (
    cmp(a.regionId, b.regionId) || cmp(a.industryCode, b.industryCode) || a.year - b.year || cmp(a.measure, b.measure) || cmp(a.datasetId, b.datasetId)
  );
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
