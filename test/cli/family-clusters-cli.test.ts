import { describe, expect, inject, test } from 'vitest';
import { runCli } from '../helpers/run-cli.js';

const dataDir = inject('defaultDataDir');

interface FamilyPortfolio {
  region: string;
  year: number;
  baseYear: number | null;
  level?: string;
  source?: string;
  rule?: string;
  coverage?: number;
  establishmentsPublished?: boolean;
  clusterStrength: number | null;
  clusters: { code: string; lq: number | null; strong: boolean | null; strong10: boolean | null; stars?: number | null; focusStar?: boolean | null; establishments: number; productivityStar?: null }[];
  missing?: { code: string; state: string }[];
}

describe('clusterlens clusters for EU NUTS regions and Japanese prefectures (industry families)', () => {
  test('clusters --region DE21 --year 2015 --format json rates Oberbayern\'s families among the NUTS-2 regions', async () => {
    const r = await runCli(['clusters', '--region', 'DE21', '--year', '2015', '--format', 'json', '--data-dir', dataDir]);
    expect(r.code, r.stderr).toBe(0);
    const p = JSON.parse(r.stdout) as FamilyPortfolio;
    expect(p).toMatchObject({ region: 'DE21', year: 2015, baseYear: 2008, level: 'family', source: 'EU', rule: 'strong-employment-only', establishmentsPublished: false, coverage: 1 });
    expect(p.clusters).toHaveLength(10);
    const j = p.clusters.find((c) => c.code === 'J')!;
    expect(j.lq).toBeCloseTo(1.8157, 4); // test/golden/family-mapping/eu-nuts2-2015
    expect([j.strong, j.strong10]).toEqual([true, true]);
    expect(p.clusters.filter((c) => c.strong === true).map((c) => c.code).sort()).toEqual(['J', 'K', 'M_N']);
    expect(p.clusters.every((c) => c.productivityStar === null)).toBe(true);
    // strong families / all ten families (2,439,400: rounded LFS cells add up to 100 more than TOTAL)
    expect(p.clusterStrength).toBeCloseTo((319700 + 125700 + 106500) / 2439400, 4);
  });

  test('clusters --region JP-01 defaults to the Japanese years (2021, change since 2016) and lists the families the census file lacks', async () => {
    const r = await runCli(['clusters', '--region', 'JP-01', '--format', 'json', '--data-dir', dataDir]);
    expect(r.code, r.stderr).toBe(0);
    const p = JSON.parse(r.stdout) as FamilyPortfolio;
    expect(p).toMatchObject({ region: 'JP-01', year: 2021, baseYear: 2016, source: 'JP', rule: 'strong' });
    expect(p.clusters.find((c) => c.code === 'B-E')!.lq).toBeCloseTo(0.5697, 4);
    expect(p.missing).toEqual([
      { code: 'A', name: 'Agriculture, forestry and fishing', state: 'not-in-source' },
      { code: 'K', name: 'Financial and insurance activities', state: 'not-in-source' },
      { code: 'L', name: 'Real estate activities', state: 'not-in-source' },
      { code: 'M_N', name: expect.stringContaining('Professional') as unknown as string, state: 'not-in-source' },
    ]);
  });

  test('clusters --region JP-13 prints a table with stars; Tokyo\'s information and communication has all three', async () => {
    const r = await runCli(['clusters', '--region', 'JP-13', '--data-dir', dataDir]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('Tokyo (JP-13), 2021, change since 2016; industry families (JP prefecture)');
    expect(r.stdout).toMatch(/J\s+Information, communication\s+1,085,934\s+28,503\s+3\.3\s+yes\s+yes\s+3\s+yes\s+yes\s+yes/);
    expect(r.stdout).toContain('no value: A (not published by the source)');
    const csv = await runCli(['clusters', '--region', 'DE21', '--format', 'csv', '--data-dir', dataDir]);
    expect(csv.code).toBe(0);
    expect(csv.stdout.split('\n')[0]).toBe('family,name,employment,lq,strong,strong10,stars,sizeStar,specialisationStar,focusStar,lowReliability,estimatedShare,baseEmployment,employmentChange');
  });

  test('clusters for a US state is unchanged, and an EU year without data exits 1 naming the EU years', async () => {
    const wa = await runCli(['clusters', '--region', 'WA', '--format', 'json', '--data-dir', dataDir]);
    expect(wa.code).toBe(0);
    const p = JSON.parse(wa.stdout) as FamilyPortfolio & Record<string, unknown>;
    expect([p.year, p.baseYear, p.level]).toEqual([2011, 2007, undefined]);
    expect(Object.keys(p.clusters[0]!)).not.toContain('stars');
    const bad = await runCli(['clusters', '--region', 'DE21', '--year', '2020', '--data-dir', dataDir]);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('no EU data (NACE2) for year 2020; available: 2008, 2009, 2010, 2011, 2012, 2013, 2014, 2015');
  });
});
