import type { ClusterRegionRow } from '../cluster-service.js';
import type { ClusterReportData } from './cluster-report.js';
import { reportHead, esc, int, dec, pct, methodItems, sourceItems } from './report-html.js';

const yesNo = (v: boolean | null): string => (v === null ? '–' : v ? 'yes' : 'no');

/** Horizontal bars (inline SVG) of the top states' LQ, strong states highlighted, with a reference line at LQ 1. */
function lqChart(rows: ClusterRegionRow[]): string {
  const width = 640;
  const labelWidth = 150;
  const bar = 14;
  const height = rows.length * bar + 24;
  const max = Math.max(1, ...rows.map((r) => r.lq ?? 0));
  const scale = (v: number): number => ((width - labelWidth - 50) * v) / max;
  const bars = rows
    .map((r, k) => {
      const y = k * bar + 4;
      const v = r.lq ?? 0;
      return `<text x="${labelWidth - 6}" y="${y + bar - 4}" text-anchor="end" font-size="10">${esc(r.name)}</text>` +
        `<rect x="${labelWidth}" y="${y}" width="${scale(v).toFixed(1)}" height="${bar - 3}" fill="${r.strong ? '#1f6f8b' : '#9bb8c4'}"><title>${esc(r.name)}: LQ ${dec(r.lq)}</title></rect>` +
        `<text x="${(labelWidth + scale(v) + 3).toFixed(1)}" y="${y + bar - 4}" font-size="9">${dec(r.lq)}</text>`;
    })
    .join('');
  const x1 = (labelWidth + scale(1)).toFixed(1);
  return `<svg xmlns="http://www.w3.org/2000/svg" role="img" aria-label="Cluster LQ of the top ${rows.length} states" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}">${bars}<line x1="${x1}" x2="${x1}" y1="0" y2="${height - 18}" stroke="#444" stroke-dasharray="3 2"/><text x="${x1}" y="${height - 6}" font-size="9" text-anchor="middle">LQ = 1</text></svg>`;
}

const stateRow = (r: ClusterRegionRow): string =>
  `<tr><td>${esc(r.name)}</td><td>${esc(r.postal)}</td><td class="n">${int(r.employment)}</td><td class="n">${int(r.establishments)}</td><td class="n">${dec(r.lq)}</td><td>${yesNo(r.strong)}</td><td>${yesNo(r.strong10)}</td><td class="n">${pct(r.estimatedShare)}</td></tr>`;
const stateTable = (rows: ClusterRegionRow[]): string =>
  `<table><thead><tr><th>state</th><th>code</th><th class="n">employment</th><th class="n">establishments</th><th class="n">LQ</th><th>strong</th><th>strong10</th><th class="n">estimated</th></tr></thead><tbody>${rows.map(stateRow).join('')}</tbody></table>`;
const names = (rows: ClusterRegionRow[]): string => (rows.length > 0 ? rows.map((r) => `${esc(r.name)} (${dec(r.lq)})`).join(', ') : 'none');

/**
 * A self-contained HTML report on one benchmark cluster across the US states (inline CSS and SVG, no scripts,
 * no external resources): strong-rule thresholds, strong and strong10 states, an LQ chart of the top 15 states,
 * top states by LQ and by employment, estimated-data share, related clusters, a methods appendix and the data
 * sources. Print-ready (A4). "–" marks an undefined value, never 0 (docs/methods/strong-clusters.md).
 */
export function renderClusterReportHtml(data: ClusterReportData): string {
  const title = `${data.cluster.name} (${data.cluster.code}) ${data.year}`;
  const t = data.thresholds;
  const related = data.related === null || data.related.length === 0
    ? ''
    : `<h2>Related clusters</h2><table><thead><tr><th>cluster</th><th class="n">CMP relatedness</th><th class="n">input–output</th><th class="n">co-location</th><th class="n">proximity</th></tr></thead><tbody>${data.related
      .map((c) => `<tr><td>${esc(c.name)} (${esc(c.code)})</td><td class="n">${dec(c.cmp, 3)}</td><td class="n">${dec(c.inputOutput, 3)}</td><td class="n">${dec(c.colocation, 3)}</td><td class="n">${dec(c.proximity, 3)}</td></tr>`)
      .join('')}</tbody></table><p class="ref">See docs/methods/cluster-relatedness.md.</p>`;
  const methods = methodItems(data.methods);
  const sources = sourceItems(data.datasets).join('');
  return `${reportHead(title)}  body { font-family: "DejaVu Sans", Arial, sans-serif; font-size: 10pt; color: #1b1b1b; margin: 0; }
  h1 { font-size: 17pt; margin: 0 0 4pt; color: #12394a; }
  h2 { font-size: 13pt; margin: 14pt 0 6pt; color: #12394a; border-bottom: 1px solid #c9d7de; break-after: avoid; page-break-after: avoid; }
  .sub { color: #555; margin: 0 0 10pt; }
  .facts { display: flex; gap: 12pt; margin: 8pt 0; }
  .fact { border: 1px solid #c9d7de; padding: 6pt 10pt; border-radius: 4pt; flex: 1; }
  .fact b { display: block; font-size: 12pt; color: #1f6f8b; }
  table { border-collapse: collapse; width: 100%; font-size: 8.5pt; }
  th, td { border-bottom: 1px solid #e3e9ec; padding: 2.5pt 4pt; text-align: left; vertical-align: top; }
  th { background: #eef3f5; }
  td.n, th.n { text-align: right; }
  .appendix { page-break-before: always; }
  dt { font-weight: 700; margin-top: 6pt; }
  dd { margin: 0 0 0 10pt; }
  .ref { color: #666; font-size: 8pt; }
  footer { margin-top: 14pt; color: #666; font-size: 8.5pt; }
</style>
</head>
<body>
<h1>${esc(title)}</h1>
<p class="sub">ClusterLens cluster report · ${esc(data.cluster.type)} benchmark cluster across the US states · ${data.year}</p>
<div class="facts">
  <div class="fact"><b>${int(data.totalEmployment)}</b>employment in the states</div>
  <div class="fact"><b>${data.strong.length}</b>strong states (${data.strong10.length} strong10)</div>
  <div class="fact"><b>${pct(data.estimatedShare)}</b>of the employment estimated</div>
</div>
<h2>Strong-cluster thresholds</h2>
<table><thead><tr><th>LQ 75th percentile</th><th>LQ 90th percentile</th><th>employment 75th percentile</th><th>establishments 75th percentile</th></tr></thead>
<tbody><tr><td class="n">${dec(t.lq75)}</td><td class="n">${dec(t.lq90)}</td><td class="n">${int(t.employment25)}</td><td class="n">${int(t.establishments25)}</td></tr></tbody></table>
<p><b>Strong states:</b> ${names(data.strong)}.</p>
<p><b>Strong10 states:</b> ${names(data.strong10)}.</p>
<h2>Cluster LQ of the top ${data.topByLq.length} states</h2>
${lqChart(data.topByLq)}
<p class="ref">Dark bars: strong states. Dashed line: LQ = 1.</p>
<h2>Top states by LQ</h2>
${stateTable(data.topByLq)}
<h2>Top states by employment</h2>
${stateTable(data.topByEmployment)}
${related}
<section class="appendix">
<h2>Methods appendix</h2>
<dl>${methods}</dl>
<h2>Data sources</h2>
<ul>${sources}</ul>
<footer>Produced by ClusterLens from the data listed above; "–" marks a value that is undefined or not available (never 0).</footer>
</section>
</body>
</html>
`;
}
