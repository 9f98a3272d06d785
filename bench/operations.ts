/**
 * The workloads timed by `npm run bench`, each a function of the generated data that runs one repetition.
 * Imports the core through '../core/…', the path of the compiled files (dist/bench → dist/core).
 */
import type { CountyScaleData } from './generate-county-scale.js';
import { locationQuotient } from '../core/specialization/location-quotient.js';
import { krugmanSpecialization } from '../core/specialization/krugman-specialization.js';
import { herfindahlIndex } from '../core/specialization/herfindahl-index.js';
import { shannonEntropy } from '../core/specialization/shannon-entropy.js';
import { hachmanIndex } from '../core/specialization/hachman-index.js';
import { shiftShare } from '../core/shift-share/shift-share.js';
import { presenceMatrix } from '../core/complexity/presence-matrix.js';
import { economicComplexityIndexDetailed } from '../core/complexity/economic-complexity-index-detailed.js';
import { proximity } from '../core/complexity/proximity.js';
import { density } from '../core/complexity/density.js';
import { economicComplexity } from '../core/complexity/economic-complexity.js';

export type OperationId = 'lq' | 'shift-share' | 'specialization' | 'eci' | 'complexity-pipeline' | 'moran' | 'whole-set' | 'cluster-mapping' | 'discovery';

/** One repetition of a workload; returns something derived from the result so nothing is optimised away. */
export type Workload = () => number;

export interface PreparedOperation {
  readonly run?: Workload;
  /** Why the operation cannot run here (the row is skipped with this note). */
  readonly skipped?: string;
}

/** Output buffer of the LQ workload, allocated once per matrix size (the C baseline also reuses one buffer). */
let lqOut = new Float64Array(0);

/**
 * LQ into a reused `out` buffer: the C loop (baselines/lq.c) mallocs its output once, outside its timed loop, so
 * allocating and page-faulting a fresh 25.6 MB array in every timed call would time the allocator, not the kernel.
 */
export function runLocationQuotient(data: CountyScaleData): number {
  const size = data.start.rows.length * data.start.columns.length;
  if (lqOut.length !== size) lqOut = new Float64Array(size);
  return locationQuotient(data.start, { out: lqOut }).values[7];
}

export function runShiftShare(data: CountyScaleData): number {
  return shiftShare(data.start, data.end).regions.regionalShift[0];
}

export function runSpecialization(data: CountyScaleData): number {
  const m = data.start;
  return krugmanSpecialization(m)[0] + herfindahlIndex(m)[0] + shannonEntropy(m)[0] + hachmanIndex(m)[0];
}

/** ECI/PCI with proximity and density: M, the eigenvector, φ and density (the py-ecomplexity core without COI/COG). */
export function runComplexity(data: CountyScaleData): number {
  const mcp = presenceMatrix(data.start);
  const eci = economicComplexityIndexDetailed(mcp);
  const phi = proximity(mcp);
  const dens = density(mcp, { proximity: phi });
  return eci.eci[0] + dens.values[1];
}

/** The whole `economicComplexity` pipeline, COI and COG included. */
export function runComplexityPipeline(data: CountyScaleData): number {
  return economicComplexity(data.start).cog.values[3];
}

type MoransI = (values: ArrayLike<number>, weights: unknown, options: { permutations: number; seed: number }) => { I: number };
type KNearestNeighbors = (points: { ids: readonly string[]; x: ArrayLike<number>; y: ArrayLike<number> }, options: { k: number }) => unknown;

/**
 * Moran's I with 999 permutations on kNN-6 weights of the regions' points, from src/core/spatial. That module was
 * written in parallel with this harness, so it is loaded by a computed specifier: without `moransI` and
 * `kNearestNeighbors` the row is skipped with a note. The weights are built once, outside the timed call (as esda
 * times `Moran(y, w, permutations=999)` on a ready `w`).
 */
export async function prepareMoran(data: CountyScaleData): Promise<PreparedOperation> {
  const specifier = '../core/spatial/index.js';
  let spatial: Record<string, unknown>;
  try {
    spatial = (await import(specifier)) as Record<string, unknown>;
  } catch {
    return { skipped: 'src/core/spatial/index.ts does not exist: Moran row skipped' };
  }
  if (typeof spatial.moransI !== 'function' || typeof spatial.kNearestNeighbors !== 'function') {
    return { skipped: 'src/core/spatial does not export moransI and kNearestNeighbors: Moran row skipped' };
  }
  const moransI = spatial.moransI as MoransI;
  const kNearestNeighbors = spatial.kNearestNeighbors as KNearestNeighbors;
  const n = data.regionValue.length;
  const x = new Float64Array(n);
  const y = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    x[i] = data.points[2 * i];
    y[i] = data.points[2 * i + 1];
  }
  const weights = kNearestNeighbors({ ids: data.start.rows, x, y }, { k: 6 });
  return { run: () => moransI(data.regionValue, weights, { permutations: 999, seed: 20240601 }).I };
}

/** Every kernel once: LQ, shift-share, specialisation, ECI/PCI with proximity and density, and Moran when available. */
export function wholeSet(moran: Workload | undefined): (data: CountyScaleData) => number {
  return (data) =>
    runLocationQuotient(data) + runShiftShare(data) + runSpecialization(data) + runComplexity(data) + (moran === undefined ? 0 : moran());
}

type ImportCbp = (store: unknown, path: string, options: { datasetId?: string }) => Promise<{ rowCount: number }>;
interface DuckDbStoreClass {
  open(path: string): Promise<{ close(): Promise<void> }>;
}

/**
 * The CBP county import workload: importCbp (src/io/importers/cbp) of `file` into a new DuckDB store at
 * `databasePath`, timed from the call to its end (opening and closing the store are not timed, as the
 * baseline's are not). src/io is built by another project than the bench, so it is loaded by computed
 * specifiers (dist/bench → dist/io). Returns the import's milliseconds and the observations written.
 */
export async function runCbpImport(file: string, databasePath: string): Promise<{ ms: number; observations: number }> {
  const importer = '../io/importers/cbp/import-cbp.js';
  const duckdb = '../io/duckdb/duckdb-store.js';
  const { importCbp } = (await import(importer)) as { importCbp: ImportCbp };
  const { DuckDbStore } = (await import(duckdb)) as { DuckDbStore: DuckDbStoreClass };
  const store = await DuckDbStore.open(databasePath);
  try {
    const t0 = performance.now();
    const result = await importCbp(store, file, { datasetId: 'cbp-county-bench' });
    return { ms: performance.now() - t0, observations: result.rowCount };
  } finally {
    await store.close();
  }
}

/**
 * The baseline: DuckDB's own CSV reader loading the same file into a table of a new database file,
 * `CREATE TABLE cbp AS SELECT * FROM read_csv(file, header = true)` (types and dialect sniffed), timed
 * around that statement. Returns its milliseconds and the rows loaded.
 */
export async function runDuckDbReadCsv(file: string, databasePath: string): Promise<{ ms: number; rows: number }> {
  const { DuckDBInstance } = await import('@duckdb/node-api');
  const instance = await DuckDBInstance.create(databasePath);
  const connection = await instance.connect();
  try {
    const t0 = performance.now();
    await connection.run(`CREATE TABLE cbp AS SELECT * FROM read_csv('${file.replaceAll("'", "''")}', header = true)`);
    const ms = performance.now() - t0;
    const count = await connection.runAndReadAll('SELECT count(*) AS n FROM cbp');
    return { ms, rows: Number(count.getRowObjectsJS()[0]?.n ?? 0) };
  } finally {
    connection.closeSync();
    instance.closeSync();
  }
}
