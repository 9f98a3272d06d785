import type { FastifyInstance } from 'fastify';
import type { Store } from '../../io/store/store.js';
import { compareRegions } from '../../service/compare/index.js';
import { ServiceError } from '../../service/service-error.js';
import { compareResponse, errorSchema } from '../response-schemas.js';
import { compareQuery } from '../schemas.js';

/** `year.US=2011` parameters and `years=US:2011,EU:2015` as one `{ US: 2011, EU: 2015 }`; a key given twice is refused. */
function yearsOf(query: Record<string, unknown>): Record<string, number> {
  const years: Record<string, number> = {};
  const add = (key: string, year: number): void => {
    const k = key.toUpperCase();
    if (k in years) throw new ServiceError('INVALID_ARGUMENT', `year for ${k} is given twice`, { key: k });
    years[k] = year;
  };
  for (const [name, value] of Object.entries(query)) if (name.startsWith('year.')) add(name.slice(5), Number(value));
  if (typeof query.years === 'string') for (const pair of query.years.split(',')) add(pair.slice(0, 2), Number(pair.slice(3)));
  return years;
}

/** GET /api/v1/compare: the same comparison as `clusterlens compare --format json`. */
export function compareRoutes(app: FastifyInstance, store: Store): void {
  app.get<{ Querystring: Record<string, unknown> & { regions: string } }>('/api/v1/compare', { schema: { querystring: compareQuery, response: { 200: compareResponse, 404: errorSchema, 422: errorSchema } } }, async (request) =>
    compareRegions(store, { regions: request.query.regions.split(','), years: yearsOf(request.query) }),
  );
}
