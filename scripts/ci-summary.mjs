// Prints the plain "N passed, N failed" line CI reads, from Vitest's JSON report plus failed CI steps
// (type-check, lint), and exits non-zero when anything failed.
import { existsSync, readFileSync } from 'node:fs';

const [file, stepFailuresArg = '0', testStatusArg = '0'] = process.argv.slice(2);
const stepFailures = Number(stepFailuresArg);
const testStatus = Number(testStatusArg);
let passed = 0;
let failed = 0;
let skipped = 0;
if (file && existsSync(file)) {
  const report = JSON.parse(readFileSync(file, 'utf8'));
  passed = report.numPassedTests ?? 0;
  failed = report.numFailedTests ?? 0;
  skipped = (report.numPendingTests ?? 0) + (report.numTodoTests ?? 0);
  // suites that failed to load count as failures even when no test inside them ran
  for (const suite of report.testResults ?? []) {
    if (suite.status === 'failed' && (suite.assertionResults ?? []).length === 0) failed++;
  }
} else {
  failed++;
}
if (testStatus !== 0 && failed === 0) failed++;
failed += stepFailures;
console.log(`${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
process.exit(failed > 0 || passed === 0 ? 1 : 0);
