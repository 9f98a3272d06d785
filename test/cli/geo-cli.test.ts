import { describe, expect, inject, test } from 'vitest';
import { runCli } from '../helpers/run-cli.js';

describe('clusterlens geo', () => {
  const dataDir = inject('defaultDataDir');

  test('geo match --layer jp-prefectures matches the 47 prefectures; geo layers says which layers are shipped; nuts2 is refused with the reason', async () => {
    const jp = await runCli(['geo', 'match', '--layer', 'jp-prefectures', '--format', 'json', '--data-dir', dataDir]);
    expect(jp.code, jp.stderr).toBe(0);
    expect(JSON.parse(jp.stdout)).toMatchObject({ layer: 'jp-prefectures', shapes: 47, regions: 47, matched: 47, regionsWithoutShape: [], shapesWithoutData: [] });
    const states = await runCli(['geo', 'match', '--layer', 'us-states', '--data-dir', dataDir]);
    expect(states.stdout).toContain('56 shapes, 51 regions of this layer in the data, 51 matched');
    expect(states.stdout).toContain('US-72');
    expect(states.stdout).toContain('territory: not in the data');
    const layers = await runCli(['geo', 'layers', '--format', 'json']);
    expect(JSON.parse(layers.stdout).layers.map((l: { id: string; available: boolean }) => [l.id, l.available])).toEqual([
      ['us-states', true], ['us-counties', true], ['us-economic-areas', true], ['us-metro-areas', true], ['nuts2', false], ['jp-prefectures', true],
    ]);
    const nuts = await runCli(['geo', 'match', '--layer', 'nuts2', '--data-dir', dataDir]);
    expect(nuts.code).toBe(1);
    expect(nuts.stderr).toContain('geo layer nuts2 is not available');
    expect((await runCli(['geo', 'match', '--layer', 'atlantis'])).code).toBe(2);
  }, 120_000);
});
