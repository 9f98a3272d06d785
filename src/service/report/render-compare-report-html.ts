import type { CompareReportData } from './compare-report.js';
import { reportHead, esc, int, dec, pct, methodItems, sourceItems } from './report-html.js';

const COLOURS = ['#1f6f8b', '#d9822b'] as const;

/** Grouped horizontal bars (inline SVG): one group per family, one bar per region; `value` picks LQ or share. */
function groupedBars(data: CompareReportData, value: (regionIndex: number, familyIndex: number) => number | null, options: { label: string; format: (v: number) => string; reference?: number }): string {
  const families = data.comparison.families;
  const width = 640;
  const labelWidth = 170;
  const bar = 9;
  const group = bar * 2 + 8;
  const height = families.length * group + 40;
  let max = options.reference ?? 0;
  families.forEach((_, f) => [0, 1].forEach((r) => (max = Math.max(max, value(r, f) ?? 0))));
  max = max > 0 ? max : 1;
  const scale = (v: number): number => ((width - labelWidth - 60) * v) / max;
  const rows = families
    .map((fam, f) => {
      const y = f * group + 4;
      const bars = [0, 1]
        .map((r) => {
          const v = value(r, f);
          const yy = y + r * bar;
          if (v === null) return `<text x="${labelWidth + 2}" y="${yy + bar - 1}" font-size="8" fill="#888">n/a</text>`;
          return `<rect x="${labelWidth}" y="${yy}" width="${scale(v).toFixed(1)}" height="${bar - 1}" fill="${COLOURS[r]}"><title>${esc(data.comparison.regions[r]!.name)} · ${esc(fam.shortName)}: ${options.format(v)}</title></rect>` +
            `<text x="${(labelWidth + scale(v) + 3).toFixed(1)}" y="${yy + bar - 1}" font-size="8">${options.format(v)}</text>`;
        })
        .join('');
      return `<text x="${labelWidth - 6}" y="${y + bar + 3}" text-anchor="end" font-size="10">${esc(fam.shortName)}</text>${bars}`;
    })
    .join('');
  const ref = options.reference === undefined ? '' : `<line x1="${(labelWidth + scale(options.reference)).toFixed(1)}" x2="${(labelWidth + scale(options.reference)).toFixed(1)}" y1="0" y2="${height - 34}" stroke="#444" stroke-dasharray="3 2"/>`;
  const legend = data.comparison.regions
    .map((r, k) => `<rect x="${labelWidth + k * 230}" y="${height - 18}" width="10" height="10" fill="${COLOURS[k]}"/><text x="${labelWidth + 14 + k * 230}" y="${height - 9}" font-size="10">${esc(r.name.length > 32 ? r.name.slice(0, 31) + '…' : r.name)} (${esc(r.region)})</text>`)
    .join('');
  return `<svg xmlns="http://www.w3.org/2000/svg" role="img" aria-label="${esc(options.label)}" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}">${rows}${ref}${legend}</svg>`;
}

/**
 * A self-contained HTML East–West comparison report (inline CSS and SVG, no scripts, no external resources):
 * the two regions' employment by industry family (shares and LQs with charts), the cluster-policy lessons with
 * the Western and Eastern reference profiles side by side, the initiatives recorded for each region, a methods
 * appendix and the data sources. Print-ready (A4).
 */
export function renderCompareReportHtml(data: CompareReportData): string {
  const [a, b] = data.comparison.regions as [CompareReportData['comparison']['regions'][number], CompareReportData['comparison']['regions'][number]];
  const title = `${a.name} (${a.region}) and ${b.name} (${b.region}) — East–West comparison`;
  const familyRows = data.comparison.families
    .map((fam, f) => {
      const x = a.families[f]!;
      const y = b.families[f]!;
      return `<tr><td>${esc(fam.name)}</td><td class="n">${int(x.employment)}</td><td class="n">${pct(x.share)}</td><td class="n">${dec(x.lq)}</td><td class="n">${int(y.employment)}</td><td class="n">${pct(y.share)}</td><td class="n">${dec(y.lq)}</td></tr>`;
    })
    .join('');
  const specialised = (r: typeof a): string => {
    const list = r.families.filter((f) => f.lq !== null && f.lq > 1).sort((p, q) => q.lq! - p.lq!).map((f) => `${data.comparison.families.find((x) => x.code === f.code)!.shortName} (${dec(f.lq)})`);
    return list.length > 0 ? list.join(', ') : 'none';
  };
  const ratingCell = (r: { rating: string | null; basis: string }): string => `<td class="rating ${esc(r.rating ?? 'none')}"><b>${esc(r.rating ?? 'not stated')}</b><br><span class="ref">${esc(r.basis)}</span></td>`;
  const criteriaRows = data.criteria.map((c) => `<tr><td><b>${esc(c.lesson)}</b><br><span class="ref">${esc(c.group)}</span></td>${ratingCell(c.ratings[0])}${ratingCell(c.ratings[1])}</tr>`).join('');
  const initiatives = data.sides
    .map((s) => {
      const items = s.initiatives.map((i) => `<li><b>${esc(i.name)}</b> — ${esc(i.sponsor)} (${esc(i.sponsorLevel)}${i.scope === 'national' ? ', national programme' : ''})${i.startYear === null ? '' : `, from ${i.startYear}`}${i.targets.length ? `; targets or reported developments: ${esc(i.targets.join(', '))}` : ''}</li>`).join('');
      return `<h3>${esc(s.name)} (${esc(s.region)}) — ${s.approach === 'eastern' ? 'Eastern' : 'Western'} approach</h3>${items ? `<ul>${items}</ul>` : '<p>No initiative recorded for this region in the demonstration file.</p>'}`;
    })
    .join('');
  const methods = methodItems(data.methods);
  const sources = [
    ...sourceItems(data.datasets),
    `<li><strong>Cluster-policy lessons, reference profiles and initiatives</strong>: ${esc(data.initiativesSource.citation)}. ${esc(data.initiativesSource.notice)}</li>`,
  ].join('');
  const notes = data.comparison.notes.map((n) => `<li>${esc(n)}</li>`).join('');
  const lqChart = groupedBars(data, (r, f) => data.comparison.regions[r]!.families[f]!.lq, { label: 'Location quotients by industry family', format: (v) => v.toFixed(2), reference: 1 });
  const shareChart = groupedBars(data, (r, f) => data.comparison.regions[r]!.families[f]!.share, { label: 'Employment shares by industry family', format: (v) => `${(100 * v).toFixed(1)}%` });
  return `${reportHead(title)}  body { font-family: "DejaVu Sans", Arial, sans-serif; font-size: 10pt; color: #1b1b1b; margin: 0; }
  h1 { font-size: 17pt; margin: 0 0 4pt; color: #12394a; }
  h2 { font-size: 13pt; margin: 14pt 0 6pt; color: #12394a; border-bottom: 1px solid #c9d7de; break-after: avoid; page-break-after: avoid; }
  h3 { font-size: 11pt; margin: 10pt 0 4pt; }
  .sub { color: #555; margin: 0 0 10pt; }
  .facts { display: flex; gap: 12pt; margin: 8pt 0; }
  .fact { border: 1px solid #c9d7de; padding: 6pt 10pt; border-radius: 4pt; flex: 1; }
  .fact b { display: block; font-size: 12pt; color: #1f6f8b; }
  .fact.b b { color: #d9822b; }
  table { border-collapse: collapse; width: 100%; font-size: 8.5pt; }
  th, td { border-bottom: 1px solid #e3e9ec; padding: 2.5pt 4pt; text-align: left; vertical-align: top; }
  th { background: #eef3f5; }
  td.n, th.n { text-align: right; }
  td.rating.strong b { color: #1d6b2f; } td.rating.weak b { color: #a33; } td.rating.adequate b { color: #8a6d00; } td.rating.none b { color: #777; }
  .policy { page-break-before: always; }
  .appendix { page-break-before: always; }
  dt { font-weight: 700; margin-top: 6pt; }
  dd { margin: 0 0 0 10pt; }
  .ref { color: #666; font-size: 8pt; }
  .notice { border-left: 3px solid #d9822b; padding: 4pt 8pt; background: #fff7ef; font-size: 8.5pt; }
  footer { margin-top: 14pt; color: #666; font-size: 8.5pt; }
</style>
</head>
<body>
<h1>${esc(title)}</h1>
<p class="sub">ClusterLens comparison report · industry families · ${esc(a.region)} ${a.year} (${esc(a.dataset)}) · ${esc(b.region)} ${b.year} (${esc(b.dataset)})</p>
<div class="facts">
  <div class="fact"><b>${int(a.totalEmployment)}</b>${esc(a.name)}: total employment ${a.year}; specialised in ${esc(specialised(a))}</div>
  <div class="fact b"><b>${int(b.totalEmployment)}</b>${esc(b.name)}: total employment ${b.year}; specialised in ${esc(specialised(b))}</div>
</div>
<h2>Specialisation: location quotients against each region's own country</h2>
${lqChart}
<h2>Structure: employment shares</h2>
${shareChart}
<h2>Employment by industry family</h2>
<table><thead><tr><th>family</th><th class="n">${esc(a.region)} employment</th><th class="n">share</th><th class="n">LQ</th><th class="n">${esc(b.region)} employment</th><th class="n">share</th><th class="n">LQ</th></tr></thead><tbody>${familyRows}</tbody></table>
<p class="ref">Coverage of the totals by the families: ${esc(a.region)} ${pct(a.coverage)}, ${esc(b.region)} ${pct(b.coverage)}. ${esc(a.classification)} and ${esc(b.classification)} are mapped onto the common families; employment definitions differ by source (see the methods appendix).</p>
${notes ? `<ul class="ref">${notes}</ul>` : ''}
<section class="policy">
<h2>Cluster-policy lessons: ${esc(data.sides[0].profile.name)} vs. ${esc(data.sides[1].profile.name)}</h2>
<p class="notice">The ratings are the reference profiles read from the article (each with its basis), not an assessment of these regions' current policy. Assess an initiative with <code>clusterlens assess</code> or <code>clusterlens report initiative</code>.</p>
<table><thead><tr><th>lesson</th><th>${esc(data.sides[0].name)} — ${esc(data.sides[0].profile.name)}</th><th>${esc(data.sides[1].name)} — ${esc(data.sides[1].profile.name)}</th></tr></thead><tbody>${criteriaRows}</tbody></table>
<h2>Initiatives recorded for the two regions</h2>
${data.initiativesSource.demonstration ? `<p class="notice">${esc(data.initiativesSource.notice)}</p>` : ''}
${initiatives}
</section>
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
