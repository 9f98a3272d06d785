import type { OutputFormat } from '../format-output.js';
import { UsageError } from '../usage-error.js';

export function parseFormat(value: string | undefined): OutputFormat {
  const v = value ?? 'table';
  if (v === 'table' || v === 'json' || v === 'csv' || v === 'ndjson') return v;
  throw new UsageError(`--format must be table, json, csv or ndjson, not "${v}"`);
}

export function parseYear(value: string, flag: string): number {
  if (!/^\d{4}$/.test(value)) throw new UsageError(`${flag} must be a four-digit year, not "${value}"`);
  return Number(value);
}

export function parsePort(value: string | undefined): number {
  const v = value ?? process.env.PORT ?? '3000';
  if (!/^\d+$/.test(v) || Number(v) > 65535) throw new UsageError(`port must be 0–65535, not "${v}"`);
  return Number(v);
}

/** A whole-number flag value of at least `min` (undefined when the flag is absent). */
export function parseCount(value: string | undefined, flag: string, min: number): number | undefined {
  if (value === undefined) return undefined;
  if (!/^\d+$/.test(value) || Number(value) < min) throw new UsageError(`${flag} must be an integer ≥ ${min}, not "${value}"`);
  return Number(value);
}

/** `key=value` pairs (of `--set`, or another flag named by `flag`) into an object; a pair without `=` or a repeated key is a usage error. */
export function parseSet(pairs: readonly string[], flag = '--set'): Record<string, string> {
  const set: Record<string, string> = {};
  for (const pair of pairs) {
    const eq = pair.indexOf('=');
    if (eq <= 0) throw new UsageError(`${flag} needs key=value, got "${pair}"`);
    const key = pair.slice(0, eq).trim();
    if (Object.prototype.hasOwnProperty.call(set, key)) throw new UsageError(`${flag} ${key} given twice`);
    set[key] = pair.slice(eq + 1).trim();
  }
  return set;
}
