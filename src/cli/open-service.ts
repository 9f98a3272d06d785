import { resolveDataDirectory } from '../io/default-data/data-directory.js';
import { openStore } from '../io/default-data/open-store.js';
import type { Store } from '../io/store/store.js';
import { ClusterService } from '../service/cluster-service.js';

/** Progress of a long import on stderr: one line that updates itself on a TTY, a line per step elsewhere. */
export function stderrProgress(label: string): (lines: number, bytesRead: number, bytesTotal: number) => void {
  let last = -1;
  return (lines, bytesRead, bytesTotal) => {
    const pct = bytesTotal > 0 ? Math.min(100, Math.floor((100 * bytesRead) / bytesTotal)) : 0;
    if (pct === last) return;
    last = pct;
    if (process.stderr.isTTY) process.stderr.write(`\r${label}: ${pct}% (${lines.toLocaleString('en-US')} lines)${pct === 100 ? '\n' : ''}`);
    else if (pct === 100 || pct % 25 === 0) process.stderr.write(`${label}: ${pct}% (${lines} lines)\n`);
  };
}

/**
 * Opens the store (PostgreSQL when CLUSTERLENS_DATABASE_URL is set, else the embedded database of the data
 * directory; created and loaded on first use) and the service over it.
 */
export async function openService(dataDirFlag: string | undefined): Promise<{ service: ClusterService; store: Store; dataDir: string }> {
  const dataDir = resolveDataDirectory(dataDirFlag);
  const store = await openStore({
    dataDir,
    databaseUrl: process.env.CLUSTERLENS_DATABASE_URL,
    log: (m) => process.stderr.write(m + '\n'),
    onProgress: stderrProgress('  reading County Business Patterns'),
  });
  return { service: new ClusterService(store), store, dataDir };
}
