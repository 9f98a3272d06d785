import { rmSync } from 'node:fs';
import { PassThrough } from 'node:stream';
import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest';
import { shippedDataDir } from '../../io/default-data/shipped-data-dir.js';
import { readCountyAreas } from '../../io/geo/read-county-areas.js';
import { openCountyAreasFixture } from '../../../test/helpers/county-areas-fixture.js';
import { clustersCommand } from './clusters-command.js';

/** The command's output, run in this process (test/cli runs the built CLI). */
async function clusters(argv: string[]): Promise<string> {
  const out = new PassThrough();
  let text = '';
  out.on('data', (chunk: Buffer) => (text += chunk.toString()));
  await clustersCommand(argv, out);
  return text;
}

// the county fixture: King, Pierce and Snohomish of the Seattle EA's counties, DC alone in its EA
describe('clustersCommand(["--region", area]) on a partly loaded Economic Area or CBSA', () => {
  let directory: string;
  const seattleMembers = readCountyAreas(shippedDataDir(), 'ea')!.members.get('US-EA-57152')!.length;

  beforeAll(async () => {
    const fixture = await openCountyAreasFixture(inject('defaultDataDir'));
    directory = fixture.directory;
    await fixture.store.close();
  });
  afterAll(() => rmSync(directory, { recursive: true, force: true }));

  test('the table says "counties 3/N" in its header and names the area partial in a footnote', async () => {
    const table = await clusters(['--region', 'US-EA-57152', '--year', '2011', '--data-dir', directory]);
    expect(table).toContain(`(US-EA-57152), 2011; traded employment in strong clusters: `);
    expect(table).toMatch(new RegExp(`; counties 3/${seattleMembers}\\n`));
    expect(table).toContain(`partial area: 3 of its ${seattleMembers} counties are in the database; its numbers are their sums`);
  });

  test('--format json and ndjson carry memberCounties and countiesWithData; a state has neither, nor a coverage line', async () => {
    const json = JSON.parse(await clusters(['--region', 'EA-57152', '--year', '2011', '--format', 'json', '--data-dir', directory])) as Record<string, unknown>;
    expect(json).toMatchObject({ region: 'US-EA-57152', memberCounties: seattleMembers, countiesWithData: 3 });
    const lines = (await clusters(['--region', 'MSA-47900', '--year', '2011', '--format', 'ndjson', '--data-dir', directory])).trimEnd().split('\n');
    const dcMembers = readCountyAreas(shippedDataDir(), 'msa')!.members.get('US-MSA-47900')!.length;
    expect(JSON.parse(lines[0]!)).toMatchObject({ region: 'US-MSA-47900', memberCounties: dcMembers, countiesWithData: 1 });
    const state = await clusters(['--region', 'WA', '--year', '2011', '--data-dir', directory]);
    expect(state).not.toContain('counties');
    expect(state).not.toContain('partial area');
    expect(await clusters(['--region', 'WA', '--year', '2011', '--format', 'json', '--data-dir', directory])).not.toContain('countiesWithData');
  });
});
