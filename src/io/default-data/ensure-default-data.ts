import { join } from 'node:path';
import { loadBenchmarkClustersNaics2007, US_BENCHMARK_SCHEME } from '../classifications/benchmark-clusters.js';
import { loadNaics2007Industries } from '../classifications/naics-titles.js';
import { importCbp } from '../importers/cbp/import-cbp.js';
import { importEstatJapan } from '../importers/estat-japan/import-estat-japan.js';
import { importEurostat } from '../importers/eurostat/import-eurostat.js';
import type { Store } from '../store/store.js';
import { shippedDataDir } from './shipped-data-dir.js';

/** Bump when the shipped data or its processing changes: stores with an older version are reloaded. */
export const DEFAULT_DATA_VERSION = '2';
export const DEFAULT_CBP_DATASET = 'us-cbp-state-2007-2011';
export const DEFAULT_EU_DATASET = 'eu-lfs-nuts2-nace-2008-2015';
export const DEFAULT_JP_DATASET = 'jp-economic-census-2016-2021';

/**
 * Loads the embedded default data into a store on first use: the 2016 benchmark cluster definitions carried
 * to NAICS 2007, County Business Patterns for the states 2007 and 2011, Eurostat LFS employment by NUTS
 * 0/1/2 × NACE A*10 2008–2015, and the Japanese Economic Census by prefecture × JSIC division 2016 and 2021. Does nothing when the store
 * already holds this version. Returns whether anything was loaded.
 */
export async function ensureDefaultData(
  store: Store,
  options: { log?: (message: string) => void; onProgress?: (lines: number, bytesRead: number, bytesTotal: number) => void } = {},
): Promise<boolean> {
  if ((await store.getMeta('default-data-version')) === DEFAULT_DATA_VERSION) return false;
  const log = options.log ?? (() => undefined);
  const dataDir = shippedDataDir();
  log('ClusterLens: first run on this database — loading the embedded default data');
  const industries = loadNaics2007Industries(dataDir);
  const clusters = loadBenchmarkClustersNaics2007(dataDir, industries.filter((i) => i.level === 6).map((i) => i.code));
  await store.importClusterDefinitions(US_BENCHMARK_SCHEME, clusters.rows);
  log(`  benchmark cluster definitions (2016) carried to NAICS 2007: ${clusters.rows.length} industries`);
  const result = await importCbp(store, join(dataDir, 'us-cbp-state-naics', 'cbp_state_naics_2007_2011.csv'), {
    datasetId: DEFAULT_CBP_DATASET,
    title: 'County Business Patterns, states, 2007 and 2011',
    replace: true,
    onProgress: options.onProgress,
  });
  const s = result.report.summary;
  log(`  County Business Patterns 2007 and 2011: ${result.rowCount} values (${s['employment.estimated'] ?? 0} suppressed employment cells estimated)`);
  const eu = await importEurostat(store, join(dataDir, 'eu-lfs-nuts2-nace', 'lfst_r_lfe2en2.tsv'), {
    datasetId: DEFAULT_EU_DATASET,
    replace: true,
  });
  log(`  Eurostat employment by NUTS region × NACE, 2008–2015: ${eu.rowCount} values`);
  const jp = await importEstatJapan(store, join(dataDir, 'japan-prefectures', 'jp_pref_industry_long.csv'), {
    datasetId: DEFAULT_JP_DATASET,
    title: 'Economic Census for Business Activity, prefectures × JSIC divisions, 2016 and 2021',
    replace: true,
  });
  log(`  Japan Economic Census by prefecture × JSIC division, 2016 and 2021: ${jp.rowCount} values`);
  await store.setMeta('default-data-version', DEFAULT_DATA_VERSION);
  return true;
}
