/**
 * `clusterlens report region` end to end on the built CLI: the HTML report, and the PDF rendered by headless
 * Chromium, checked page by page as images (pdftoppm) and as text (pdftotext). The PDF part is skipped only
 * when Chromium is missing (test/setup/dependencies.ts says so loudly; a failure under CI=true).
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, inject, test } from 'vitest';
import { runCli } from '../helpers/run-cli.js';
import { expectA4PdfPages, havePoppler } from '../helpers/pdf-pages.js';

const dataDir = inject('defaultDataDir');
const chromium = inject('chromium');
const tmp = mkdtempSync(join(tmpdir(), 'clusterlens-report-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));



describe('clusterlens report region', () => {
  test('report region WA --year 2011 --output wa.html writes a self-contained report with the strong clusters, chart, appendix and sources', async () => {
    const file = join(tmp, 'wa.html');
    const r = await runCli(['report', 'region', 'WA', '--year', '2011', '--output', file, '--data-dir', dataDir]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('wrote');
    const html = readFileSync(file, 'utf8');
    expect(html).toContain('<title>Washington (US-53) — cluster report 2011</title>');
    expect(html).toMatch(/<svg [^>]*role="img"/);
    expect(html).toContain('Methods appendix');
    expect(html).toContain('Data sources');
    expect(html).toContain('us-cbp-state-2007-2011');
    expect(html).toMatch(/Cluster portfolio index \(composite, RIS method; 100 = mean of the 51 states\): <b>\d+\.\d<\/b> — (leader|strong|moderate|emerging); rank \d+ of 51/);
    expect(html).toContain("<h2>Porter's diamond (partial, z-scores against all states)</h2>");
    expect(html).not.toMatch(/<script|https?:\/\/[^"]*\.(js|css)/);
    // the strong clusters listed are those of `clusterlens clusters` for the same region and year
    const clusters = await runCli(['clusters', '--region', 'WA', '--year', '2011', '--format', 'json', '--data-dir', dataDir]);
    expect(clusters.code, clusters.stderr).toBe(0);
    const strong = (JSON.parse(clusters.stdout) as { clusters: { name: string; strong: boolean | null }[] }).clusters.filter((c) => c.strong === true);
    expect(strong.length).toBeGreaterThan(0);
    const section = html.slice(html.indexOf('<h2>Strong clusters</h2>'), html.indexOf('<h2>Largest traded clusters</h2>'));
    for (const c of strong) expect(section).toContain(c.name.replace(/&/g, '&amp;'));
    expect(section.match(/<tr>/g)!.length - 1).toBe(strong.length);
  });

  test.skipIf(!chromium || !havePoppler)('report region WA --output wa.pdf renders A4 pages that are not blank, with the title on page 1 and the appendix last', async () => {
    const file = join(tmp, 'wa.pdf');
    const r = await runCli(['report', 'region', 'WA', '--year', '2011', '--output', file, '--data-dir', dataDir], { CHROMIUM_PATH: chromium });
    expect(r.code, r.stderr).toBe(0);
    const pdf = expectA4PdfPages(file, tmp, { minPages: 2, maxPages: 8 });
    const text = pdf.text;
    expect(text(1, 1)).toContain('Washington (US-53) — cluster report 2011');
    expect(text(1, 1)).toContain('Strong clusters');
    expect(text(pdf.pageCount, pdf.pageCount)).toContain('Data sources');
    expect(text(1, pdf.pageCount)).toContain('Methods appendix');
  });

  test('report initiative meti-industrial-cluster-plan --output meti.html writes the labelled scorecard with cited figures and traceable evidence', async () => {
    const file = join(tmp, 'meti.html');
    const r = await runCli(['report', 'initiative', 'meti-industrial-cluster-plan', '--output', file, '--data-dir', dataDir]);
    expect(r.code, r.stderr).toBe(0);
    const html = readFileSync(file, 'utf8');
    expect(html).toContain('<title>Industrial Cluster Plan (METI) — cluster-policy assessment</title>');
    expect(html).toContain('DEMONSTRATION DATA');
    for (const figure of ['19 plans', 'JPY 29.4 bn', 'JPY 52.2 bn', '3,000 SMEs']) expect(html).toContain(figure);
    expect(html).toMatch(/<svg [^>]*aria-label="Scorecard/);
    // every criterion appears in the scorecard table and in the evidence appendix
    const evidence = html.slice(html.indexOf('<h2>Evidence</h2>'));
    for (const id of ['commitment-and-core-body', 'local-initiative', 'sme-alliances']) expect(evidence).toContain(`<h3>${id}</h3>`);
    expect(evidence).toContain('<b>localInitiative</b> = no. <span class="src">Source: data/policy-initiatives/initiatives.json');
    expect(evidence).toContain('<b>universityIndustryLinkShare</b> = not available.');
  });

  test('report region without --output, with a bad extension or an unknown kind is a usage error (exit 2); an unknown region exits 1', async () => {
    expect((await runCli(['report', 'region', 'WA', '--data-dir', dataDir])).code).toBe(2);
    expect((await runCli(['report', 'region', 'WA', '--output', join(tmp, 'x.docx'), '--data-dir', dataDir])).code).toBe(2);
    expect((await runCli(['report', 'county', 'WA', '--output', join(tmp, 'x.html'), '--data-dir', dataDir])).code).toBe(2);
    expect((await runCli(['report', 'initiative', '--output', join(tmp, 'x.html'), '--data-dir', dataDir])).code).toBe(2);
    const r = await runCli(['report', 'region', 'Atlantis', '--output', join(tmp, 'x.html'), '--data-dir', dataDir]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('unknown region');
  });
});
