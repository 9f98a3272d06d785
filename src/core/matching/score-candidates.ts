import { helixSphere } from '../network/organisation-type.js';
import type { OrganisationType } from '../network/organisation-type.js';
import type { ProximityWeights } from './matching-actors.js';
import { haversineKm } from './haversine-km.js';
import type { SeekerProfile } from './partner-seeker.js';
import type { MatchingIndex } from './prepare-matching.js';

/** Internal: per-candidate component arrays (length n), reused across seekers. */
export interface CandidateScores {
  readonly score: Float64Array;
  readonly cognitive: Float64Array;
  readonly complementarity: Float64Array;
  readonly social: Float64Array;
  readonly geographical: Float64Array;
  readonly institutional: Float64Array;
  readonly organisational: Float64Array;
  /** Σ idf² of shared terms (cosine numerator) — sparse, reset between seekers. */
  readonly dot: Float64Array;
  /** Σ idf of shared terms. */
  readonly sharedMass: Float64Array;
  /** Σ idf of the seeker's needs the candidate has. */
  readonly needMass: Float64Array;
  readonly adamicAdar: Float64Array;
  readonly commonPartners: Int32Array;
  readonly sharedGroups: Int32Array;
  /** 1 when the candidate is already a partner of the seeker. */
  readonly partner: Uint8Array;
  readonly distanceKm: Float64Array;
  readonly touched: Int32Array;
  touchedCount: number;
}

/** Internal: allocates the workspace for n actors. */
export function candidateScores(n: number): CandidateScores {
  return {
    score: new Float64Array(n),
    cognitive: new Float64Array(n),
    complementarity: new Float64Array(n),
    social: new Float64Array(n),
    geographical: new Float64Array(n),
    institutional: new Float64Array(n),
    organisational: new Float64Array(n),
    dot: new Float64Array(n),
    sharedMass: new Float64Array(n),
    needMass: new Float64Array(n),
    adamicAdar: new Float64Array(n),
    commonPartners: new Int32Array(n),
    sharedGroups: new Int32Array(n),
    partner: new Uint8Array(n),
    distanceKm: new Float64Array(n),
    touched: new Int32Array(n),
    touchedCount: 0,
  };
}

const sphereCode = (t: OrganisationType | null): number => {
  const s = helixSphere(t);
  if (s === 'industry') return 1;
  if (s === 'knowledge') return 2;
  if (s === 'government') return 3;
  if (t === 'financier') return 4;
  if (t === 'other') return 5;
  return 0;
};

/**
 * Internal: fills every component and the combined score for all n candidates (see docs/methods/partner-matching.md):
 * cognitive = cosine of idf-weighted term vectors; complementarity = share of the seeker's needs covered (idf-weighted)
 * or, without needs, |T_j \ T_s|_idf / |T_j ∪ T_s|_idf; social = AA_j / max_k AA_k (Adamic–Adar over common partners, relative to
 * the seeker's best-connected non-partner candidate), 1 for a past collaborator; geographical = max(same region, ½·same country, exp(−d / distanceScaleKm));
 * institutional = ½·same country + ½·same sphere; organisational = Jaccard of group memberships.
 * score = Σ w_c·x_c / Σ w_c. O(n + sparse work) per seeker.
 */
export function scoreCandidates(index: MatchingIndex, seeker: SeekerProfile, weights: ProximityWeights, distanceScaleKm: number, ws: CandidateScores): void {
  const n = index.n;
  // Reset the sparse accumulators.
  for (let k = 0; k < ws.touchedCount; k++) {
    const j = ws.touched[k];
    ws.dot[j] = 0;
    ws.sharedMass[j] = 0;
    ws.needMass[j] = 0;
    ws.adamicAdar[j] = 0;
    ws.commonPartners[j] = 0;
    ws.sharedGroups[j] = 0;
    ws.partner[j] = 0;
  }
  let tc = 0;
  const mark = (j: number): void => {
    if (ws.dot[j] === 0 && ws.needMass[j] === 0 && ws.commonPartners[j] === 0 && ws.sharedGroups[j] === 0 && ws.partner[j] === 0) ws.touched[tc++] = j;
  };
  const { idf, postingOffsets, postings } = index;
  let seekerMass = 0;
  let seekerNorm2 = 0;
  for (let a = 0; a < seeker.terms.length; a++) {
    const t = seeker.terms[a];
    const w = idf[t];
    seekerMass += w;
    seekerNorm2 += w * w;
    for (let p = postingOffsets[t]; p < postingOffsets[t + 1]; p++) {
      const j = postings[p];
      mark(j);
      ws.dot[j] += w * w;
      ws.sharedMass[j] += w;
    }
  }
  const seekerNorm = Math.sqrt(seekerNorm2);
  let needTotal = 0;
  for (let a = 0; a < seeker.needs.length; a++) {
    const t = seeker.needs[a];
    needTotal += idf[t];
    for (let p = postingOffsets[t]; p < postingOffsets[t + 1]; p++) {
      const j = postings[p];
      mark(j);
      ws.needMass[j] += idf[t];
    }
  }
  for (let a = 0; a < seeker.groups.length; a++) {
    const gid = seeker.groups[a];
    for (let p = index.groupPostingOffsets[gid]; p < index.groupPostingOffsets[gid + 1]; p++) {
      const j = index.groupPostings[p];
      mark(j);
      ws.sharedGroups[j]++;
    }
  }
  const { offsets, targets } = index.graph;
  const s = seeker.node;
  if (s >= 0) {
    for (let e = offsets[s]; e < offsets[s + 1]; e++) {
      const z = targets[e];
      mark(z);
      ws.partner[z] = 1;
    }
    for (let e = offsets[s]; e < offsets[s + 1]; e++) {
      const z = targets[e];
      const dz = offsets[z + 1] - offsets[z];
      const inv = dz > 1 ? 1 / Math.log(dz) : 0;
      for (let f = offsets[z]; f < offsets[z + 1]; f++) {
        const j = targets[f];
        if (j === s) continue;
        mark(j);
        ws.commonPartners[j]++;
        ws.adamicAdar[j] += inv;
      }
    }
  }
  ws.touchedCount = tc;
  let maxAdamicAdar = 0;
  for (let k = 0; k < tc; k++) {
    const j = ws.touched[k];
    if (ws.partner[j] === 0 && ws.adamicAdar[j] > maxAdamicAdar) maxAdamicAdar = ws.adamicAdar[j];
  }

  const wSum = weights.cognitive + weights.complementarity + weights.social + weights.geographical + weights.institutional + weights.organisational;
  const seekerSphere = sphereCode(seeker.type as OrganisationType | null);
  const hasCoords = Number.isFinite(seeker.latitude) && Number.isFinite(seeker.longitude);
  const lats = index.actors.latitudes;
  const lons = index.actors.longitudes;
  const seekerGroups = seeker.groups.length;
  for (let j = 0; j < n; j++) {
    const normJ = index.termNorm[j];
    const cog = ws.dot[j] > 0 ? ws.dot[j] / (seekerNorm * normJ) : 0;
    let comp = 0;
    if (needTotal > 0) comp = ws.needMass[j] / needTotal;
    else if (seekerMass > 0 && index.termMass[j] > 0) comp = (index.termMass[j] - ws.sharedMass[j]) / (index.termMass[j] + seekerMass - ws.sharedMass[j]);
    const soc = ws.partner[j] === 1 ? 1 : maxAdamicAdar > 0 ? ws.adamicAdar[j] / maxAdamicAdar : 0;
    const sameRegion = seeker.region >= 0 && index.region[j] === seeker.region;
    const sameCountry = seeker.country >= 0 && index.country[j] === seeker.country;
    let geo = sameRegion ? 1 : sameCountry ? 0.5 : 0;
    let dist = NaN;
    if (hasCoords && lats !== undefined && lons !== undefined) {
      const la = lats[j];
      const lo = lons[j];
      if (Number.isFinite(la) && Number.isFinite(lo)) {
        dist = haversineKm(seeker, { latitude: la, longitude: lo });
        const byDistance = Math.exp(-dist / distanceScaleKm);
        if (byDistance > geo) geo = byDistance;
      }
    }
    const inst = (sameCountry ? 0.5 : 0) + (seekerSphere !== 0 && sphereCode(index.actors.types[j]) === seekerSphere ? 0.5 : 0);
    const gj = index.groupOffsets[j + 1] - index.groupOffsets[j];
    const sg = ws.sharedGroups[j];
    const org = sg > 0 ? sg / (seekerGroups + gj - sg) : 0;
    ws.cognitive[j] = cog;
    ws.complementarity[j] = comp;
    ws.social[j] = soc;
    ws.geographical[j] = geo;
    ws.institutional[j] = inst;
    ws.organisational[j] = org;
    ws.distanceKm[j] = dist;
    ws.score[j] =
      wSum > 0
        ? (weights.cognitive * cog +
            weights.complementarity * comp +
            weights.social * soc +
            weights.geographical * geo +
            weights.institutional * inst +
            weights.organisational * org) /
          wSum
        : 0;
  }
}
