/**
 * Vitest global setup: finds the external components the suites need (PostgreSQL server binaries,
 * Chromium) and says loudly which suites are skipped when they are missing. Under CI=true a missing
 * dependency is a failure, never a skip.
 */
import type { TestProject } from 'vitest/node';
import { findDependencies } from '../helpers/dependencies.js';

export default function setup(project: TestProject): void {
  const found = findDependencies();
  const missing = found.filter((d) => !d.path);
  if (missing.length > 0) {
    const lines = missing.map((d) => `  - ${d.name}: ${d.why}; SKIPPED suites: ${d.suites}`);
    const banner = ['', '!'.repeat(78), '!! ClusterLens: missing test dependencies', ...lines, '!'.repeat(78), ''].join('\n');
    if (process.env.CI === 'true') {
      throw new Error(`${banner}\nCI=true: a missing dependency is a failure. Install it (see .ci/run).`);
    }
    process.stderr.write(banner + '\n');
  }
  for (const d of found) project.provide(d.key, d.path ?? '');
}

declare module 'vitest' {
  export interface ProvidedContext {
    postgresBin: string;
    chromium: string;
  }
}
