import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { denseMatrix, inputOutputSimilarity, similarityMatrix } from '../../core/index.js';
import type { SimilarityMatrix } from '../../core/index.js';
import { readNaicsConcordance } from '../../io/classifications/benchmark-clusters.js';
import { BEA_DETAIL_CROSSWALK_FILE, BEA_DETAIL_USE_FILE, readBeaNaicsCrosswalk, readBeaUseTable } from '../../io/relatedness/read-bea-use-table.js';
import { ServiceError } from '../service-error.js';

/** Input–output similarity between NAICS 2007 industries from the BEA detail Use table, and the industries it could not place. */
export interface IndustryInputOutput {
  similarity: SimilarityMatrix;
  /** Industries (of those asked for) with no BEA detail industry: NaN rows. */
  unmapped: string[];
  note: string;
}

let cached: { dataDir: string; bea: SimilarityMatrix; naicsToBea: Map<string, string> } | undefined;

/**
 * IO[i,j] between 6-digit NAICS 2007 industries: the DPS input–output similarity (max of the four purchase and sale
 * shares, core inputOutputSimilarity) computed between BEA detail industries (2012 Use table, before
 * redefinitions), each NAICS industry taking its BEA industry's row (NAICS 2007 → 2012 by the Census concordance,
 * then the BEA–NAICS crosswalk). Industries in the same BEA industry share its own-flow shares (the BEA diagonal).
 */
export function industryInputOutput(industries: readonly string[], dataDir: string): IndustryInputOutput {
  if (!existsSync(join(dataDir, BEA_DETAIL_USE_FILE)) || !existsSync(join(dataDir, BEA_DETAIL_CROSSWALK_FILE))) {
    throw new ServiceError('NO_DATA', `input–output similarity needs ${BEA_DETAIL_USE_FILE} and ${BEA_DETAIL_CROSSWALK_FILE} in ${dataDir}`);
  }
  if (!cached || cached.dataDir !== dataDir) {
    const use = readBeaUseTable(join(dataDir, BEA_DETAIL_USE_FILE));
    // a few Use-table cells are negative (e.g. sales of used goods, subsidies in special industries): not links, counted as 0
    const flows = Float64Array.from(use.flows, (v) => (v > 0 ? v : 0));
    const bea = inputOutputSimilarity(denseMatrix(use.codes, use.codes, flows));
    const crosswalk = readBeaNaicsCrosswalk(join(dataDir, BEA_DETAIL_CROSSWALK_FILE));
    const naicsToBea = new Map<string, string>();
    const known = new Set(use.codes);
    for (const [code, naics] of [...crosswalk.entries()].sort((a, b) => (a[0] < b[0] ? -1 : 1))) {
      if (!known.has(code)) continue;
      for (const n of naics) if (!naicsToBea.has(n)) naicsToBea.set(n, code);
    }
    const concordance = join(dataDir, 'naics-reference', '2007_to_2012_NAICS.csv');
    if (existsSync(concordance)) {
      for (const piece of readNaicsConcordance(concordance)) {
        const b = naicsToBea.get(piece.to);
        if (b !== undefined && !naicsToBea.has(`2007:${piece.from}`)) naicsToBea.set(`2007:${piece.from}`, b);
      }
    }
    cached = { dataDir, bea, naicsToBea };
  }
  const { bea, naicsToBea } = cached;
  const beaIndex = new Map(bea.labels.map((c, k) => [c, k]));
  const m = bea.labels.length;
  const n = industries.length;
  const position = industries.map((code) => {
    const b = naicsToBea.get(`2007:${code}`) ?? naicsToBea.get(code);
    return b === undefined ? -1 : beaIndex.get(b)!;
  });
  const values = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      const a = position[i]!;
      const b = position[j]!;
      values[i * n + j] = a < 0 || b < 0 ? NaN : bea.values[a * m + b]!;
    }
  }
  return {
    similarity: similarityMatrix(industries, values),
    unmapped: industries.filter((_, i) => position[i]! < 0),
    note: 'input–output: BEA 2012 detail Use table (before redefinitions), NAICS 2007 → 2012 → BEA detail industry; industries in one BEA industry share its flows; negative Use-table cells count as 0',
  };
}
