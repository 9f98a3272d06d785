import { existsSync, writeFileSync } from 'node:fs';
import { extname, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { assessInitiatives } from '../../service/policy/assess-initiatives.js';
import { regionReport } from '../../service/report/region-report.js';
import { renderInitiativeReportHtml } from '../../service/report/render-initiative-report-html.js';
import { renderPdf } from '../../service/report/render-pdf.js';
import { renderRegionReportHtml } from '../../service/report/render-region-report-html.js';
import { compareReport } from '../../service/report/compare-report.js';
import { clusterReport } from '../../service/report/cluster-report.js';
import { renderClusterReportHtml } from '../../service/report/render-cluster-report-html.js';
import { renderCompareReportHtml } from '../../service/report/render-compare-report-html.js';
import { ServiceError } from '../../service/service-error.js';
import { openService } from '../open-service.js';
import { UsageError } from '../usage-error.js';
import { parseYear } from './options.js';

/** Debian's Chromium, or $CHROMIUM_PATH. */
function findChromium(): string | undefined {
  for (const c of [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser']) if (c && existsSync(c)) return c;
  return undefined;
}

/**
 * `clusterlens report region <region> --year <year> --output FILE(.html|.pdf)`: a region report, and
 * `clusterlens report initiative <id> --output FILE(.html|.pdf)`: an initiative's assessment, and
 * `clusterlens report cluster <code> [--year <year>] --output FILE(.html|.pdf)`: one cluster across the states, as HTML or PDF.
 */
export async function reportCommand(argv: string[], out: NodeJS.WritableStream): Promise<void> {
  const { values, positionals } = parseArgs({
    args: argv,
    options: {
      year: { type: 'string' },
      output: { type: 'string' },
      initiatives: { type: 'string' },
      'data-dir': { type: 'string' },
    },
    strict: true,
    allowPositionals: true,
  });
  const [kind, subject, ...extra] = positionals;
  if (kind === 'compare') return reportCompare(positionals.slice(1), values, out);
  if (kind !== 'region' && kind !== 'initiative' && kind !== 'cluster') throw new UsageError(kind === undefined ? 'report needs a kind: report region <region> … or report initiative <id> …' : `unknown report kind "${kind}" (available: region, initiative, compare, cluster)`);
  if (!subject) throw new UsageError(kind === 'region' ? 'report region needs a region, e.g. report region WA --output wa.pdf' : kind === 'cluster' ? 'report cluster needs a cluster code, e.g. report cluster aerospace-vehicles-and-defense --output aerospace.pdf' : 'report initiative needs an initiative id, e.g. report initiative meti-industrial-cluster-plan --output meti.pdf');
  if (kind !== 'initiative' && values.initiatives !== undefined) throw new UsageError('--initiatives applies to report initiative only');
  if (extra.length > 0) throw new UsageError(`unexpected argument "${extra[0]}"`);
  if (!values.output) throw new UsageError('--output FILE is required (FILE ending in .html or .pdf)');
  const output = resolve(values.output);
  const ext = extname(output).toLowerCase();
  if (ext !== '.html' && ext !== '.pdf') throw new UsageError(`--output must end in .html or .pdf, not "${values.output}"`);
  const year = values.year === undefined ? undefined : parseYear(values.year, '--year');
  const chromium = ext === '.pdf' ? findChromium() : undefined;
  if (ext === '.pdf' && !chromium) throw new ServiceError('INVALID_ARGUMENT', 'PDF output needs Chromium: install it (apt-get install chromium) or set CHROMIUM_PATH');
  const { service, store } = await openService(values['data-dir']);
  let html: string;
  let title: string;
  try {
    if (kind === 'region') {
      const data = await regionReport(service, subject, year);
      html = renderRegionReportHtml(data);
      title = `${data.regionName} (${data.region}) ${data.year}`;
    } else if (kind === 'cluster') {
      const data = await clusterReport(service, subject, year);
      html = renderClusterReportHtml(data);
      title = `${data.cluster.name} ${data.year}`;
    } else {
      const result = await assessInitiatives(service, {
        initiative: subject,
        ...(values.initiatives === undefined ? {} : { file: resolve(values.initiatives) }),
        ...(year === undefined ? {} : { year }),
      });
      html = renderInitiativeReportHtml(result, result.assessments[0]!);
      title = result.assessments[0]!.initiative.name;
    }
  } finally {
    await store.close();
  }
  if (ext === '.html') writeFileSync(output, html);
  else writeFileSync(output, await renderPdf(html, { executablePath: chromium! }));
  out.write(`wrote ${output} (${title}, ${ext.slice(1).toUpperCase()})\n`);
}

/** `clusterlens report compare <regionA> <regionB> --output FILE(.html|.pdf)`: an East–West comparison report. */
async function reportCompare(regions: string[], values: { year?: string; output?: string; initiatives?: string; 'data-dir'?: string }, out: NodeJS.WritableStream): Promise<void> {
  if (regions.length !== 2) throw new UsageError('report compare needs two regions, e.g. report compare UKM3 JP-01 --output east-west.pdf');
  if (values.year !== undefined || values.initiatives !== undefined) throw new UsageError('report compare takes no --year or --initiatives (the latest year of each source is used)');
  if (!values.output) throw new UsageError('--output FILE is required (FILE ending in .html or .pdf)');
  const output = resolve(values.output);
  const ext = extname(output).toLowerCase();
  if (ext !== '.html' && ext !== '.pdf') throw new UsageError(`--output must end in .html or .pdf, not "${values.output}"`);
  const chromium = ext === '.pdf' ? findChromium() : undefined;
  if (ext === '.pdf' && !chromium) throw new ServiceError('INVALID_ARGUMENT', 'PDF output needs Chromium: install it (apt-get install chromium) or set CHROMIUM_PATH');
  const { store } = await openService(values['data-dir']);
  let html: string;
  let title: string;
  try {
    const data = await compareReport(store, regions[0]!, regions[1]!);
    html = renderCompareReportHtml(data);
    title = `${data.sides[0].name} (${data.sides[0].region}) and ${data.sides[1].name} (${data.sides[1].region})`;
  } finally {
    await store.close();
  }
  if (ext === '.html') writeFileSync(output, html);
  else writeFileSync(output, await renderPdf(html, { executablePath: chromium! }));
  out.write(`wrote ${output} (${title}, ${ext.slice(1).toUpperCase()})\n`);
}
