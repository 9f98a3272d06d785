/** Usage texts of the commands, kept apart from the commands so `--help` and errors load nothing heavy. */
import { computeMethods } from '../service/compute/index.js';

const methodList = Object.entries(computeMethods)
  .map(([name, m]) => `    ${name.padEnd(15)}${m.summary}`)
  .join('\n');

export const clustersUsage = `clusterlens clusters --region <state FIPS, postal code or id> [--year <year>] [--base-year <year>]
                    [--format table|json|csv|ndjson] [--data-dir <dir>]
  A region's benchmark-cluster portfolio: employment, establishments, cluster LQ (traded/local
  denominators), Cluster Mapping strong-cluster flags and the share of estimated employment.`;

export const computeUsage = `clusterlens compute <method> [--input FILE] [--end FILE] [--reference FILE] [--reference-end FILE]
                   [--firms FILE] [--regions FILE] [--values FILE] [--weights FILE]
                   [--set key=value …] [--format json|csv|table] [--rows regions|industries|cells|pairs|summary]
  Regional-science indicators from CSV files (header row; extra columns ignored; a missing pair is 0).
  --input region,industry,value[,year]   --end the same for the end year   --reference[-end] industry,value
  --firms industry,region,firm,employment   --regions region,value   --values region,value
  --weights region,neighbor[,weight]   Methods (docs/cli-compute.md):
${methodList}`;

export const importUsage = `clusterlens import <kind> <file…> [--dataset <name>] [--year <year>] [--replace] [--dry-run]
                    [--format text|json] [--data-dir <dir>]
  kinds: cbp       County Business Patterns (the tidy state layout of data/us-cbp-state-naics, or the Census
                   cbpYYst.txt / cbpYYco.txt layouts, CBP 2007–2011); suppressed employment is estimated
                   inside its size class and marked as estimated
         eurostat  Eurostat TSV bulk file of employment by NUTS region × NACE (e.g. lfst_r_lfe2en2.tsv);
                   flags kept as statuses, thousands stored as persons
         estat     Japanese Economic Census / e-Stat CSV by prefecture × JSIC division, UTF-8 or Shift_JIS
                   (detected; --encoding overrides); secret cells (X, χ) kept as suppressed
  Each file is validated first; any error refuses the whole file and nothing is written.
  --dataset (alias --dataset-id) names the dataset (one file only); default: the file name.`;

export const serveUsage = `clusterlens serve [--port <port>] [--host <host>] [--data-dir <dir>]
  Starts the HTTP API (/api/v1) and the workbench. PORT sets the port (default 3000; 0 = any free port).`;
