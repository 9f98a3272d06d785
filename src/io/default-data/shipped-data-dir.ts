import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

let cached: string | undefined;

/** The root folder of the installed clusterlens package (holds package.json, data/ and dist/). */
export function packageRoot(): string {
  return dirname(shippedDataDir());
}

/** The package's own `data/` folder (shipped real data), found from this file's location. */
export function shippedDataDir(): string {
  if (cached) return cached;
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let k = 0; k < 8; k++) {
    const pkg = join(dir, 'package.json');
    if (existsSync(pkg)) {
      const name = (JSON.parse(readFileSync(pkg, 'utf8')) as { name?: string }).name;
      if (name === 'clusterlens' && existsSync(join(dir, 'data'))) {
        cached = join(dir, 'data');
        return cached;
      }
    }
    dir = dirname(dir);
  }
  throw new Error('cannot find the shipped data/ folder of the clusterlens package');
}
