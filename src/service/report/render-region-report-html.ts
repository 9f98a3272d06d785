import type { PortfolioEntry } from '../portfolio/region-portfolio.js';
import type { RegionReportData } from './region-report.js';
import { reportHead, esc, int, dec, pct, methodItems, sourceItems } from './report-html.js';


/** Horizontal bar chart (inline SVG) of the largest traded clusters' employment, strong clusters highlighted. */
function employmentChart(clusters: readonly PortfolioEntry[]): string {
  const rows = clusters.slice(0, 12);
  const width = 640;
  const label = 250;
  const bar = 22;
  const height = rows.length * bar + 30;
  const max = Math.max(1, ...rows.map((c) => c.employment));
  const bars = rows
    .map((c, k) => {
      const w = ((width - label - 70) * c.employment) / max;
      const y = k * bar + 4;
      return `<text x="${label - 6}" y="${y + 14}" text-anchor="end" font-size="11">${esc(c.name.length > 38 ? c.name.slice(0, 37) + '…' : c.name)}</text>` +
        `<rect x="${label}" y="${y}" width="${w.toFixed(1)}" height="${bar - 6}" fill="${c.strong ? '#1f6f8b' : '#a9c6d3'}"><title>${esc(c.name)}: ${int(c.employment)}</title></rect>` +
        `<text x="${(label + w + 4).toFixed(1)}" y="${y + 14}" font-size="10">${int(c.employment)}</text>`;
    })
    .join('');
  const legend = `<rect x="${label}" y="${height - 18}" width="10" height="10" fill="#1f6f8b"/><text x="${label + 14}" y="${height - 9}" font-size="10">strong cluster</text>` +
    `<rect x="${label + 110}" y="${height - 18}" width="10" height="10" fill="#a9c6d3"/><text x="${label + 124}" y="${height - 9}" font-size="10">other traded cluster</text>`;
  return `<svg xmlns="http://www.w3.org/2000/svg" role="img" aria-label="Employment of the largest traded clusters" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}">${bars}${legend}</svg>`;
}

/** The region's standing among the states: composite index with rank interval, indicators and a partial diamond. */
function standingSection(data: RegionReportData): string {
  const st = data.standing;
  const c = st.composite;
  const fmt = (v: number | null, id: string): string => (v === null ? '–' : id.endsWith('growth') || id === 'cluster-strength' ? pct(v) : dec(v, id === 'strong-clusters' ? 0 : 1));
  const indicators = st.indicators.map((i) => `<tr><td>${esc(i.name)}</td><td class="n">${fmt(i.value, i.id)}</td><td>${i.direction === 'positive' ? '+' : '−'}</td><td class="ref">${esc(i.method)}</td></tr>`).join('');
  const corners = st.diamond.corners
    .map((k) => `<tr><td>${esc(k.corner)}</td><td class="n">${Number.isFinite(k.score) ? k.score.toFixed(2) : '–'}</td><td>${k.indicators.map((i) => `${esc(i.name)}: z = ${Number.isFinite(i.score) ? i.score.toFixed(2) : '–'} (value ${Number.isFinite(i.value) ? i.value.toFixed(3) : '–'}, mean of ${i.peerCount} states ${i.peerMean.toFixed(3)})`).join('<br>')}</td></tr>`)
    .join('');
  const missing = st.missingCorners.map((k) => `<tr><td>${esc(k)}</td><td class="n">–</td><td>no indicator in the cluster data (add one, or an expert rating)</td></tr>`).join('');
  return `<h2>Standing among the states</h2>
<p>Cluster portfolio index (composite, RIS method; 100 = mean of the ${c.regions} states): <b>${dec(c.relative, 1)}</b> — ${esc(c.group ?? '–')}; rank ${c.rank ?? '–'} of ${c.regions}. Under ${c.draws} random weightings (±25%, seed ${c.seed}) the rank has median ${dec(c.medianRank, 0)}, 5–95% interval ${dec(c.rankP05, 0)}–${dec(c.rankP95, 0)}, volatility (sd) ${dec(c.volatility, 2)}.</p>
<table><thead><tr><th>indicator</th><th class="n">value</th><th>dir.</th><th>method</th></tr></thead><tbody>${indicators}</tbody></table>
<h2>Porter's diamond (partial, z-scores against all states)</h2>
<table><thead><tr><th>corner</th><th class="n">score</th><th>indicators</th></tr></thead><tbody>${corners}${missing}</tbody></table>`;
}

/**
 * A self-contained HTML region report (inline CSS and SVG, no scripts, no external resources): summary, strong
 * clusters, a chart, the traded cluster portfolio, a methods appendix and the data sources. Print-ready (A4).
 */
export function renderRegionReportHtml(data: RegionReportData): string {
  const title = `${data.regionName} (${data.region}) — cluster report ${data.year}`;
  const period = data.baseYear === null ? `${data.year}` : `${data.baseYear}–${data.year}`;
  const strongRows = data.strongClusters
    .map((c) => `<tr><td>${esc(c.name)}</td><td class="n">${int(c.employment)}</td><td class="n">${dec(c.lq)}</td><td class="n">${c.stars ?? '–'}</td><td class="n">${pct(c.growth)}</td><td class="n">${pct(c.nationalGrowth)}</td></tr>`)
    .join('');
  const portfolioRows = data.portfolio
    .map((c) => `<tr${c.strong ? ' class="strong"' : ''}><td>${esc(c.name)}</td><td class="n">${int(c.employment)}</td><td class="n">${dec(c.lq)}</td><td>${c.strong ? 'yes' : 'no'}</td><td class="n">${pct(c.growth)}</td><td>${esc(c.quadrant ?? '–')}</td><td class="n">${int(c.competitiveEffect)}</td></tr>`)
    .join('');
  const methods = methodItems(data.methods);
  const sources = sourceItems(data.datasets).join('');
  return `${reportHead(title)}  body { font-family: "DejaVu Sans", Arial, sans-serif; font-size: 10.5pt; color: #1b1b1b; margin: 0; }
  h1 { font-size: 18pt; margin: 0 0 4pt; color: #12394a; }
  h2 { font-size: 13pt; margin: 16pt 0 6pt; color: #12394a; border-bottom: 1px solid #c9d7de; }
  .sub { color: #555; margin: 0 0 10pt; }
  .facts { display: flex; gap: 16pt; margin: 8pt 0; }
  .fact { border: 1px solid #c9d7de; padding: 6pt 10pt; border-radius: 4pt; }
  .fact b { display: block; font-size: 14pt; color: #1f6f8b; }
  table { border-collapse: collapse; width: 100%; font-size: 9pt; }
  th, td { border-bottom: 1px solid #e3e9ec; padding: 2.5pt 4pt; text-align: left; }
  th { background: #eef3f5; }
  td.n, th.n { text-align: right; }
  tr.strong td { background: #f0f7fa; font-weight: 600; }
  .appendix { page-break-before: always; }
  dt { font-weight: 700; margin-top: 6pt; }
  dd { margin: 0 0 0 10pt; }
  .ref { color: #666; }
  footer { margin-top: 14pt; color: #666; font-size: 8.5pt; }
</style>
</head>
<body>
<h1>${esc(title)}</h1>
<p class="sub">ClusterLens region report · benchmark clusters · ${esc(period)}</p>
<div class="facts">
  <div class="fact"><b>${pct(data.clusterStrength)}</b>cluster strength (traded employment in strong clusters)</div>
  <div class="fact"><b>${data.strongClusters.length}</b>strong traded clusters</div>
  <div class="fact"><b>${int(data.tradedEmployment)}</b>traded employment ${data.year}</div>
  <div class="fact"><b>${int(data.tradedCompetitiveEffect)}</b>jobs vs. national benchmark ${esc(period)}</div>
</div>
<h2>Strong clusters</h2>
${data.strongClusters.length === 0 ? '<p>No strong traded cluster in this year.</p>' : `<table><thead><tr><th>cluster</th><th class="n">employment</th><th class="n">LQ</th><th class="n">stars</th><th class="n">growth</th><th class="n">national growth</th></tr></thead><tbody>${strongRows}</tbody></table>`}
<h2>Largest traded clusters</h2>
${employmentChart(data.portfolio)}
${standingSection(data)}
<h2>Traded cluster portfolio</h2>
<table><thead><tr><th>cluster</th><th class="n">employment</th><th class="n">LQ</th><th>strong</th><th class="n">growth</th><th>quadrant</th><th class="n">vs. benchmark</th></tr></thead><tbody>${portfolioRows}</tbody></table>
<section class="appendix">
<h2>Methods appendix</h2>
<dl>${methods}</dl>
<h2>Data sources</h2>
<ul>${sources}</ul>
<footer>Produced by ClusterLens from the data listed above. Growth and job creation compare ${esc(period)}; "–" marks a value that is undefined (zero base) or not available.</footer>
</section>
</body>
</html>
`;
}
