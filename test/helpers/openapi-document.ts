import type { FastifyInstance } from 'fastify';
import { resolvePointer } from '../../src/server/openapi.js';

/** `value` with every `$ref` into `document` replaced by what it points at (recursively), for ajv. */
export function dereference(value: unknown, document: unknown): unknown {
  if (Array.isArray(value)) return value.map((v) => dereference(v, document));
  if (typeof value !== 'object' || value === null) return value;
  const ref = (value as { $ref?: unknown }).$ref;
  if (typeof ref === 'string') return dereference(resolvePointer(document, ref), document);
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, dereference(v, document)]));
}

/**
 * Every route Fastify registered, read from its own route tree (`printRoutes`), independent of any onRoute hook:
 * one entry per method (HEAD included) with the full Fastify url (`/api/v1/regions/:region`).
 */
export function printedRoutes(app: FastifyInstance): { method: string; url: string }[] {
  const routes: { method: string; url: string }[] = [];
  const prefixes: string[] = [];
  for (const line of app.printRoutes({ commonPrefix: false }).split('\n')) {
    const match = /^((?:[│ ] {3})*)[├└]── (.*?)(?: \(([A-Z, ]+)\))?$/.exec(line);
    if (!match) continue;
    const depth = match[1]!.length / 4;
    const url = (prefixes[depth - 1] ?? '') + match[2]!;
    prefixes[depth] = url;
    prefixes.length = depth + 1;
    for (const method of (match[3] ?? '').split(',').map((m) => m.trim()).filter((m) => m !== '')) routes.push({ method, url });
  }
  return routes;
}
