/**
 * Page checks of a PDF report, shared by the report tests: renders every page with pdftoppm (40 dpi, grey),
 * checks each is A4 (331 × 468 px at 40 dpi: 8.27 in × 11.69 in) and not blank (more than 0.5 % of its pixels
 * darker than 200), checks the page count is in range, and returns the page count and a pdftotext reader.
 * Needs poppler-utils (`havePoppler`).
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'vitest';

export const havePoppler = existsSync('/usr/bin/pdftoppm') && existsSync('/usr/bin/pdftotext');

/** A binary PGM (P5) file: size and grey pixels. */
export function readPgm(file: string): { width: number; height: number; pixels: Uint8Array } {
  const buf = readFileSync(file);
  const header: string[] = [];
  let k = 0;
  while (header.length < 4) {
    while (/\s/.test(String.fromCharCode(buf[k]!))) k++;
    if (buf[k] === 0x23) {
      while (buf[k] !== 0x0a) k++;
      continue;
    }
    let token = '';
    while (!/\s/.test(String.fromCharCode(buf[k]!))) token += String.fromCharCode(buf[k++]!);
    header.push(token);
  }
  k++;
  expect(header[0]).toBe('P5');
  const width = Number(header[1]);
  const height = Number(header[2]);
  return { width, height, pixels: buf.subarray(k, k + width * height) };
}

/**
 * Asserts that `file` is a PDF of `minPages`–`maxPages` A4 pages none of which is blank; returns the page count
 * and `text(first, last)`, the pages' text by pdftotext (layout kept).
 */
export function expectA4PdfPages(file: string, workDir: string, range: { minPages: number; maxPages: number }): { pageCount: number; text(first: number, last: number): string } {
  expect(readFileSync(file).subarray(0, 5).toString()).toBe('%PDF-');
  const dir = mkdtempSync(join(workDir, 'pages-'));
  try {
    execFileSync('/usr/bin/pdftoppm', ['-r', '40', '-gray', file, join(dir, 'page')]);
    const pages = readdirSync(dir).filter((f) => /^page-\d+\.pgm$/.test(f)).sort();
    expect(pages.length).toBeGreaterThanOrEqual(range.minPages);
    expect(pages.length).toBeLessThanOrEqual(range.maxPages);
    for (const p of pages) {
      const { width, height, pixels } = readPgm(join(dir, p));
      expect(Math.abs(width - 331)).toBeLessThanOrEqual(1);
      expect(Math.abs(height - 468)).toBeLessThanOrEqual(1);
      let ink = 0;
      for (const v of pixels) if (v < 200) ink++;
      expect(ink / pixels.length, `${p} looks blank`).toBeGreaterThan(0.005);
    }
    return {
      pageCount: pages.length,
      text: (first, last) => execFileSync('/usr/bin/pdftotext', ['-f', String(first), '-l', String(last), '-layout', file, '-']).toString(),
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
