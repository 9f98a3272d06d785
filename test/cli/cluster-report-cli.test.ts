/**
 * `clusterlens report cluster` end to end on the built CLI: the HTML report on one benchmark cluster across
 * the states (figures equal to `clusterlens clusters` for the same state and year), and the PDF rendered by
 * headless Chromium, checked page by page as images (pdftoppm) and as text (pdftotext). The PDF part is
 * skipped only when Chromium or poppler is missing.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, inject, test } from 'vitest';
import { runCli } from '../helpers/run-cli.js';
import { expectA4PdfPages, havePoppler } from '../helpers/pdf-pages.js';

const dataDir = inject('defaultDataDir');
const chromium = inject('chromium');
const tmp = mkdtempSync(join(tmpdir(), 'clusterlens-cluster-report-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));



describe('clusterlens report cluster', () => {
  test('report cluster aerospace-vehicles-and-defense --year 2011 --output a.html: Washington strong, numbers equal to `clusterlens clusters`', async () => {
    const file = join(tmp, 'a.html');
    const r = await runCli(['report', 'cluster', 'aerospace-vehicles-and-defense', '--year', '2011', '--output', file, '--data-dir', dataDir]);
    expect(r.code, r.stderr).toBe(0);
    const html = readFileSync(file, 'utf8');
    expect(html).toContain('<title>Aerospace Vehicles and Defense (aerospace-vehicles-and-defense) 2011</title>');
    expect(html.match(/<svg [^>]*role="img"/g)).toHaveLength(1);
    const strongLine = html.slice(html.indexOf('<b>Strong states:</b>'), html.indexOf('<b>Strong10 states:</b>'));
    expect(strongLine).toContain('Washington (');
    expect(html).toContain('Methods appendix');
    expect(html).toContain('docs/methods/strong-clusters.md');
    expect(html).toContain('docs/methods/cluster-location-quotient.md');
    expect(html).toContain('Data sources');
    expect(html).not.toMatch(/<script|https?:\/\/[^"]*\.(js|css)/);

    const clusters = await runCli(['clusters', '--region', 'WA', '--year', '2011', '--format', 'json', '--data-dir', dataDir]);
    expect(clusters.code, clusters.stderr).toBe(0);
    const aero = (JSON.parse(clusters.stdout) as { clusters: { name: string; employment: number; establishments: number; lq: number; strong: boolean; estimatedShare: number | null }[] }).clusters.find((c) => c.name === 'Aerospace Vehicles and Defense')!;
    expect(aero.strong).toBe(true);
    const row = `<tr><td>Washington</td><td>WA</td><td class="n">${Math.round(aero.employment).toLocaleString('en-US')}</td><td class="n">${Math.round(aero.establishments).toLocaleString('en-US')}</td><td class="n">${aero.lq.toFixed(2)}</td><td>yes</td>`;
    const byLq = html.slice(html.indexOf('<h2>Top states by LQ</h2>'), html.indexOf('<h2>Top states by employment</h2>'));
    expect(byLq).toContain(row);
    expect(byLq).toContain(`${(100 * aero.estimatedShare!).toFixed(1)}%</td></tr>`);
    expect(html.slice(html.indexOf('<h2>Top states by employment</h2>'))).toContain(row);
  });

  test.skipIf(!chromium || !havePoppler)('report cluster aerospace-vehicles-and-defense --output a.pdf renders A4 pages that are not blank, title first, sources last', async () => {
    const file = join(tmp, 'a.pdf');
    const r = await runCli(['report', 'cluster', 'aerospace-vehicles-and-defense', '--year', '2011', '--output', file, '--data-dir', dataDir], { CHROMIUM_PATH: chromium });
    expect(r.code, r.stderr).toBe(0);
    const pdf = expectA4PdfPages(file, tmp, { minPages: 2, maxPages: 6 });
    const text = pdf.text;
    expect(text(1, 1)).toContain('Aerospace Vehicles and Defense');
    expect(text(1, 1)).toContain('Washington');
    expect(text(pdf.pageCount, pdf.pageCount)).toContain('Data sources');
  });

  test('report cluster without a code, with --initiatives or an unknown cluster fails (exit 2, 2, 1)', async () => {
    expect((await runCli(['report', 'cluster', '--output', join(tmp, 'x.html'), '--data-dir', dataDir])).code).toBe(2);
    expect((await runCli(['report', 'cluster', 'aerospace-vehicles-and-defense', '--initiatives', 'x.json', '--output', join(tmp, 'x.html'), '--data-dir', dataDir])).code).toBe(2);
    const unknown = await runCli(['report', 'cluster', 'no-such-cluster', '--year', '2011', '--output', join(tmp, 'x.html'), '--data-dir', dataDir]);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain('unknown cluster "no-such-cluster"');
  });
});
