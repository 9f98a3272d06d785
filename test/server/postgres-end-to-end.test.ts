import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest';
import { join } from 'node:path';
import { DuckDbStore } from '../../src/io/duckdb/duckdb-store.js';
import { DATABASE_FILE } from '../../src/io/default-data/open-embedded-store.js';
import { openStore } from '../../src/io/default-data/open-store.js';
import type { Store } from '../../src/io/store/store.js';
import { ClusterService } from '../../src/service/cluster-service.js';
import { startPostgres } from '../helpers/postgres-server.js';
import { runCli } from '../helpers/run-cli.js';

const postgresBin = inject('postgresBin');
const suite = postgresBin ? describe : describe.skip;

suite('shared PostgreSQL deployment (CLUSTERLENS_DATABASE_URL), against a real server', () => {
  let server: Awaited<ReturnType<typeof startPostgres>>;
  let pg: Store;
  let duck: DuckDbStore;

  beforeAll(async () => {
    server = await startPostgres({ binDir: postgresBin });
    pg = await openStore({ dataDir: '/nonexistent-not-used', databaseUrl: server.connectionString });
    duck = await DuckDbStore.open(join(inject('defaultDataDir'), DATABASE_FILE), { readOnly: true });
  }, 300_000);
  afterAll(async () => {
    await pg?.close();
    await duck?.close();
    await server?.stop();
  });

  test('openStore loads the default data into PostgreSQL and the portfolio equals the DuckDB one', async () => {
    const fromPg = await new ClusterService(pg).regionPortfolio('WA', 2011, 2007);
    const fromDuck = await new ClusterService(duck).regionPortfolio('WA', 2011, 2007);
    expect(fromPg).toEqual(fromDuck);
    expect(fromPg.clusters.find((c) => c.name === 'Aerospace Vehicles and Defense')).toMatchObject({ strong: true });
  });

  test('the CLI reads the same database through CLUSTERLENS_DATABASE_URL without reloading it', async () => {
    const r = await runCli(['clusters', '--region', 'WA', '--year', '2011', '--format', 'json'], { CLUSTERLENS_DATABASE_URL: server.connectionString });
    expect(r.code).toBe(0);
    expect(r.stderr).not.toContain('first run');
    const fromDuck = await new ClusterService(duck).regionPortfolio('WA', 2011, 2007);
    expect(JSON.parse(r.stdout)).toEqual(fromDuck);
  });
});
