/** Usage texts of the commands, kept apart from the commands so `--help` and errors load nothing heavy. */
import { computeMethods } from '../service/compute/index.js';

const methodList = Object.entries(computeMethods)
  .map(([name, m]) => `    ${name.padEnd(15)}${m.summary}`)
  .join('\n');

export const clustersUsage = `clusterlens clusters --region <state FIPS, postal code or id> [--year <year>] [--base-year <year>]
                    [--scheme <name>] [--format table|json|csv|ndjson] [--data-dir <dir>]
  A region's benchmark-cluster portfolio: employment, establishments, cluster LQ (traded/local
  denominators), Cluster Mapping strong-cluster flags and the share of estimated employment.
  --scheme: the clusters of a user scheme stored with \`clusterlens import clusters\` (docs/data/cluster-schemes.md).`;

export const portfolioUsage = `clusterlens portfolio --region <id> [--year <year>] [--base-year <year>] [--scheme <name>]
                     [--format table|json|csv|ndjson] [--data-dir <dir>]
  A region's cluster portfolio between two years: LQ, strong flags, European Cluster Observatory stars,
  growth vs. the national growth of each cluster, the portfolio quadrant (strong-and-growing, emerging,
  declining-strength, transforming), CAGR and job creation vs. the national benchmark
  (docs/methods/cluster-portfolio.md).`;

export const opportunitiesUsage = `clusterlens opportunities --region <id> [--year <year>] [--relatedness proximity|cmp|colocation|input-output]
                          [--density-threshold <x>] [--complexity-threshold <x>] [--count <n>]
                          [--view opportunities|gaps [--cluster <code>] [--suppliers traded|all]]
                          [--format table|json|csv|ndjson] [--data-dir <dir>]
  Diversification opportunities of a US state: traded clusters with LQ < 1 by relatedness density and
  complexity (PCI), in smart-specialisation quadrants (docs/methods/opportunities.md). --view gaps: the
  supplier clusters a strong cluster buys from in which the state has LQ < 1 (docs/methods/supply-chain-gaps.md).
clusterlens related --cluster <code> [--year <year>] [--sort cmp|input-output|colocation|proximity] [--count <n>]
                    [--format table|json|csv|ndjson] [--data-dir <dir>]
  Clusters related to a cluster: U.S. Cluster Mapping relatedness beside BEA input–output, co-location and
  co-occurrence proximity from the data (docs/methods/cluster-relatedness.md).
clusterlens peers --region <id> [--year <year>] [--count <n>] [--size-factor <x>] [--size-band-only] [--neighbours]
                  [--weights profile=0.5,shared=0.3,size=0.2,neighbour=0] [--format table|json|csv|ndjson] [--data-dir <dir>]
  Peer regions (US states, NUTS 0–2 regions, Japanese prefectures): profile similarity, shared strong
  clusters or specialisations, size band and neighbours, combined into one score (docs/methods/peer-regions.md).
clusterlens hotspots --cluster <code> [--year <year>] [--scheme <name>] [--permutations <n>] [--seed <n>] [--alpha <p>] [--fdr] [--all]
                     [--format table|json|csv|ndjson] [--data-dir <dir>]
  LISA hot and cold spots of a cluster's LQ across the US states (local Moran over queen contiguity,
  seeded permutations; docs/methods/hot-spots.md).`;

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

export const compositeUsage = `clusterlens composite FILE [--weights FILE] [--set weight.<indicator>=<w> …] [--direction <indicator>=-1 …]
                      [--reference <region>|mean] [--sensitivity <draws> [--seed <n>]] [--set key=value …]
                      [--format table|json|csv]
  A composite index of your own indicators in the manner of the Regional Innovation Scoreboard: outliers
  clipped (mean ± 3 sd), skewed indicators (G1 > 1) square-rooted, min–max, weighted mean, relative to the
  reference = 100 (default: the mean), performance groups (leader > 125, strong ≥ 100, moderate ≥ 70,
  emerging); with --sensitivity, how ranks move over seeded random weights (docs/methods/composite-index.md).
  FILE: region,indicator,value (long) or region,<indicator>,… (wide); an empty cell is missing (never imputed);
  values may be negative. --weights: indicator,weight[,direction] (every indicator, weights ≥ 0).
  --direction: 1 or positive (more is better, default), -1 or negative.
  --set outliers=winsorise-sd|winsorise-quantile|none, outlierSd=3, outlierQuantiles=0.05,0.95,
  transformation=square-root|log|none, skewnessThreshold=1, minimumCoverage=0.5, mode=scale|simplex,
  perturbation=0.25 (mode and perturbation with --sensitivity).`;

export const importUsage = `clusterlens import <kind> <file…> [--dataset <name>] [--year <year>] [--replace] [--dry-run]
                    [--format text|json] [--data-dir <dir>]
  kinds: cbp       County Business Patterns (the tidy state layout of data/us-cbp-state-naics, or the Census
                   cbpYYst.txt / cbpYYco.txt layouts, CBP 2007–2011); suppressed employment is estimated
                   inside its size class and marked as estimated
         eurostat  Eurostat TSV bulk file of employment by NUTS region × NACE (e.g. lfst_r_lfe2en2.tsv);
                   flags kept as statuses, thousands stored as persons
         estat     Japanese Economic Census / e-Stat CSV by prefecture × JSIC division, UTF-8 or Shift_JIS
                   (detected; --encoding overrides); secret cells (X, χ) kept as suppressed
         qcew      BLS QCEW annual-averages CSV (by-area file, singlefile or data slice): private (own_code 5)
                   6-digit NAICS rows by default (--ownership 0|1|2|3|5, --levels 0,2,3,4,5,6); employment,
                   establishments, payroll ($1,000); disclosure code N kept as suppressed
         csv       a long CSV of your own, one value per line, through a column mapping:
                   --map region=<col>,industry=<col>,year=<col>,value=<col>[,measure=<col>][,status=<col>]
                   [,flag=<col>][,lower=<col>][,upper=<col>] (or --mapping FILE, JSON; see docs/data/generic-csv.md)
                   --classification NAICS2007|NACE2|JSIC13|JSIC14 [--country US|DE|JP…] [--measure employment]
                   [--delimiter <char>|tab] [--encoding utf-8|shift_jis]
         clusters  your own cluster definition: CSV industry_code,cluster_code,cluster_name[,cluster_type]
                   [,subcluster_code,subcluster_name]; --scheme NAME --classification NAICS2007|NACE2|…
  Each file is validated first; any error refuses the whole file and nothing is written.
  --dataset (alias --dataset-id) names the dataset (one file only); default: the file name.`;

export const serveUsage = `clusterlens serve [--port <port>] [--host <host>] [--data-dir <dir>]
  Starts the HTTP API (/api/v1) and the workbench. PORT sets the port (default 3000; 0 = any free port).`;

export const catalogUsage = `clusterlens datasets [--format table|json|csv|ndjson] [--data-dir <dir>]
  The datasets in the database: id, classification, years, row count, source, licence, import time and origin.
clusterlens regions [--type country|state|county|ea|msa|nuts0|nuts1|nuts2|nuts3|prefecture|custom] [--country <ISO code>]
                    [--parent <region>] [--limit <n>] [--offset <n>] [--format table|json|csv|ndjson]
  Regions with their ids (US-53, DE21, JP-01), names, types, parents and accepted short forms; ea and msa
  (US-EA-57152, US-MSA-42660) come from the shipped county crosswalk (docs/data/economic-areas.md).
clusterlens regions add <name> --members <region>,<region>,… [--id custom-<slug>] [--country <ISO>] [--replace]
clusterlens regions custom [--format …]          clusterlens regions delete <custom id>
  Custom regions built from existing ones (Cascadia = WA + OR); queries and portfolios use the sums of
  their members (clusterlens clusters --region custom-cascadia).
clusterlens industries --classification <NAICS2007|NACE2|JSIC13|…> [--level <n>] [--parent <code>]
                       [--limit <n>] [--offset <n>] [--format table|json|csv|ndjson]
  Industries of a classification (level: NAICS digits, 2 = sectors; 1 = NACE sections, JSIC divisions).
clusterlens schemes list | show <name> | delete <name>   [--format table|json|csv|ndjson] [--data-dir <dir>]
  Cluster-definition schemes: the benchmark (us-benchmark-2016) and yours (stored with \`import clusters\`),
  with classification, cluster and industry counts and dates; show lists the clusters and their codes.`;

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

export const assessUsage = `clusterlens assess [--initiative <id>] [--initiatives FILE] [--year <year>] [--format table|json] [--data-dir <dir>]
  Cluster-policy assessment of the demonstration initiatives (data/policy-initiatives, figures from
  I. Mitsui's East–West comparison) or of a file of initiatives: each lesson (success factors, weaknesses,
  SME implications) rated with its evidence, rule and rationale, beside the Western and Eastern reference
  profiles (docs/methods/cluster-policy-assessment.md).`;

export const diamondUsage = `clusterlens diamond --region <state> [--cluster <code>] [--year <year>] [--base-year <year>] [--peers <id>,<id>…]
                    [--ratings <corner>:<1–5>,…] [--expert-weight 0–1] [--format table|json|csv] [--data-dir <dir>]
  Porter's diamond of a US state, or with --cluster of a state × benchmark cluster: each corner scored from
  indicators computed for every state (cluster employment and LQ; buyer presence from BEA input–output links;
  relatedness density and supplier gap; establishments, size and growth), z-scores against the peers (default:
  every other state), with values, peer statistics, sources and methods (docs/methods/porters-diamond.md).
  --ratings: expert ratings of corners (3 = on a par with the peers), combined with weight --expert-weight (0.5).`;

export const reportUsage = `clusterlens report region <region> [--year <year>] --output FILE.html|FILE.pdf [--data-dir <dir>]
  A region report (strong clusters, portfolio table, chart, methods appendix, data sources) as HTML, or as
  PDF rendered by headless Chromium ($CHROMIUM_PATH or /usr/bin/chromium).
clusterlens report initiative <id> [--initiatives FILE] [--year <year>] --output FILE.html|FILE.pdf [--data-dir <dir>]
  An initiative's cluster-policy assessment: published figures, scorecard against the Western and Eastern
  reference profiles, every piece of evidence with its source and method, rules and data sources.
clusterlens report compare <regionA> <regionB> --output FILE.html|FILE.pdf [--data-dir <dir>]
  An East–West comparison (e.g. UKM3 JP-01, UKG3 JP-27): employment, shares and LQs by industry family with
  charts, the Western and Eastern cluster-policy reference profiles side by side, the initiatives recorded
  for the two regions, methods appendix and data sources.
clusterlens report cluster <cluster-code> [--year <year>] --output FILE.html|FILE.pdf [--data-dir <dir>]
  One benchmark cluster across the US states: strong-rule thresholds, strong and strong10 states, LQ chart of
  the top 15 states, top states by LQ and by employment, estimated-data share, related clusters, methods
  appendix and data sources.`;

export const discoverUsage = `clusterlens discover [--dataset <id>] [--year <year>] [--similarity colocation|coagglomeration|io|combined]
                    [--clusters 20..70 | --k <n>] [--seed <n>] [--industries traded|all] [--linkage average|ward]
                    [--format table|json|markdown] [--output FILE.csv [--output-layout noco|import]]
                    [--save <scheme> [--replace]] [--data-dir <dir>]
  Data-driven cluster discovery (Delgado, Porter & Stern 2016) on the US state data: industry relatedness from
  co-location (LQ correlation), co-agglomeration (Ellison–Glaeser) and/or BEA input–output links; hierarchical
  clustering seeding k-means over the cluster counts; VS-Cluster and VS-Industry beside the benchmark's and a
  random baseline's (docs/methods/cluster-discovery.md). --output writes the discovered definition as CSV in the
  layout of data/us-cluster-defs-2016/naics_to_benchmark_cluster_noco.csv (--output-layout import: the columns of
  \`clusterlens import clusters\`); --save stores it as a user cluster-definition scheme.`;

export const actorsUsage = `clusterlens actors import h2020 [PARTICIPATIONS [PROGRAMME_PARTS]]   (default: the shipped CORDIS files)
clusterlens actors import csv FILE [--linkages FILE]   (columns: docs/data/actors-csv.md)
clusterlens actors list [--type sme|large-firm|firm|university|…] [--country DE] [--region DE21] [--query text]
                        [--initiative ID] [--limit 50] [--offset 0] [--format table|json|csv|ndjson]
clusterlens actors show ID [--format table|json]
clusterlens network indicators|brokers|communities [--country DE …] [--region DE2] [--type …] [--programme SC5]
                        [--from 2015 --to 2018] [--top N] [--seed 1] [--sample 64] [--group-by type|country|region]
                        [--format table|json|csv|ndjson]
clusterlens match --organisation ID | --need "keywords, …" [--country DE] [--region …] [--type sme] [--top 10]
clusterlens match evaluate [--split random|temporal] [--hold-out 0.1 | --test-from YEAR] [--seed 1] [--k 10]
                           [--max-seekers 1000] [--with-programmes]
  Organisations, linkages and projects live in the registry (registry.duckdb in the data directory, or
  PostgreSQL with $CLUSTERLENS_DATABASE_URL); Horizon 2020 participations load on first use
  ($CLUSTERLENS_DEFAULT_ACTORS=0 keeps the registry empty).`;

export const geoUsage = `clusterlens geo layers [--format text|json]
clusterlens geo match --layer us-states|us-counties|us-economic-areas|us-metro-areas|nuts2|jp-prefectures
                      [--limit <n>] [--format text|json]
  Boundary layers (TopoJSON, GET /api/v1/geo/<layer>) and the code matching: region codes in the data
  without a shape and shapes without data, with the reason (NUTS versions, extra-regio ZZ, FIPS changes).`;

export const initiativesUsage = `clusterlens initiatives list [--region <region>] [--format table|json|csv|ndjson] [--data-dir <dir>]
clusterlens initiatives show ID [--format table|json|csv|ndjson]
clusterlens initiatives outcomes ID [--peers a,b,…] [--format table|json|csv|ndjson]
clusterlens initiatives import FILE… [--format table|json]
  Initiative monitoring: initiatives (sponsor, core body, target clusters, budget lines, period, members) and KPI
  observations in the registry (the demonstration initiatives of data/policy-initiatives load on first use;
  $CLUSTERLENS_DEMONSTRATION_INITIATIVES=0 keeps the registry empty); targets vs the region's strengths; outcome
  tracking: difference-in-differences of the targeted clusters' log employment against peer regions (default:
  every other region of the same kind with data), assumptions stated (docs/methods/difference-in-differences.md).
  import reads JSON or CSV of initiatives and KPIs, all or nothing, errors naming file:line:field
  (docs/data/initiatives.md).`;
