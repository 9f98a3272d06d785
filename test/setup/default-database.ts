/**
 * Vitest global setup: builds one embedded database with the default data in a temp directory, shared
 * read-only by the suites that need real data (service, CLI, HTTP). Suites that test the first-run path
 * create their own directory.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { openEmbeddedStore } from '../../src/io/default-data/open-embedded-store.js';

export default async function setup(project: TestProject): Promise<() => void> {
  const dir = mkdtempSync(join(tmpdir(), 'clusterlens-test-db-'));
  const store = await openEmbeddedStore({ dataDir: dir });
  await store.close();
  project.provide('defaultDataDir', dir);
  return () => rmSync(dir, { recursive: true, force: true });
}

declare module 'vitest' {
  export interface ProvidedContext {
    defaultDataDir: string;
  }
}
