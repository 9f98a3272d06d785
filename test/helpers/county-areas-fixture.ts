import { copyFileSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DATABASE_FILE } from '../../src/io/default-data/open-embedded-store.js';
import { DuckDbStore } from '../../src/io/duckdb/duckdb-store.js';
import { importCbp } from '../../src/io/importers/cbp/import-cbp.js';

/**
 * A copy of the default database in a new temporary directory (the caller removes it) plus the county fixture
 * test/fixtures/cbp/cbp11co.txt (DC as 11001, Washington's rows as King County 53033) and two counties derived
 * by relabelling rows: Pierce (53053) = King's rows, Snohomish (53061) = DC's rows. King, Pierce and Snohomish
 * are the part of the Seattle Economic Area US-EA-57152 (and of CBSA 42660) in the database; DC is alone in
 * its EA 57174 and CBSA 47900. The store is returned open (read-write).
 */
export async function openCountyAreasFixture(defaultDataDir: string): Promise<{ directory: string; store: DuckDbStore }> {
  const directory = mkdtempSync(join(tmpdir(), 'clusterlens-areas-'));
  copyFileSync(join(defaultDataDir, DATABASE_FILE), join(directory, DATABASE_FILE));
  const lines = readFileSync(join(process.cwd(), 'test/fixtures/cbp/cbp11co.txt'), 'utf8').trimEnd().split('\n');
  const copy = (from: string, to: string): string[] => lines.filter((l) => l.startsWith(from)).map((l) => to + l.slice(from.length));
  const file = join(directory, 'cbp11co.txt');
  writeFileSync(file, [...lines, ...copy('"53","033"', '"53","053"'), ...copy('"11","001"', '"53","061"')].join('\n') + '\n');
  const store = await DuckDbStore.open(join(directory, DATABASE_FILE));
  await importCbp(store, file, { datasetId: 'cbp-county-areas-fixture' });
  return { directory, store };
}
