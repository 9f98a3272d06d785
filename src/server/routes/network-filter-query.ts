import { ACTOR_TYPES } from '../../io/actors/index.js';
import type { ActorType, NetworkFilter } from '../../io/actors/index.js';
import { RegistryError } from '../../io/registry/sql-client.js';

/** Query parameters of a network filter, shared by the /api/v1/network/* and /api/v1/match/evaluation routes. */
export const filterProperties = {
  country: { type: 'string', description: 'country codes, comma-separated (GR = EL, GB = UK)' },
  region: { type: 'string', description: 'region code prefix, e.g. DE2' },
  type: { type: 'string', description: `organisation types, comma-separated (${ACTOR_TYPES.join(', ')})` },
  programme: { type: 'string', description: 'programme part, e.g. SC5' },
  from: { type: 'integer', minimum: 1900, maximum: 2100, description: 'projects starting in or after' },
  to: { type: 'integer', minimum: 1900, maximum: 2100 },
};

export type FilterQuery = { country?: string; region?: string; type?: string; programme?: string; from?: number; to?: number };

/** A comma list, trimmed, empty items dropped; undefined when nothing is left. */
export function split(text: string | undefined): string[] | undefined {
  if (text === undefined) return undefined;
  const parts = text.split(',').map((s) => s.trim()).filter((s) => s !== '');
  return parts.length > 0 ? parts : undefined;
}

/** Organisation types of a comma list; an unknown one is a RegistryError INVALID (422). */
export function types(text: string | undefined): ActorType[] | undefined {
  const parts = split(text);
  if (parts === undefined) return undefined;
  for (const t of parts) {
    if (!(ACTOR_TYPES as readonly string[]).includes(t)) {
      throw new RegistryError('INVALID', `type must be one of ${ACTOR_TYPES.join(', ')}, not "${t}"`, { details: { problems: [{ field: 'type', message: 'unknown type' }] } });
    }
  }
  return parts as ActorType[];
}

/** The registry's NetworkFilter of a query. */
export function filterOf(q: FilterQuery): NetworkFilter {
  const filter: NetworkFilter = {};
  const countries = split(q.country);
  if (countries) filter.countries = countries;
  if (q.region) filter.region = q.region;
  const t = types(q.type);
  if (t) filter.types = t;
  if (q.programme) filter.programme = q.programme;
  if (q.from !== undefined) filter.fromYear = q.from;
  if (q.to !== undefined) filter.toYear = q.to;
  return filter;
}
