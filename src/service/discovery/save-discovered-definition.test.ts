import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest';
import { startPostgres } from '../../../test/helpers/postgres-server.js';
import type { PostgresServer } from '../../../test/helpers/postgres-server.js';
import { DuckDbStore } from '../../io/duckdb/duckdb-store.js';
import { DATABASE_FILE } from '../../io/default-data/open-embedded-store.js';
import { createPostgresStore } from '../../io/postgres/postgres-store.js';
import { runClusterDiscovery } from './run-cluster-discovery.js';
import type { ClusterDiscoveryReport } from './run-cluster-discovery.js';
import { saveDiscoveredDefinition } from './save-discovered-definition.js';

const postgresBin = inject('postgresBin');
const describeWithPostgres = postgresBin === '' ? describe.skip : describe;

describeWithPostgres('saveDiscoveredDefinition on a real PostgreSQL server', () => {
  let server: PostgresServer | undefined;
  let report: ClusterDiscoveryReport;

  beforeAll(async () => {
    const source = await DuckDbStore.open(join(inject('defaultDataDir'), DATABASE_FILE), { readOnly: true });
    try {
      report = await runClusterDiscovery(source, { year: 2011, clusterCounts: [25] });
    } finally {
      await source.close();
    }
    server = await startPostgres({ binDir: postgresBin });
  });
  afterAll(async () => {
    await server?.stop();
  });

  test('saveDiscoveredDefinition(postgresStore, report, scheme) stores the report rows, refuses an existing scheme and replaces it on request', async () => {
    const store = await createPostgresStore(await server!.createDatabase('discovery_save'));
    try {
      await saveDiscoveredDefinition(store, report, 'discovered-pg');
      const rows = await store.clusterDefinitions('discovered-pg');
      const key = (list: { industryCode: string; clusterCode: string; clusterName: string; clusterType: string }[]) =>
        list.map((r) => `${r.industryCode}|${r.clusterCode}|${r.clusterName}|${r.clusterType}`).sort();
      expect(key(rows)).toEqual(key(report.definition.rows));
      await expect(saveDiscoveredDefinition(store, report, 'discovered-pg')).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' });
      await saveDiscoveredDefinition(store, report, 'discovered-pg', { replace: true });
      expect(await store.clusterDefinitions('discovered-pg')).toHaveLength(report.definition.rows.length);
    } finally {
      await store.close();
    }
  });
});
