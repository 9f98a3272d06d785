import type { ClusterType } from './cluster-location-quotient.js';

/** One industry's place in a cluster definition. */
export interface ClusterAssignment {
  readonly clusterCode: string;
  readonly clusterName: string;
  readonly clusterType: ClusterType;
  readonly subclusterCode: string | null;
  readonly subclusterName: string | null;
}

/** A concordance piece: one source-vintage code → one target-vintage code (the Census concordances list pieces). */
export interface ConcordancePiece {
  readonly from: string;
  readonly to: string;
}

export interface CarriedDefinition extends ClusterAssignment {
  readonly industryCode: string;
  /** How the assignment was found: same code, through the concordance, or through a further vintage. */
  readonly route: 'direct' | 'concordance' | 'concordance+next-vintage';
  /** The target-vintage code(s) the assignment came from. */
  readonly via: readonly string[];
}

export interface CarryDiagnostic {
  readonly industryCode: string;
  readonly kind: 'ambiguous' | 'unmapped';
  readonly message: string;
}

export interface CarryResult {
  readonly definitions: readonly CarriedDefinition[];
  readonly diagnostics: readonly CarryDiagnostic[];
}

/**
 * Carries a cluster definition written in one classification vintage (e.g. the 2016 benchmark clusters on
 * NAICS 2012) back to an older vintage (NAICS 2007) through the Census concordance.
 *
 * For each source code s: its target pieces T = concordance(s) (or s itself when the concordance has no
 * row); each piece takes the definition's cluster, or — when the definition lacks that code — the
 * cluster of its pieces in the next vintage (`nextConcordance`, e.g. NAICS 2012 → 2017; the benchmark
 * file uses a few 2017 codes). When the pieces of s fall in several clusters, s is assigned to the cluster
 * of the piece with the same code as s, else of its first piece, and an 'ambiguous' diagnostic is returned.
 * Codes with no cluster at all get an 'unmapped' diagnostic (e.g. public administration, which CBP does not
 * cover). See docs/methods/cluster-definitions.md.
 */
export function carryClusterDefinitions(input: {
  readonly sourceCodes: readonly string[];
  readonly definition: ReadonlyMap<string, ClusterAssignment>;
  readonly concordance: readonly ConcordancePiece[];
  readonly nextConcordance?: readonly ConcordancePiece[];
}): CarryResult {
  const pieces = groupPieces(input.concordance);
  const nextPieces = groupPieces(input.nextConcordance ?? []);
  const definitions: CarriedDefinition[] = [];
  const diagnostics: CarryDiagnostic[] = [];
  for (const s of input.sourceCodes) {
    const targets = pieces.get(s) ?? [s];
    const found: { code: string; assignment: ClusterAssignment; next: boolean }[] = [];
    for (const t of targets) {
      const direct = input.definition.get(t);
      if (direct) {
        found.push({ code: t, assignment: direct, next: false });
        continue;
      }
      for (const t2 of nextPieces.get(t) ?? []) {
        const later = input.definition.get(t2);
        if (later) found.push({ code: t, assignment: later, next: true });
      }
    }
    if (found.length === 0) {
      diagnostics.push({ industryCode: s, kind: 'unmapped', message: `${s}: no benchmark cluster for ${targets.join(', ')}` });
      continue;
    }
    const clusters = new Set(found.map((f) => f.assignment.clusterCode));
    let chosen = found[0];
    if (clusters.size > 1) {
      chosen = found.find((f) => f.code === s) ?? found[0];
      diagnostics.push({
        industryCode: s,
        kind: 'ambiguous',
        message: `${s} splits into ${found.map((f) => `${f.code} (${f.assignment.clusterName})`).join(', ')}; assigned to ${chosen.assignment.clusterName}`,
      });
    }
    const route = chosen.next ? 'concordance+next-vintage' : targets.length === 1 && targets[0] === s ? 'direct' : 'concordance';
    definitions.push({
      industryCode: s,
      ...chosen.assignment,
      route,
      via: [...new Set(found.filter((f) => f.assignment.clusterCode === chosen.assignment.clusterCode).map((f) => f.code))],
    });
  }
  return { definitions, diagnostics };
}

function groupPieces(pieces: readonly ConcordancePiece[]): Map<string, string[]> {
  const map = new Map<string, string[]>();
  for (const p of pieces) {
    const list = map.get(p.from);
    if (list) {
      if (!list.includes(p.to)) list.push(p.to);
    } else map.set(p.from, [p.to]);
  }
  return map;
}
