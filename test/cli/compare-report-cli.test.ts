/**
 * `clusterlens report compare` end to end on the built CLI: the HTML East–West comparison (figures equal to
 * `clusterlens compare` for the same regions), and the PDF rendered by headless Chromium, checked page by page
 * as images (pdftoppm) and as text (pdftotext). The PDF part is skipped only when Chromium is missing.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, inject, test } from 'vitest';
import { runCli } from '../helpers/run-cli.js';
import { expectA4PdfPages, havePoppler } from '../helpers/pdf-pages.js';

const dataDir = inject('defaultDataDir');
const chromium = inject('chromium');
const tmp = mkdtempSync(join(tmpdir(), 'clusterlens-compare-report-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));



describe('clusterlens report compare', () => {
  test('report compare UKM3 JP-01 --output ew.html shows the families with the numbers of `clusterlens compare`, both reference profiles, appendix and sources', async () => {
    const file = join(tmp, 'ew.html');
    const r = await runCli(['report', 'compare', 'UKM3', 'JP-01', '--output', file, '--data-dir', dataDir]);
    expect(r.code, r.stderr).toBe(0);
    const html = readFileSync(file, 'utf8');
    expect(html).toContain('<title>South Western Scotland (UKM3) and Hokkaido (JP-01) — East–West comparison</title>');
    expect(html.match(/<svg [^>]*role="img"/g)).toHaveLength(2);
    expect(html).toContain('Western reference (Glasgow JES, West Midlands, Shannon)');
    expect(html).toContain('Eastern reference (Japanese approaches: METI, MEXT)');
    expect(html).toContain('Joint Economic Strategy, Glasgow (JES)');
    expect(html).toContain("Hokkaido 'super' cluster plan");
    expect(html).toContain('Methods appendix');
    expect(html).toContain('eu-lfs-nuts2-nace-2008-2015');
    expect(html).not.toMatch(/<script|https?:\/\/[^"]*\.(js|css)/);
    const compare = await runCli(['compare', '--region', 'UKM3', '--region', 'JP-01', '--format', 'json', '--data-dir', dataDir]);
    expect(compare.code, compare.stderr).toBe(0);
    const c = JSON.parse(compare.stdout) as { families: { name: string }[]; regions: { families: { employment: number | null; lq: number | null }[] }[] };
    const table = html.slice(html.indexOf('<h2>Employment by industry family</h2>'));
    c.families.forEach((f, k) => {
      const cells = [c.regions[0]!.families[k]!, c.regions[1]!.families[k]!].map((x) => `<td class="n">${x.employment === null ? '–' : Math.round(x.employment).toLocaleString('en-US')}</td>`);
      const row = table.slice(table.indexOf(`<td>${f.name.replace(/&/g, '&amp;')}</td>`));
      expect(row.indexOf(cells[0]!), f.name).toBeGreaterThan(0);
      expect(row.indexOf(`<td class="n">${c.regions[0]!.families[k]!.lq === null ? '–' : c.regions[0]!.families[k]!.lq!.toFixed(2)}</td>`)).toBeGreaterThan(0);
    });
  });

  test.skipIf(!chromium || !havePoppler)('report compare UKG3 JP-27 --output ew.pdf renders A4 pages that are not blank, title first, sources last', async () => {
    const file = join(tmp, 'ew.pdf');
    const r = await runCli(['report', 'compare', 'UKG3', 'JP-27', '--output', file, '--data-dir', dataDir], { CHROMIUM_PATH: chromium });
    expect(r.code, r.stderr).toBe(0);
    const pdf = expectA4PdfPages(file, tmp, { minPages: 3, maxPages: 8 });
    const text = pdf.text;
    expect(text(1, 1)).toContain('West Midlands (UKG3) and Osaka (JP-27)');
    expect(text(1, 1)).toContain('Specialisation');
    expect(text(1, pdf.pageCount)).toContain('Cluster-policy lessons');
    expect(text(pdf.pageCount, pdf.pageCount)).toContain('Data sources');
  });

  test('report compare with one region or a bad extension is a usage error (exit 2)', async () => {
    expect((await runCli(['report', 'compare', 'UKG3', '--output', join(tmp, 'x.html'), '--data-dir', dataDir])).code).toBe(2);
    expect((await runCli(['report', 'compare', 'UKG3', 'JP-27', '--output', join(tmp, 'x.txt'), '--data-dir', dataDir])).code).toBe(2);
  });
});
