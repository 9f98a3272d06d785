/**
 * Builds data/us-cmp-geo/county_ea_msa.csv: the BEA Economic Area (EA) and metropolitan/micropolitan
 * statistical area (CBSA, "MSA") of every county, derived from the geometry of the U.S. Cluster Mapping map
 * file, whose counties, EAs and MSAs share one topology (shared arcs).
 *
 * Method: a county belongs to the area whose polygon contains an interior point of the county (the midpoint
 * of the widest inside span of a horizontal line through the middle of the county's largest polygon; tested
 * with d3-geo geoContains on the sphere). Validation, printed and written to the SOURCE.md by hand:
 * - every county in exactly one EA and at most one MSA; every EA and MSA has at least one county;
 * - the same areas from interior points on lines at 30 % and 70 % of the county's height;
 * - topology: the boundary of the merged member counties (arcs used once, topojson-client mergeArcs) is the
 *   area's own set of arcs, area by area;
 * - area: the spherical area of each area equals the sum of its counties' areas (d3-geo geoArea);
 * - the same test on the shipped Census 2017 county shapes (data/us-atlas) for the counties in both files.
 * Counties the map file has no shape for (Arlington, small Virginia cities, post-2015 codes) are placed by
 * their Census 2017 shape, or, in a hole of the map file's areas, by the areas all their Census neighbours
 * share; a few former codes CBP 2007–2011 use get their successor's areas.
 *
 * Usage: npx tsx scripts/build-county-area-crosswalk.ts [topology] [output]
 *   topology default ../shared/data/us-cmp-clusters/cmp_counties_eas_msas.topo.json (GPL-2.0, see data/us-cmp-geo/SOURCE.md)
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { geoArea, geoBounds, geoContains } from 'd3-geo';
import type { Feature, MultiPolygon, Polygon, Position } from 'geojson';
import { feature, mergeArcs, neighbors } from 'topojson-client';
import type { GeometryCollection, MultiPolygon as TopoMultiPolygon, Polygon as TopoPolygon, Topology } from 'topojson-specification';

type Area = Feature<Polygon | MultiPolygon, { name: string }>;
type TopoArea = TopoPolygon<{ name: string }> | TopoMultiPolygon<{ name: string }>;

const input = process.argv[2] ?? join(process.cwd(), '..', 'shared', 'data', 'us-cmp-clusters', 'cmp_counties_eas_msas.topo.json');
const output = process.argv[3] ?? join(process.cwd(), 'data', 'us-cmp-geo', 'county_ea_msa.csv');
const topology = JSON.parse(readFileSync(input, 'utf8')) as Topology;
const collection = (name: string): TopoArea[] => (topology.objects[name] as GeometryCollection<{ name: string }>).geometries as TopoArea[];
const featuresOf = (name: string): Area[] => collection(name).map((g) => feature(topology, g) as Area);

const counties = featuresOf('counties');
// the shipped Census 2017 county shapes (public domain, us-atlas): counties the map file leaves out (small
// Virginia independent cities, Arlington) and later codes (02158, 46102) are placed by their own shape
const atlasPath = join(process.cwd(), 'data', 'us-atlas', 'counties-10m.json');
const atlas = JSON.parse(readFileSync(atlasPath, 'utf8')) as Topology;
const atlasGeometries = (atlas.objects.counties as GeometryCollection<{ name: string }>).geometries as TopoArea[];
const atlasCounties = atlasGeometries.map((g) => feature(atlas, g) as Area);
const atlasNeighbours = neighbors(atlasGeometries as never);
const eas = featuresOf('eas');
const msas = featuresOf('msas');

/** A point inside the largest polygon of a feature (even–odd rule along a horizontal line at `fraction` of its height). */
function interiorPoint(f: Area, fraction = 0.5): [number, number] {
  const polygons: Position[][][] = f.geometry.type === 'Polygon' ? [f.geometry.coordinates] : f.geometry.coordinates;
  let best = polygons[0]!;
  let bestArea = -1;
  for (const p of polygons) {
    const a = geoArea({ type: 'Polygon', coordinates: p });
    if (a > bestArea) [best, bestArea] = [p, a];
  }
  let minY = Infinity;
  let maxY = -Infinity;
  for (const [, y] of best[0]!) [minY, maxY] = [Math.min(minY, y!), Math.max(maxY, y!)];
  const ys = new Set(best.flatMap((ring) => ring.map((q) => q[1]!)));
  let y = minY + (maxY - minY) * fraction;
  while (ys.has(y)) y += (maxY - minY) * 1e-7;
  const xs: number[] = [];
  for (const ring of best) {
    for (let i = 0; i + 1 < ring.length; i++) {
      const [x0, y0] = ring[i] as [number, number];
      const [x1, y1] = ring[i + 1] as [number, number];
      if ((y0 < y) !== (y1 < y)) xs.push(x0 + ((y - y0) / (y1 - y0)) * (x1 - x0));
    }
  }
  xs.sort((a, b) => a - b);
  let x = NaN;
  let width = -1;
  for (let i = 0; i + 1 < xs.length; i += 2) {
    if (xs[i + 1]! - xs[i]! > width) [x, width] = [(xs[i]! + xs[i + 1]!) / 2, xs[i + 1]! - xs[i]!];
  }
  return [x, y];
}

/** The areas (indexes) whose polygon contains the point, bounding boxes first. */
function containing(areas: readonly Area[], boxes: readonly [[number, number], [number, number]][], point: [number, number]): number[] {
  const found: number[] = [];
  areas.forEach((a, k) => {
    const [[x0, y0], [x1, y1]] = boxes[k]!;
    const inBox = y0 <= point[1] && point[1] <= y1 && (x0 <= x1 ? x0 <= point[0] && point[0] <= x1 : point[0] >= x0 || point[0] <= x1);
    if (inBox && geoContains(a, point)) found.push(k);
  });
  return found;
}

const eaBoxes = eas.map((a) => geoBounds(a));
const msaBoxes = msas.map((a) => geoBounds(a));
const rows: string[] = [];
const eaMembers = eas.map(() => [] as number[]);
const msaMembers = msas.map(() => [] as number[]);
const problems: string[] = [];
const disagreements: string[] = [];
const areasOf = new Map<string, string>();
counties.forEach((c, i) => {
  const point = interiorPoint(c);
  const inEa = containing(eas, eaBoxes, point);
  const inMsa = containing(msas, msaBoxes, point);
  const fips = String(c.id);
  if (inEa.length !== 1) problems.push(`county ${fips} in ${inEa.length} EAs`);
  if (inMsa.length > 1) problems.push(`county ${fips} in ${inMsa.length} MSAs`);
  const ea = inEa[0];
  const msa = inMsa[0];
  for (const fraction of [0.3, 0.7]) {
    const other = interiorPoint(c, fraction);
    if (containing(eas, eaBoxes, other).join() !== inEa.join() || containing(msas, msaBoxes, other).join() !== inMsa.join()) disagreements.push(`${fips}@${fraction}`);
  }
  if (ea !== undefined) eaMembers[ea]!.push(i);
  if (msa !== undefined) msaMembers[msa]!.push(i);
  rows.push(rowOf(fips, c.properties.name, ea, msa, 'map-file shape'));
  areasOf.set(fips, `${ea ?? ''}|${msa ?? ''}`);
});

function quote(s: string): string {
  return /[",]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

function rowOf(fips: string, name: string, ea: number | undefined, msa: number | undefined, source: string): string {
  return [fips, quote(name), ea === undefined ? '' : String(eas[ea]!.id), ea === undefined ? '' : quote(eas[ea]!.properties.name), msa === undefined ? '' : String(msas[msa]!.id), msa === undefined ? '' : quote(msas[msa]!.properties.name), source].join(',');
}

/** Validation of one layer: members merged by topology against the area's arcs, and areas summed. */
function validate(label: string, areas: readonly Area[], topoAreas: readonly TopoArea[], members: readonly number[][]): void {
  const countyTopo = collection('counties');
  let arcsEqual = 0;
  let worst = 0;
  let worstId = '';
  let empty = 0;
  let areaSum = 0;
  let memberSum = 0;
  areas.forEach((a, k) => {
    const m = members[k]!;
    if (m.length === 0) {
      empty++;
      problems.push(`${label} ${String(a.id)} has no county`);
      return;
    }
    const merged = mergeArcs(topology, m.map((i) => countyTopo[i]!) as never);
    const arcSet = (arcs: unknown): string => [...new Set((JSON.stringify(arcs).match(/-?\d+/g) ?? []).map((s) => { const n = Number(s); return n < 0 ? ~n : n; }))].sort((x, y) => x - y).join(',');
    if (arcSet(merged.arcs) === arcSet(topoAreas[k]!.arcs)) arcsEqual++;
    const own = geoArea(a);
    const sum = m.reduce((s, i) => s + geoArea(counties[i]!), 0);
    areaSum += own;
    memberSum += sum;
    const rel = Math.abs(sum - own) / own;
    if (rel > worst) [worst, worstId] = [rel, String(a.id)];
  });
  const sizes = members.map((m) => m.length).filter((n) => n > 0);
  console.log(
    `${label}: ${areas.length} areas, ${areas.length - empty} with counties (${sizes.reduce((s, n) => s + n, 0)} counties, ${Math.min(...sizes)}–${Math.max(...sizes)} per area); ` +
      `member boundary = area boundary (same arcs) for ${arcsEqual}; area vs sum of county areas: largest relative difference ${worst.toExponential(2)} (${worstId}), ` +
      `all areas ${(memberSum / areaSum - 1).toExponential(2)}`,
  );
}

validate('EA', eas, collection('eas'), eaMembers);
validate('MSA', msas, collection('msas'), msaMembers);
const inMsa = msaMembers.reduce((s, m) => s + m.length, 0);
console.log(`counties: ${counties.length}; in one EA ${eaMembers.reduce((s, m) => s + m.length, 0)}; in one MSA ${inMsa}, in none ${counties.length - inMsa}`);
console.log(`interior points at 30 % / 70 % of the height giving other areas: ${disagreements.length}${disagreements.length > 0 ? ` (${disagreements.join(', ')})` : ''}`);
// cross-check on the Census county shapes, and the counties the map file lacks
let agree = 0;
let compared = 0;
const differ: string[] = [];
const added: string[] = [];
const holes: [number, string][] = [];
atlasCounties.forEach((c, index) => {
  const fips = String(c.id);
  if (fips.length !== 5 || fips.startsWith('72') || Number(fips.slice(0, 2)) > 56) return;
  const point = interiorPoint(c);
  const ea = containing(eas, eaBoxes, point);
  const msa = containing(msas, msaBoxes, point);
  const known = areasOf.get(fips);
  if (known !== undefined) {
    compared++;
    if (known === `${ea.length === 1 ? ea[0] : ''}|${msa.length === 1 ? msa[0] : ''}`) agree++;
    else differ.push(`${fips} ${c.properties.name}`);
    return;
  }
  if (ea.length === 0 && msa.length === 0) {
    holes.push([index, fips]);
    return;
  }
  if (ea.length !== 1 || msa.length > 1) {
    problems.push(`Census county ${fips} (not in the map file) in ${ea.length} EAs, ${msa.length} MSAs`);
    return;
  }
  rows.push(rowOf(fips, c.properties.name, ea[0], msa[0], 'Census 2017 shape (us-atlas)'));
  areasOf.set(fips, `${ea[0]}|${msa[0] ?? ''}`);
  added.push(`${fips} ${c.properties.name}`);
});
// a county whose shape falls in a hole of the map file's areas gets the areas all its Census neighbours share
for (const [index, fips] of holes) {
  const around = new Set(atlasNeighbours[index]!.map((n) => areasOf.get(String(atlasCounties[n]!.id))));
  const only = [...around][0];
  if (around.size !== 1 || only === undefined) {
    problems.push(`Census county ${fips} (not in the map file) lies in no area and its neighbours disagree`);
    continue;
  }
  const [ea, msa] = only.split('|').map((x) => (x === '' ? undefined : Number(x)));
  rows.push(rowOf(fips, atlasCounties[index]!.properties.name, ea, msa, 'neighbours in the Census 2017 shapes (us-atlas)'));
  added.push(`${fips} ${atlasCounties[index]!.properties.name} (by its neighbours)`);
}
console.log(`Census 2017 county shapes (us-atlas): ${compared} also in the map file, same EA and MSA from their own shape for ${agree}${differ.length > 0 ? `; different for ${differ.join(', ')}` : ''}`);
console.log(`counties not in the map file, placed by their Census shape: ${added.length} (${added.join(', ')})`);
const outside = problems.filter((p) => !p.startsWith('county 72'));
console.log(`Puerto Rico counties (72…) in no EA: ${problems.length - outside.length}`);
if (outside.length > 0) console.log(`problems (${outside.length}):\n  ${outside.join('\n  ')}`);

// county codes that CBP 2007–2011 files still use but the map file's counties (about 2010) no longer have:
// each gets the areas of the county it lies in or became part of (no shape of its own)
const FORMER_CODES: readonly [string, string, string][] = [
  ['51515', 'Bedford city (former county code; within Bedford County 51019 since 2013)', '51019'],
  ['02201', 'Prince of Wales-Outer Ketchikan Census Area (former code; now 02198 and 02130)', '02198'],
  ['02232', 'Skagway-Hoonah-Angoon Census Area (former code; now 02230 and 02105)', '02230'],
  ['02280', 'Wrangell-Petersburg Census Area (former code; now 02275 and 02195)', '02275'],
  ['12025', 'Dade County (former code of Miami-Dade 12086)', '12086'],
];
const rowByCode = new Map(rows.map((r) => [r.slice(0, 5), r]));
for (const [code, name, successor] of FORMER_CODES) {
  const row = rowByCode.get(successor);
  if (row === undefined || rowByCode.has(code)) throw new Error(`former code ${code}: successor ${successor} missing or code already present`);
  rows.push(`${code},"${name}"${row.slice(row.indexOf(',', 6), row.lastIndexOf(','))},former code: areas of ${successor}`);
}
console.log(`former county codes added with their successor's areas: ${FORMER_CODES.map(([c, , s]) => `${c} → ${s}`).join(', ')}`);
writeFileSync(output, ['county_fips,county_name,ea_code,ea_name,cbsa_code,cbsa_name,source', ...rows.sort()].join('\n') + '\n');
console.log(`wrote ${rows.length} counties to ${output}`);
