import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

export interface Dependency {
  key: 'postgresBin' | 'chromium';
  name: string;
  path: string | undefined;
  why: string;
  suites: string;
}

/** The directory holding initdb and pg_ctl (Debian: /usr/lib/postgresql/<major>/bin), or undefined. */
export function findPostgresBin(): string | undefined {
  const fromEnv = process.env.CLUSTERLENS_PG_BIN;
  if (fromEnv && existsSync(join(fromEnv, 'initdb'))) return fromEnv;
  const root = '/usr/lib/postgresql';
  if (existsSync(root)) {
    const majors = readdirSync(root).filter((d) => /^\d+$/.test(d)).sort((a, b) => Number(b) - Number(a));
    for (const m of majors) {
      const bin = join(root, m, 'bin');
      if (existsSync(join(bin, 'initdb')) && existsSync(join(bin, 'pg_ctl'))) return bin;
    }
  }
  return undefined;
}

/** Debian's Chromium, or CHROMIUM_PATH. */
export function findChromium(): string | undefined {
  const candidates = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser'];
  for (const c of candidates) if (c && existsSync(c)) return c;
  return undefined;
}

export function findDependencies(): Dependency[] {
  return [
    {
      key: 'postgresBin',
      name: 'PostgreSQL server (initdb, pg_ctl)',
      path: findPostgresBin(),
      why: 'not found under /usr/lib/postgresql/*/bin (apt-get install postgresql) or $CLUSTERLENS_PG_BIN',
      suites: 'PostgreSQL store tests',
    },
    {
      key: 'chromium',
      name: 'Chromium',
      path: findChromium(),
      why: 'not found at /usr/bin/chromium (apt-get install chromium) or $CHROMIUM_PATH',
      suites: 'browser (workbench) tests',
    },
  ];
}
