import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest';
import { DuckDbStore } from '../../io/duckdb/duckdb-store.js';
import { DATABASE_FILE } from '../../io/default-data/open-embedded-store.js';
import { demonstrationInitiativesPath } from '../../io/policy/read-initiatives.js';
import { ClusterService } from '../cluster-service.js';
import { assessInitiatives } from './assess-initiatives.js';

let store: DuckDbStore;
let service: ClusterService;
const tmp = mkdtempSync(join(tmpdir(), 'clusterlens-policy-'));

beforeAll(async () => {
  store = await DuckDbStore.open(join(inject('defaultDataDir'), DATABASE_FILE), { readOnly: true });
  service = new ClusterService(store);
});
afterAll(async () => {
  await store.close();
  rmSync(tmp, { recursive: true, force: true });
});

describe('assessInitiatives on the default data', () => {
  test('assessInitiatives(service) assesses every demonstration initiative with traceable evidence and no invented numbers', async () => {
    const r = await assessInitiatives(service);
    expect(r.demonstration).toBe(true);
    expect(r.assessments.map((a) => a.initiative.id)).toContain('meti-industrial-cluster-plan');
    for (const a of r.assessments) {
      // the default database holds US states only: no region evidence for Japanese or Scottish initiatives
      expect(a.region.available).toBe(false);
      expect(a.region.note).toMatch(/^not available/);
      for (const c of a.assessment.criteria) {
        for (const e of c.evidence) {
          if (e.value !== null) {
            expect(e.source).not.toBe('not available');
            expect(e.method.length).toBeGreaterThan(5);
          }
        }
      }
      const network = a.assessment.criteria.find((c) => c.id === 'university-role')!.evidence.find((e) => e.key === 'universityIndustryLinkShare')!;
      expect(network.value).toBeNull();
      expect(network.note).toMatch(/not available/);
    }
    const meti = r.assessments.find((a) => a.initiative.id === 'meti-industrial-cluster-plan')!.assessment;
    const rating = (id: string) => meti.criteria.find((c) => c.id === id)!;
    expect(rating('local-initiative').rating).toBe('weak');
    expect(rating('wide-target-range').rating).toBe('strong'); // six targets named in the article
    expect(rating('high-tech-narrowness').evidence[0]!.value).toBe(0.5); // biotechnology, ICT, electronics of six
    expect(rating('sme-support').rating).toBe('not-assessable');
    expect(rating('sme-support').rationale).toContain('SME count of 3000');
    const jes = r.assessments.find((a) => a.initiative.id === 'glasgow-joint-economic-strategy')!.assessment;
    expect(jes.criteria.find((c) => c.id === 'commitment-and-core-body')!.rating).toBe('strong');
    expect(jes.criteria.find((c) => c.id === 'commitment-and-core-body')!.evidence[1]!.source).toContain('SE\'s own budget and power');
  });

  test('assessInitiatives(service, { file }) computes target overlap, breadth and employment share from the cluster data of a US state', async () => {
    const p = await service.regionPortfolio('WA', 2011);
    const traded = p.clusters.filter((c) => c.type === 'traded');
    const strong = traded.filter((c) => c.strong === true);
    const weak = traded.filter((c) => c.strong === false && c.employment > 0);
    const targets = [strong[0]!, strong[1]!, weak[0]!, weak[1]!];
    const demo = JSON.parse(readFileSync(demonstrationInitiativesPath(), 'utf8')) as { initiatives: unknown[]; demonstration: boolean };
    demo.demonstration = false;
    demo.initiatives = [
      { id: 'wa-test', name: 'Test initiative', country: 'US', region: 'US-53', regionName: 'Washington', sponsor: 'test', sponsorLevel: 'regional', coreBody: null, startYear: 2008, targets: [], targetsKind: 'benchmark clusters', targetClusters: targets.map((c) => c.code), measures: [], figures: [], facts: { localInitiative: { value: true, citation: 'test fixture' } } },
    ];
    const file = join(tmp, 'initiatives.json');
    writeFileSync(file, JSON.stringify(demo));
    const r = await assessInitiatives(service, { file, year: 2011 });
    const a = r.assessments[0]!;
    expect(a.region.available).toBe(true);
    expect(a.region.strongClusters).toHaveLength(strong.length);
    expect(a.region.targets.map((t) => Object.keys(t.employment))).toEqual(targets.map(() => ['2007', '2011']));
    const ev = (id: string, key: string) => a.assessment.criteria.find((c) => c.id === id)!.evidence.find((e) => e.key === key)!;
    expect(ev('link-to-agglomeration', 'targetOverlapShare').value).toBe(0.5);
    expect(ev('wide-target-range', 'targetBreadthRatio').value).toBeCloseTo(4 / strong.length, 12);
    const share = targets.reduce((s, c) => s + c.employment, 0) / traded.reduce((s, c) => s + c.employment, 0);
    expect(ev('link-to-agglomeration', 'targetEmploymentShare').value).toBeCloseTo(share, 12);
    expect(ev('link-to-agglomeration', 'targetOverlapShare').source).toContain('us-cbp-state-2007-2011');
    expect(a.assessment.criteria.find((c) => c.id === 'link-to-agglomeration')!.rating).toBe('strong');
  });

  test('assessInitiatives(service, { initiative }) refuses an unknown id and an unknown cluster code', async () => {
    await expect(assessInitiatives(service, { initiative: 'nope' })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    const file = join(tmp, 'bad.json');
    const demo = JSON.parse(readFileSync(demonstrationInitiativesPath(), 'utf8')) as { initiatives: Record<string, unknown>[] };
    demo.initiatives = [{ ...demo.initiatives[0]!, region: 'US-53', targetClusters: ['no-such-cluster'] }];
    writeFileSync(file, JSON.stringify(demo));
    await expect(assessInitiatives(service, { file })).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' });
  });
});
