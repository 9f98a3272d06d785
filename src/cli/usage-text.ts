/** Usage texts of the commands, kept apart from the commands so `--help` and errors load nothing heavy. */
import { computeMethods } from '../service/compute/index.js';

const methodList = Object.entries(computeMethods)
  .map(([name, m]) => `    ${name.padEnd(15)}${m.summary}`)
  .join('\n');

export const clustersUsage = `clusterlens clusters --region <state FIPS, postal code or id> [--year <year>] [--base-year <year>]
                    [--format table|json|csv|ndjson] [--data-dir <dir>]
  A region's benchmark-cluster portfolio: employment, establishments, cluster LQ (traded/local
  denominators), Cluster Mapping strong-cluster flags and the share of estimated employment.`;

export const portfolioUsage = `clusterlens portfolio --region <id> [--year <year>] [--base-year <year>]
                     [--format table|json|csv|ndjson] [--data-dir <dir>]
  A region's cluster portfolio between two years: LQ, strong flags, European Cluster Observatory stars,
  growth vs. the national growth of each cluster, the portfolio quadrant (strong-and-growing, emerging,
  declining-strength, transforming), CAGR and job creation vs. the national benchmark
  (docs/methods/cluster-portfolio.md).`;

export const compareUsage = `clusterlens compare --region <id> --region <id> [--region …] [--year US=2011 --year EU=2015 --year JP=2021]
                   [--format table|json|csv|ndjson] [--data-dir <dir>]
  Compares 2–10 regions — US states, NUTS 0–2 regions, Japanese prefectures — on the common industry
  families (NACE Rev. 2 A*10): share of employment and LQ against the region's own country, with the
  coverage of the mapping. --year per source (US, EU, JP) or European country (DE=2014); default: the
  latest year. See docs/methods/industry-families.md.`;

export const computeUsage = `clusterlens compute <method> [--input FILE] [--end FILE] [--reference FILE] [--reference-end FILE]
                   [--firms FILE] [--regions FILE] [--values FILE] [--weights FILE]
                   [--set key=value …] [--format json|csv|table] [--rows regions|industries|cells|pairs|summary]
  Regional-science indicators from CSV files (header row; extra columns ignored; a missing pair is 0).
  --input region,industry,value[,year]   --end the same for the end year   --reference[-end] industry,value
  --firms industry,region,firm,employment   --regions region,value   --values region,value
  cluster-strength: --input region,cluster,type,employment,establishments[,wages] (type traded|local)
    --reference cluster,type,employment
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

export const catalogUsage = `clusterlens datasets [--format table|json|csv|ndjson] [--data-dir <dir>]
  The datasets in the database: id, classification, years, row count, source, licence, import time and origin.
clusterlens regions [--type country|state|county|nuts0|nuts1|nuts2|nuts3|prefecture|custom] [--country <ISO code>]
                    [--parent <region>] [--limit <n>] [--offset <n>] [--format table|json|csv|ndjson]
  Regions with their ids (US-53, DE21, JP-01), names, types, parents and accepted short forms.
clusterlens industries --classification <NAICS2007|NACE2|JSIC13|…> [--level <n>] [--parent <code>]
                       [--limit <n>] [--offset <n>] [--format table|json|csv|ndjson]
  Industries of a classification (level: NAICS digits, 2 = sectors; 1 = NACE sections, JSIC divisions).`;

export const exportUsage = `clusterlens export [--dataset <id>…] [--region <region>…] [--year <year>…] [--measure employment|establishments|payroll…]
                   [--level <n>…] [--format csv|json|ndjson|table] [--output FILE] [--data-dir <dir>]
  Observations with status (reported, estimated, suppressed, not-available), published range (lower, upper),
  source flag and estimation method, so that every number can be traced. Streams; CSV by default. Flags
  repeat or take comma-separated lists (--region WA,OR). Without --dataset every dataset is exported.`;

export const usersUsage = `clusterlens users add <name> --role viewer|editor|admin   (password from $CLUSTERLENS_PASSWORD or stdin)
clusterlens users set <name> [--role <role>] [--disable | --enable] [--password]
clusterlens users list [--format table|json|csv|ndjson]
clusterlens tokens create --user <name> [--label <text>] [--expires-days <n>]   (prints the secret once)
clusterlens tokens list --user <name> | clusterlens tokens revoke <id>
  Users and API tokens of the HTTP API (writes need editor, user management admin). A first admin can also be
  created by \`serve\` from $CLUSTERLENS_ADMIN_PASSWORD. Reads are open unless CLUSTERLENS_READ_ACCESS=authenticated.`;
