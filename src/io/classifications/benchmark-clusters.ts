import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { carryClusterDefinitions } from '../../core/index.js';
import type { CarryDiagnostic, ClusterAssignment, ConcordancePiece } from '../../core/index.js';
import { parseCsvText } from '../csv/parse-csv-text.js';
import type { ClusterDefinitionRecord } from '../store/store.js';

/** Scheme id of the 2016 U.S. benchmark cluster definitions (Delgado, Porter & Stern 2016). */
export const US_BENCHMARK_SCHEME = 'us-benchmark-2016';

/**
 * Groups in the NoCo REDI file that are not benchmark clusters (Emsi's government and "NA" rows):
 * left out so the scheme has exactly the 51 traded and 16 local benchmark clusters.
 */
const NOT_BENCHMARK = new Set(['Federal Government Services', 'State Government Services', 'Local Government Services', 'NA']);

/** URL-safe code of a cluster or sub-cluster name: "Aerospace Vehicles and Defense" → "aerospace-vehicles-and-defense". */
export function clusterSlug(name: string): string {
  return name
    .toLowerCase()
    .replace(/&/g, 'and')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
}

/** Reads a Census "Full Concordance" CSV (two title lines, a header, then old code, old title, new code, new title). */
export function readNaicsConcordance(path: string): ConcordancePiece[] {
  const rows = parseCsvText(readFileSync(path, 'utf8'));
  const out: ConcordancePiece[] = [];
  for (const row of rows.slice(3)) {
    const from = (row.fields[0] ?? '').trim();
    const to = (row.fields[2] ?? '').trim();
    if (/^\d{6}$/.test(from) && /^\d{6}$/.test(to)) out.push({ from, to });
  }
  return out;
}

/** The benchmark definition as published (NAICS 2012 codes, a few 2017 ones): code → assignment. */
export function readBenchmarkDefinition(dataDir: string): Map<string, ClusterAssignment> {
  const path = join(dataDir, 'us-cluster-defs-2016', 'naics_to_benchmark_cluster_noco.csv');
  const rows = parseCsvText(readFileSync(path, 'utf8'));
  const header = rows[0]?.fields ?? [];
  const col = (name: string): number => {
    const k = header.indexOf(name);
    if (k < 0) throw new Error(`${path}: missing column ${name}`);
    return k;
  };
  const cNaics = col('naics');
  const cType = col('traded_local');
  const cCluster = col('cluster');
  const cSub = col('subcluster');
  const map = new Map<string, ClusterAssignment>();
  for (const row of rows.slice(1)) {
    const name = (row.fields[cCluster] ?? '').trim();
    if (NOT_BENCHMARK.has(name)) continue;
    const type = (row.fields[cType] ?? '').trim().toLowerCase();
    if (type !== 'traded' && type !== 'local') throw new Error(`${path}:${row.line}: traded_local is "${type}"`);
    const sub = (row.fields[cSub] ?? '').trim();
    const clusterCode = clusterSlug(name);
    map.set((row.fields[cNaics] ?? '').trim(), {
      clusterCode,
      clusterName: name,
      clusterType: type,
      subclusterCode: sub && sub !== 'NA' ? `${clusterCode}/${clusterSlug(sub)}` : null,
      subclusterName: sub && sub !== 'NA' ? sub : null,
    });
  }
  return map;
}

/**
 * The 2016 benchmark cluster definitions carried to NAICS 2007 (the vintage of CBP 2007–2011) through the
 * Census 2007→2012 concordance, with the 2012→2017 concordance for the few 2017 codes in the file.
 * Returns the NAICS 2007 rows and the carry diagnostics (ambiguous and unmapped codes).
 */
export function loadBenchmarkClustersNaics2007(
  dataDir: string,
  naics2007Codes: readonly string[],
): { rows: ClusterDefinitionRecord[]; diagnostics: readonly CarryDiagnostic[] } {
  const definition = readBenchmarkDefinition(dataDir);
  const result = carryClusterDefinitions({
    sourceCodes: naics2007Codes,
    definition,
    concordance: readNaicsConcordance(join(dataDir, 'naics-reference', '2007_to_2012_NAICS.csv')),
    nextConcordance: readNaicsConcordance(join(dataDir, 'naics-reference', '2012_to_2017_NAICS.csv')),
  });
  const rows = result.definitions.map((d) => ({
    scheme: US_BENCHMARK_SCHEME,
    classification: 'NAICS2007',
    industryCode: d.industryCode,
    clusterCode: d.clusterCode,
    clusterName: d.clusterName,
    clusterType: d.clusterType,
    subclusterCode: d.subclusterCode,
    subclusterName: d.subclusterName,
  }));
  return { rows, diagnostics: result.diagnostics };
}
