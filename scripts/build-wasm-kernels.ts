/**
 * Compiles the WebAssembly text kernels of src/core/wasm (*.wat) into TypeScript modules holding their bytes
 * (src/core/wasm/<name>-wasm.ts), so that the core stays dependency-free and needs no file access at run time.
 *   npx tsx scripts/build-wasm-kernels.ts          writes the modules
 *   npx tsx scripts/build-wasm-kernels.ts --check  exits 1 when a module differs from its .wat (also a unit test)
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { compileWat, wasmModuleSource } from './wasm-kernel-source.js';

const dir = join(import.meta.dirname, '..', 'src', 'core', 'wasm');
const check = process.argv.includes('--check');
let stale = 0;
for (const file of readdirSync(dir).filter((f) => f.endsWith('.wat'))) {
  const name = file.slice(0, -'.wat'.length);
  const target = join(dir, `${name}-wasm.ts`);
  const source = wasmModuleSource(name, await compileWat(readFileSync(join(dir, file), 'utf8'), file));
  let current = '';
  try {
    current = readFileSync(target, 'utf8');
  } catch {
    // not written yet
  }
  if (current === source) continue;
  if (check) {
    process.stderr.write(`${target} is stale: run npx tsx scripts/build-wasm-kernels.ts\n`);
    stale++;
  } else {
    writeFileSync(target, source);
    process.stderr.write(`wrote ${target}\n`);
  }
}
process.exitCode = stale > 0 ? 1 : 0;
