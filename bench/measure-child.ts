/**
 * Runs a script in this process and reports its peak resident memory on stderr (`peakMiB=…`) when it ends:
 *   node dist/bench/measure-child.js --child SCRIPT ARGS…
 * Used by the end-to-end benchmark so both sides are measured the same way (Node start included).
 */
import { pathToFileURL } from 'node:url';

const i = process.argv.indexOf('--child');
const script = process.argv[i + 1];
if (i < 0 || script === undefined) {
  process.stderr.write('usage: node dist/bench/measure-child.js --child SCRIPT ARGS…\n');
  process.exit(2);
}
process.argv = [process.argv[0]!, script, ...process.argv.slice(i + 2)];
process.on('exit', () => {
  process.stderr.write(`\npeakMiB=${(process.resourceUsage().maxRSS / 1024).toFixed(1)}\n`);
});
await import(pathToFileURL(script).href);
