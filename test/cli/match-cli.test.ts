import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { runCli } from '../helpers/run-cli.js';

const fixtures = join(process.cwd(), 'test', 'fixtures', 'actors');
const env = { CLUSTERLENS_DEFAULT_ACTORS: '0', CLUSTERLENS_DATABASE_URL: '' };
let dir: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'clusterlens-match-cli-'));
  const r = await runCli(['actors', 'import', 'csv', join(fixtures, 'actors.csv'), '--linkages', join(fixtures, 'linkages.csv'), '--data-dir', dir], env);
  if (r.code !== 0) throw new Error(r.stderr);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('clusterlens match', () => {
  test('match --organisation ID leaves out the seeker and its partners and explains each suggestion', async () => {
    const r = await runCli(['match', '--organisation', 'dna-b', '--format', 'json', '--data-dir', dir], env);
    expect(r.code).toBe(0);
    const x = JSON.parse(r.stdout) as { suggestions: { organisation: { id: string }; proximities: { social: { commonPartners: number; commonPartnerIds: string[] } } }[] };
    const ids = x.suggestions.map((s) => s.organisation.id);
    expect(ids).not.toContain('dna-b');
    expect(ids).not.toContain('dna-a');
    expect(ids).not.toContain('hb-core');
    const uni = x.suggestions.find((s) => s.organisation.id === 'hb-uni')!;
    expect(uni.proximities.social).toMatchObject({ commonPartners: 1, commonPartnerIds: ['dna-a'] });
  });

  test('match --need "dna synthesis" ranks the two DNA firms first; --type sme keeps SMEs only', async () => {
    const r = await runCli(['match', '--need', 'dna synthesis', '--format', 'json', '--data-dir', dir], env);
    const x = JSON.parse(r.stdout) as { suggestions: { organisation: { id: string }; complementarity: { coversNeeds: string[] } }[] };
    expect(x.suggestions.slice(0, 2).map((s) => s.organisation.id).sort()).toEqual(['dna-a', 'dna-b']);
    expect(x.suggestions[0]!.complementarity.coversNeeds).toEqual(['dna synthesis']);
    const sme = await runCli(['match', '--need', 'dna synthesis', '--type', 'sme', '--format', 'json', '--data-dir', dir], env);
    const y = JSON.parse(sme.stdout) as { suggestions: { organisation: { id: string; type: string } }[] };
    expect(y.suggestions[0]!.organisation.id).toBe('dna-a');
    expect(new Set(y.suggestions.map((s) => s.organisation.type))).toEqual(new Set(['sme']));
    const table = await runCli(['match', '--need', 'dna synthesis', '--top', '3', '--data-dir', dir], env);
    expect(table.stdout).toContain('partners for "dna synthesis"');
    expect((await runCli(['match', '--data-dir', dir], env)).code).toBe(2);
  });

  test('match evaluate reports precision@k and recall@k of the matcher and the baselines, the same for the same seed', async () => {
    const args = ['match', 'evaluate', '--hold-out', '0.25', '--seed', '3', '--k', '3', '--format', 'json', '--data-dir', dir];
    const a = await runCli(args, env);
    expect(a.code).toBe(0);
    const x = JSON.parse(a.stdout) as { heldOutLinks: number; links: number; methods: Record<string, { precisionAtK: number; recallAtK: number }> };
    expect(x.links).toBe(8);
    expect(x.heldOutLinks).toBe(2);
    expect(Object.keys(x.methods).sort()).toEqual(['common-partners', 'matcher', 'preferential-attachment', 'random', 'same-industry']);
    const b = await runCli(args, env);
    const withoutTime = (text: string): unknown => ({ ...(JSON.parse(text) as Record<string, unknown>), seconds: null });
    expect(withoutTime(b.stdout)).toEqual(withoutTime(a.stdout));
    expect((await runCli(['match', 'evaluate', '--hold-out', '2', '--data-dir', dir], env)).code).toBe(2);
  });

  test('match evaluate --split temporal --test-from 2019: training on the 2017 project, the new links of the 2019 projects predicted', async () => {
    const h2020 = mkdtempSync(join(tmpdir(), 'clusterlens-match-temporal-'));
    try {
      const imported = await runCli(['actors', 'import', 'h2020', join(fixtures, 'h2020-sample.csv'), join(fixtures, 'h2020-sample-programmes.csv'), '--data-dir', h2020], env);
      expect(imported.code, imported.stderr).toBe(0);
      const r = await runCli(['match', 'evaluate', '--split', 'temporal', '--test-from', '2019', '--k', '3', '--format', 'json', '--data-dir', h2020], env);
      expect(r.code, r.stderr).toBe(0);
      const x = JSON.parse(r.stdout) as Record<string, unknown>;
      // 207027 (2017, 11 organisations) trains: 55 pairs; 221856 and 223246 (2019) are tested
      expect(x).toMatchObject({ split: 'temporal', testFrom: 2019, projects: { training: 1, test: 2, undated: 0 }, trainingLinks: 55 });
      expect(x.heldOutLinks as number).toBeGreaterThan(0);
      const table = await runCli(['match', 'evaluate', '--split', 'temporal', '--test-from', '2019', '--data-dir', h2020], env);
      expect(table.stdout).toContain('temporal hold-out: 1 projects starting before 2019 give 55 training links');
      const outside = await runCli(['match', 'evaluate', '--split', 'temporal', '--test-from', '2017', '--data-dir', h2020], env);
      expect(outside.code).toBe(1);
      expect(outside.stderr).toContain('2018–2019');
      expect((await runCli(['match', 'evaluate', '--test-from', '2019', '--data-dir', h2020], env)).code).toBe(2);
      expect((await runCli(['match', 'evaluate', '--split', 'later', '--data-dir', h2020], env)).code).toBe(2);
    } finally {
      rmSync(h2020, { recursive: true, force: true });
    }
  });
});
