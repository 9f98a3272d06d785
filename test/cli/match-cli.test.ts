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
});
