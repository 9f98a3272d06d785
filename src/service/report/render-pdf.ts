/** Chromium flags for rendering reports: headless, no sandbox, no network chatter or updates. */
export const chromiumReportFlags: readonly string[] = Object.freeze(['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run']);

/**
 * Renders a self-contained HTML document to PDF (A4, backgrounds printed) with headless Chromium driven by
 * playwright-core. `executablePath` is the Chromium binary (e.g. /usr/bin/chromium).
 */
export async function renderPdf(html: string, options: { executablePath: string }): Promise<Uint8Array> {
  const { chromium } = await import('playwright-core'); // loaded only when a PDF is asked for
  const browser = await chromium.launch({ executablePath: options.executablePath, headless: true, args: [...chromiumReportFlags] });
  try {
    const page = await browser.newPage();
    await page.setContent(html, { waitUntil: 'load' });
    const pdf = await page.pdf({ format: 'A4', printBackground: true, preferCSSPageSize: true });
    return new Uint8Array(pdf);
  } finally {
    await browser.close();
  }
}
