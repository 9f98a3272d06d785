import type { CriterionRating } from '../../core/index.js';
import type { InitiativeAssessment, InitiativesAssessment } from '../policy/assess-initiatives.js';
import { reportHead, esc } from './report-html.js';

const COLOURS: Record<CriterionRating, string> = { strong: '#1f7a4d', adequate: '#d9a21b', weak: '#b3372f', 'not-assessable': '#d5d9dc' };
const LABEL: Record<CriterionRating, string> = { strong: 'strong', adequate: 'adequate', weak: 'weak', 'not-assessable': 'n/a' };

const value = (v: number | boolean | null): string => (v === null ? 'not available' : typeof v === 'boolean' ? (v ? 'yes' : 'no') : Number.isInteger(v) ? v.toLocaleString('en-US') : v.toFixed(3));
const money = (v: number, unit: string): string => (unit.length === 3 && unit === unit.toUpperCase() ? `${unit} ${(v / 1e9).toLocaleString('en-US', { maximumFractionDigits: 1 })} bn` : `${v.toLocaleString('en-US')} ${unit}`);

/** Scorecard chart (inline SVG): one row per criterion, squares for the initiative and the two reference profiles. */
function scorecardChart(a: InitiativeAssessment): string {
  const rows = a.assessment.criteria;
  const label = 200;
  const cell = 70;
  const h = 18;
  const width = label + 3 * cell + 10;
  const height = rows.length * h + 40;
  const head = ['initiative', 'Western', 'Eastern'].map((t, k) => `<text x="${label + k * cell + cell / 2}" y="12" font-size="10" text-anchor="middle" font-weight="700">${t}</text>`).join('');
  const body = rows
    .map((c, r) => {
      const y = 18 + r * h;
      const squares = [c.rating, c.western.rating, c.eastern.rating]
        .map((rating, k) => {
          const x = label + k * cell + 10;
          if (rating === null) return `<text x="${x + (cell - 20) / 2}" y="${y + 12}" font-size="9" text-anchor="middle" fill="#888">not stated</text>`;
          return `<rect x="${x}" y="${y + 2}" width="${cell - 20}" height="${h - 5}" rx="2" fill="${COLOURS[rating]}"/><text x="${x + (cell - 20) / 2}" y="${y + 12}" font-size="9" text-anchor="middle" fill="${rating === 'not-assessable' ? '#333' : '#fff'}">${LABEL[rating]}</text>`;
        })
        .join('');
      return `<text x="${label - 6}" y="${y + 12}" font-size="10" text-anchor="end">${esc(c.id)}</text>${squares}`;
    })
    .join('');
  return `<svg xmlns="http://www.w3.org/2000/svg" role="img" aria-label="Scorecard against the Western and Eastern reference profiles" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}">${head}${body}</svg>`;
}

/**
 * A self-contained HTML report of one initiative's cluster-policy assessment: the initiative as the source
 * states it (figures with citations), the scorecard against the Western and Eastern reference profiles (chart
 * and table with rationales), every piece of evidence with its source and method, the rules (methods
 * appendix) and the data sources. Demonstration data are labelled as such at the top.
 */
export function renderInitiativeReportHtml(result: InitiativesAssessment, a: InitiativeAssessment): string {
  const i = a.initiative;
  const s = a.assessment;
  const title = `${i.name} — cluster-policy assessment`;
  const figures = i.figures.length === 0
    ? '<p>The source publishes no figures for this initiative.</p>'
    : `<table><thead><tr><th>figure</th><th class="n">value</th><th>year</th><th>status</th><th>citation</th></tr></thead><tbody>${i.figures.map((f) => `<tr><td>${esc(f.label)}</td><td class="n">${esc(money(f.value, f.unit))}</td><td>${f.year ?? '–'}</td><td>${esc(f.status)}</td><td class="src">${esc(f.citation)}</td></tr>`).join('')}</tbody></table>`;
  const scorecard = s.criteria
    .map((c) => `<tr><td><b>${esc(c.id)}</b><br><span class="src">${esc(c.group)}</span></td><td><span class="pill" style="background:${COLOURS[c.rating]}">${LABEL[c.rating]}</span></td><td>${esc(c.western.rating ?? 'not stated')}</td><td>${esc(c.eastern.rating ?? 'not stated')}</td><td>${esc(c.rationale)}</td></tr>`)
    .join('');
  const evidence = s.criteria
    .map((c) => `<h3>${esc(c.id)}</h3><p class="q">${esc(c.question)}</p><ul>${c.evidence.map((e) => `<li><b>${esc(e.key)}</b> = ${esc(value(e.value))}. <span class="src">Source: ${esc(e.source)}. Method: ${esc(e.method)}.${e.note ? ` ${esc(e.note)}.` : ''}</span></li>`).join('')}</ul>`)
    .join('');
  const rules = s.criteria.map((c) => `<dt>${esc(c.id)} (${esc(c.group)})</dt><dd>${esc(c.lesson)} <i>Rule:</i> ${esc(c.rule)} <span class="src">Western: ${esc(c.western.basis)} Eastern: ${esc(c.eastern.basis)}</span></dd>`).join('');
  const score = Number.isNaN(s.score) ? '–' : s.score.toFixed(2);
  return `${reportHead(title)}  body { font-family: "DejaVu Sans", Arial, sans-serif; font-size: 10pt; color: #1b1b1b; margin: 0; }
  h1 { font-size: 17pt; margin: 0 0 4pt; color: #12394a; }
  h2 { font-size: 13pt; margin: 14pt 0 6pt; color: #12394a; border-bottom: 1px solid #c9d7de; }
  h3 { font-size: 10.5pt; margin: 8pt 0 2pt; }
  .notice { border: 2px solid #b3372f; padding: 6pt 8pt; margin: 8pt 0; font-weight: 600; }
  table { border-collapse: collapse; width: 100%; font-size: 8.8pt; }
  th, td { border-bottom: 1px solid #e3e9ec; padding: 2.5pt 4pt; text-align: left; vertical-align: top; }
  th { background: #eef3f5; }
  td.n { text-align: right; white-space: nowrap; }
  .pill { color: #fff; padding: 1pt 5pt; border-radius: 3pt; font-size: 8.5pt; white-space: nowrap; }
  .src { color: #555; font-size: 8.5pt; }
  .q { margin: 0 0 2pt; font-style: italic; }
  ul { margin: 2pt 0 4pt 14pt; padding: 0; }
  .appendix { page-break-before: always; }
  dt { font-weight: 700; margin-top: 5pt; }
  dd { margin: 0 0 0 10pt; }
</style>
</head>
<body>
<h1>${esc(title)}</h1>
${result.demonstration ? `<div class="notice">${esc(result.notice)}</div>` : ''}
<p>${esc(i.regionName)} · sponsor: ${esc(i.sponsor)} (${esc(i.sponsorLevel)})${i.startYear === null ? '' : ` · from ${i.startYear}`}${i.coreBody ? ` · core body: ${esc(i.coreBody)}` : ''}</p>
<p>Targets (${esc(i.targetsKind)}): ${i.targets.length === 0 ? 'none named' : esc(i.targets.join(', '))}${i.reportedDevelopments ? `. Developments reported: ${esc(i.reportedDevelopments.join(', '))}` : ''}. Measures: ${i.measures.length === 0 ? 'none named' : esc(i.measures.join(', '))}.</p>
<h2>Published figures</h2>
${figures}
<h2>Scorecard</h2>
<p>Score ${score} of 2 over ${s.assessable} of ${s.total} assessable criteria. Region data: ${esc(a.region.note)}.</p>
${scorecardChart(a)}
<table><thead><tr><th>criterion</th><th>rating</th><th>Western</th><th>Eastern</th><th>rationale</th></tr></thead><tbody>${scorecard}</tbody></table>
<section class="appendix">
<h2>Evidence</h2>
${evidence}
<h2>Methods appendix</h2>
<p>Criteria from the lessons of I. Mitsui's East–West comparison, stated in ClusterLens' words; rules and thresholds are ClusterLens' (docs/methods/cluster-policy-assessment.md). Ratings: strong 2, adequate 1, weak 0; not-assessable criteria are left out of the score. Reference profiles are a reading of the article, not measurements.</p>
<dl>${rules}</dl>
<h2>Data sources</h2>
<ul><li>${esc(result.file)}: ${esc(result.source.citation)}${result.source.note ? ` ${esc(result.source.note)}` : ''}</li>${a.region.available ? `<li>${esc(a.region.source)}</li>` : ''}</ul>
</section>
</body>
</html>
`;
}
