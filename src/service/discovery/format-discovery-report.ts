import type { ClusterDiscoveryReport, DefinitionScores } from './run-cluster-discovery.js';

const pct = (v: number | null): string => (v === null ? '–' : `${(100 * v).toFixed(1)}%`);
const num = (v: number | null, digits = 3): string => (v === null ? '–' : v.toFixed(digits));

function scoreRows(report: ClusterDiscoveryReport): { label: string; scores: DefinitionScores }[] {
  return [
    { label: `Discovered (k = ${report.discovered.k})`, scores: report.discovered },
    ...(report.benchmark ? [{ label: 'Benchmark (DPS 2016)', scores: report.benchmark }] : []),
    { label: 'Random baseline (same sizes)', scores: report.randomBaseline },
  ];
}

/** The verdict in one or two sentences, from the scores (no hidden rule: the comparison of the mean scores). */
function verdict(report: ClusterDiscoveryReport): string {
  const d = report.discovered.score;
  const b = report.benchmark?.score ?? null;
  const r = report.randomBaseline.score;
  const parts: string[] = [];
  if (d !== null && b !== null) {
    parts.push(
      d > b
        ? `On these ${report.industries.used} industries and ${report.regions} states, the discovered clusters score higher than the benchmark (mean validation score ${num(d)} vs. ${num(b)}).`
        : d < b
          ? `On these ${report.industries.used} industries and ${report.regions} states, the benchmark scores higher than the discovered clusters (mean validation score ${num(b)} vs. ${num(d)}).`
          : `The discovered clusters and the benchmark score the same (${num(d)}).`,
    );
  }
  if (d !== null && r !== null) parts.push(`Random clusters of the same sizes score ${num(r)}.`);
  if (report.agreement) {
    const a = report.agreement;
    const degree = a.adjustedRandIndex >= 0.5 ? 'closely' : a.adjustedRandIndex >= 0.2 ? 'moderately' : 'little';
    parts.push(
      `The two definitions agree ${degree}: ${pct(a.bestMatchShare)} of industries sit in their discovered cluster's best-matching benchmark cluster (adjusted Rand index ${num(a.adjustedRandIndex)}).`,
    );
  }
  const io = report.scoredWith.includes('io');
  parts.push(
    `The scores measure only the relatedness matrices computed here from state employment${io ? ' and the BEA Use table' : ''}; ` +
      `the benchmark was also built from occupations${io ? '' : ', input–output links'} and finer (economic-area) geography.`,
  );
  return parts.join(' ');
}

/** The discovery report as Markdown: verdict, score table, candidates, agreement, the clusters and notes. */
export function formatDiscoveryMarkdown(report: ClusterDiscoveryReport, options: { industriesPerCluster?: number } = {}): string {
  const per = options.industriesPerCluster ?? 8;
  const lines: string[] = [];
  lines.push(`# Cluster discovery — ${report.similarity} similarity, US states, ${report.year}`, '');
  lines.push(verdict(report), '');
  lines.push('## Validation scores', '');
  lines.push(
    'VS-Cluster: share of clusters whose industries are more related to each other than to industries outside the cluster. ' +
      'VS-Industry: share of industries more related, on average, to their own cluster than to any other cluster. Higher is better (docs/methods/cluster-discovery.md).',
    '',
  );
  const header = ['Definition', 'Clusters', ...report.scoredWith.flatMap((m) => [`VS-Cluster ${m}`, `VS-Industry ${m}`]), 'Mean'];
  lines.push(`| ${header.join(' | ')} |`, `|${header.map(() => '---').join('|')}|`);
  for (const { label, scores } of scoreRows(report)) {
    lines.push(`| ${[label, String(scores.clusters), ...report.scoredWith.flatMap((m) => [pct(scores.vsCluster[m] ?? null), pct(scores.vsIndustry[m] ?? null)]), num(scores.score)].join(' | ')} |`);
  }
  lines.push('');
  if (report.agreement) {
    const a = report.agreement;
    lines.push('## Agreement with the benchmark', '');
    lines.push(`- Industries assigned alike (each discovered cluster matched to the benchmark cluster holding most of its industries): ${pct(a.bestMatchShare)}`);
    lines.push(`- The same from the benchmark's side: ${pct(a.reverseBestMatchShare)}`);
    lines.push(`- Adjusted Rand index: ${num(a.adjustedRandIndex)} (1 = identical, 0 = chance); Rand index ${num(a.randIndex)}`, '');
  }
  lines.push('## Cluster counts tried', '');
  const best = [...report.candidates].sort((x, y) => (y.score ?? -1) - (x.score ?? -1) || x.k - y.k).slice(0, 5);
  const first = report.candidates[0]?.k;
  const last = report.candidates[report.candidates.length - 1]?.k;
  lines.push(
    report.candidates.length === 1
      ? `One cluster count: k = ${first} (mean score ${num(report.candidates[0]!.score)}).`
      : `Tried k = ${first}…${last}; best five by mean score: ${best.map((c) => `k = ${c.k} (${num(c.score)})`).join(', ')}.`,
    '',
  );
  lines.push(`## The ${report.clusters.length} discovered clusters (largest employment first)`, '');
  for (const c of report.clusters) {
    const match = c.bestBenchmarkMatch ? `; ${pct(c.bestBenchmarkMatch.share)} of its industries in benchmark "${c.bestBenchmarkMatch.name}"` : '';
    lines.push(`### ${c.code}: ${c.name}`, '');
    lines.push(`${c.size} industries, ${c.employment.toLocaleString('en-US')} employees; within-cluster relatedness ${num(c.withinRelatedness)} vs. ${num(c.betweenRelatedness)} outside${match}.`, '');
    for (const ind of c.industries.slice(0, per)) lines.push(`- ${ind.code} ${ind.name} (${ind.employment.toLocaleString('en-US')})`);
    if (c.industries.length > per) lines.push(`- … and ${c.industries.length - per} more`);
    lines.push('');
  }
  lines.push('## Data and method', '');
  lines.push(`- ${report.regions} US states, NAICS 2007 6-digit ${report.industrySet === 'traded' ? 'traded industries (those of the benchmark traded clusters)' : 'industries'}: ${report.industries.used} used, ${report.industries.dropped.length} left out; datasets ${report.datasets.join(', ')}.`);
  for (const note of report.notes) lines.push(`- ${note}`);
  lines.push(`- Random baseline seed: ${report.seed}. Saved definition scheme: ${report.definition.scheme} (${report.definition.rows.length} rows).`);
  return lines.join('\n') + '\n';
}

/** A short plain-text summary for a terminal: the score table and the agreement. */
export function formatDiscoverySummary(report: ClusterDiscoveryReport): string {
  const rows = scoreRows(report).map(({ label, scores }) => [label, String(scores.clusters), ...report.scoredWith.flatMap((m) => [pct(scores.vsCluster[m] ?? null), pct(scores.vsIndustry[m] ?? null)]), num(scores.score)]);
  const header = ['definition', 'clusters', ...report.scoredWith.flatMap((m) => [`vsCluster.${m}`, `vsIndustry.${m}`]), 'mean'];
  const widths = header.map((h, k) => Math.max(h.length, ...rows.map((r) => r[k]!.length)));
  const line = (cells: string[]) => cells.map((c, k) => (k === 0 ? c.padEnd(widths[k]!) : c.padStart(widths[k]!))).join('  ');
  const out = [
    `Cluster discovery, ${report.similarity} similarity, ${report.regions} US states, ${report.year}: ${report.industries.used} industries`,
    '',
    line(header),
    line(widths.map((w) => '-'.repeat(w))),
    ...rows.map(line),
    '',
    verdict(report),
    '',
    'Largest discovered clusters:',
    ...report.clusters.slice(0, 10).map((c) => `  ${c.code}  ${c.name}: ${c.size} industries, ${c.employment.toLocaleString('en-US')} employees`),
  ];
  return out.join('\n') + '\n';
}

/** CSV layouts of a discovered definition. */
export type DefinitionCsvLayout = 'noco' | 'import';

/**
 * The discovered definition as CSV. 'noco' (default): the layout of data/us-cluster-defs-2016/naics_to_benchmark_cluster_noco.csv
 * (naics, traded_local, cluster, subcluster, emsi_specific_naics, naics_description). 'import': the columns of
 * `clusterlens import clusters` (industry_code, cluster_code, cluster_name, cluster_type), to edit and import.
 */
export function discoveryDefinitionCsv(report: ClusterDiscoveryReport, options: { layout?: DefinitionCsvLayout } = {}): string {
  const quote = (s: string): string => (/[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);
  const typeOf = new Map(report.definition.rows.map((r) => [r.industryCode, r.clusterType]));
  if (options.layout === 'import') {
    const lines = ['industry_code,cluster_code,cluster_name,cluster_type'];
    for (const c of report.clusters) for (const ind of c.industries) lines.push([ind.code, c.code, quote(c.name), typeOf.get(ind.code) ?? 'traded'].join(','));
    return lines.join('\n') + '\n';
  }
  const lines = ['naics,traded_local,cluster,subcluster,emsi_specific_naics,naics_description'];
  for (const c of report.clusters) {
    for (const ind of c.industries) lines.push([ind.code, typeOf.get(ind.code) === 'local' ? 'Local' : 'Traded', quote(c.name), 'NA', 'false', quote(ind.name)].join(','));
  }
  return lines.join('\n') + '\n';
}
