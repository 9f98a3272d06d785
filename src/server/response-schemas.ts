/**
 * JSON schemas of the HTTP API's responses, attached to the routes (`schema.response`) and published in the
 * OpenAPI document (GET /api/v1/openapi.json). They describe the JSON the services return, field for field:
 * every property is listed and required, nullable fields say so (`type: [..., 'null']`), and objects stay
 * open (`additionalProperties: true`) so that no serialiser ever drops a field the service added.
 * The server serialises responses with JSON.stringify (see build-server.ts): these schemas document and
 * test the contract (test/server/openapi-contract.test.ts) but never reshape a body.
 */

type Schema = Record<string, unknown>;

/** An object whose properties are all required; open to additions. */
function object(properties: Record<string, Schema>, description?: string): Schema {
  return {
    type: 'object',
    ...(description === undefined ? {} : { description }),
    properties,
    required: Object.keys(properties),
    additionalProperties: true,
  };
}

const string = (description?: string): Schema => ({ type: 'string', ...(description === undefined ? {} : { description }) });
const number = (description?: string): Schema => ({ type: 'number', ...(description === undefined ? {} : { description }) });
const integer = (description?: string): Schema => ({ type: 'integer', ...(description === undefined ? {} : { description }) });
const nullable = (type: 'number' | 'integer' | 'boolean' | 'string', description?: string): Schema => ({
  type: [type, 'null'],
  ...(description === undefined ? {} : { description }),
});
const arrayOf = (items: Schema, description?: string): Schema => ({ type: 'array', ...(description === undefined ? {} : { description }), items });

/** `{ error: { code, message, details } }`: the one error shape of the API (error-mapping.ts). */
export const errorSchema = {
  description: 'an error: a stable code, a message for people, details for programs',
  ...object({
    error: object({
      code: string('stable machine-readable code, e.g. NOT_FOUND, INVALID_INPUT, INVALID_ARGUMENT'),
      message: string(),
      details: { type: 'object', additionalProperties: true },
    }),
  }),
} as const;

const pageProperties = {
  total: integer('number of items that match, over all pages'),
  limit: integer(),
  offset: integer(),
};

const clusterType = { type: 'string', enum: ['traded', 'local'] };

/** An object with `properties` required and `optional` documented but not required (family-level additions). */
function withOptional(base: Schema, optional: Record<string, Schema>): Schema {
  return { ...base, properties: { ...(base.properties as Record<string, Schema>), ...optional } };
}

/** Family level (EU NUTS regions, Japanese prefectures; docs/methods/family-level-clusters.md): optional fields of a row. */
const familyRowFields: Record<string, Schema> = {
  stars: nullable('number', 'family level: European Cluster Observatory stars 0–3 (size + specialisation + focus)'),
  sizeStar: nullable('boolean', 'family level: employment in the top 10 % of the regions of the type'),
  specialisationStar: nullable('boolean', 'family level: LQ ≥ 2'),
  focusStar: nullable('boolean', "family level: share of the region's employment in the top 10 %"),
  lowReliability: { type: 'boolean', description: 'family level: a contributing value carries the Eurostat flag u (low reliability)' },
};
const familyLevelFields: Record<string, Schema> = {
  level: { type: 'string', enum: ['family'], description: 'present when the clusters are the ten industry families (NACE A*10 groups)' },
  regionType: { type: 'string', enum: ['nuts0', 'nuts1', 'nuts2', 'prefecture'], description: 'family level: the region type the percentiles are taken among' },
  rule: { type: 'string', enum: ['strong', 'strong-employment-only'], description: "family level: 'strong-employment-only' = the strong rule without the establishment condition (no establishment counts)" },
  establishmentsPublished: { type: 'boolean', description: 'family level: false when the source has no establishment counts (EU LFS); establishments is then null' },
};
/** Economic Areas and CBSAs only (sums of their counties; docs/data/economic-areas.md): how much of the area the database covers. */
const areaCoverageFields: Record<string, Schema> = {
  memberCounties: integer('Economic Areas and CBSAs only: county codes the crosswalk puts in the area'),
  countiesWithData: integer('Economic Areas and CBSAs only: member counties with observations in the database (the area is their sum; fewer than memberCounties = partly loaded)'),
};
const clusterInfo = object({ code: string('cluster code, e.g. aerospace-vehicles-and-defense'), name: string(), type: clusterType });

export const healthResponse = object({ status: { type: 'string', enum: ['ok'] } }, 'the server is up');

export const metaResponse = object(
  {
    years: arrayOf(integer()),
    defaultYear: integer(),
    baseYear: integer(),
    datasets: arrayOf(object({ id: string(), title: string(), source: string(), licence: string() })),
    sources: arrayOf(
      object(
        {
          code: string('US, EU or JP'),
          classification: string('classification of its observations, e.g. NAICS2007, NACE2, JSIC13'),
          regionTypes: arrayOf(string()),
          years: arrayOf(integer()),
        },
        'a default-data source with observations: the years its regions can be mapped for',
      ),
    ),
  },
  'years of the US cluster mapping, the datasets with sources and licences, and the years of every source (US, EU, JP)',
);

/** Optional `scheme` of cluster answers: present only when a user scheme was asked for (?scheme=). */
const schemeField = { scheme: string('only with ?scheme= naming a user scheme: the cluster-definition scheme') };

export const clustersResponse = withOptional(object({ year: integer(), clusters: arrayOf(clusterInfo) }, 'the benchmark clusters (or, with ?scheme=, the clusters of a user scheme)'), schemeField);

export const clusterRegionsResponse = withOptional(object(
  {
    cluster: clusterInfo,
    year: integer(),
    thresholds: object({
      lq75: nullable('number', '75th percentile of the cluster LQ across regions'),
      lq90: nullable('number'),
      employment25: nullable('number'),
      establishments25: nullable('number'),
    }),
    regions: arrayOf(
      withOptional(object({
        region: string(),
        fips: string(),
        postal: string(),
        name: string(),
        employment: number(),
        establishments: nullable('number', 'establishments; null when the source publishes none (EU LFS industry families)'),
        lq: nullable('number', 'cluster location quotient (LQ); null when undefined'),
        strong: nullable('boolean', 'Cluster Mapping strong cluster; null for local clusters'),
        strong10: nullable('boolean'),
        estimatedShare: nullable('number', 'share of employment resting on estimates of suppressed cells (0–1)'),
      }), { ...familyRowFields, country: string('family level: the country of the region'), ...areaCoverageFields }),
    ),
  },
  'one cluster across all states: LQ, strong flags, thresholds (or, with regionType nuts0|nuts1|nuts2|prefecture, one industry family across those regions with stars)',
), {
  ...familyLevelFields,
  ...schemeField,
  starThresholds: object({ size: nullable('number', 'employment cut-off of the size star'), focus: nullable('number', 'focus cut-off of the focus star') }),
  missing: arrayOf(
    object({ region: string(), name: string(), state: { type: 'string', enum: ['missing', 'not-in-source'] } }),
    'family level: regions without a value for the family (suppressed or not available: not zero)',
  ),
});

export const regionPortfolioResponse = withOptional(object(
  {
    region: string('region id, e.g. US-53'),
    regionName: string(),
    year: integer(),
    baseYear: nullable('integer'),
    clusterStrength: nullable('number', "share of the region's traded employment in strong clusters"),
    clusters: arrayOf(
      withOptional(object({
        code: string(),
        name: string(),
        type: clusterType,
        employment: number(),
        establishments: nullable('number', 'establishments; null when the source publishes none (EU LFS industry families)'),
        lq: nullable('number', 'cluster location quotient (LQ); null when undefined'),
        strong: nullable('boolean', 'Cluster Mapping strong cluster; null for local clusters'),
        strong10: nullable('boolean'),
        estimatedShare: nullable('number', 'share of employment resting on estimates of suppressed cells (0–1)'),
        baseEmployment: nullable('number'),
        employmentChange: nullable('number', 'employment / baseEmployment − 1'),
      }), { ...familyRowFields, shortName: string('family level: short label of the family'), productivityStar: { type: 'null', description: 'family level: always null (needs wages)' } }),
    ),
  },
  "the region's cluster portfolio (same JSON as `clusterlens clusters --format json`); for an EU NUTS region or a Japanese prefecture the ten industry families with stars",
), {
  ...familyLevelFields,
  ...schemeField,
  ...areaCoverageFields,
  source: { type: 'string', enum: ['EU', 'JP', 'US'], description: 'family level: the data source' },
  coverage: nullable('number', "family level: share of the region's total employment in families with a value"),
  missing: arrayOf(
    object({ code: string(), name: string(), state: { type: 'string', enum: ['missing', 'not-in-source'] } }),
    'family level: families without a value (suppressed or not available: not zero; or not published by the source)',
  ),
});

export const compareResponse = object(
  {
    families: arrayOf(object({ code: string(), name: string(), shortName: string() })),
    regions: arrayOf(
      object({
        region: string(),
        name: string(),
        country: string(),
        year: integer(),
        dataset: string(),
        classification: string(),
        totalEmployment: number(),
        coveredEmployment: number(),
        coverage: nullable('number'),
        countryTotalEmployment: nullable('number'),
        families: arrayOf(
          object({
            code: string(),
            employment: nullable('number'),
            share: nullable('number'),
            lq: nullable('number'),
            estimatedShare: nullable('number'),
            countryEmployment: nullable('number'),
            industryCodes: arrayOf(string()),
          }),
        ),
      }),
    ),
    notes: arrayOf(string()),
  },
  'the cross-country comparison on NACE A*10 industry families (same JSON as `clusterlens compare --format json`)',
);

const dataset = object({
  id: string(),
  title: string(),
  source: string(),
  licence: string(),
  classification: string(),
  importedAt: string(),
  rowCount: integer(),
  origin: string(),
  years: arrayOf(integer()),
});

export const datasetResponse = { ...dataset, description: 'one dataset with its years, source and licence' };

export const datasetsResponse = object({ datasets: arrayOf(dataset), ...pageProperties }, 'datasets with years, sources and licences (paged)');

const regionType = { type: 'string', enum: ['country', 'state', 'county', 'ea', 'msa', 'nuts0', 'nuts1', 'nuts2', 'nuts3', 'prefecture', 'custom'] };

/** The fields every region of the catalogue has. */
const regionProperties = { id: string(), name: string(), type: regionType, country: string(), parentId: nullable('string'), aliases: arrayOf(string()) };

export const regionsResponse = object(
  {
    regions: arrayOf(withOptional(object(regionProperties), areaCoverageFields)),
    ...pageProperties,
  },
  'regions with their aliases (paged)',
);

export const industriesResponse = object(
  {
    classification: string(),
    industries: arrayOf(object({ classification: string(), code: string(), name: string(), level: integer(), parentCode: nullable('string') })),
    ...pageProperties,
  },
  'industries of a classification (paged)',
);

const observation = object({
  datasetId: string(),
  regionId: string(),
  classification: string(),
  industryCode: string(),
  level: integer(),
  year: integer(),
  measure: { type: 'string', enum: ['employment', 'establishments', 'payroll'] },
  value: nullable('number'),
  status: { type: 'string', enum: ['reported', 'estimated', 'suppressed', 'not-available'] },
  lower: nullable('number'),
  upper: nullable('number'),
  flag: nullable('string'),
  method: nullable('string'),
});

/** GET /api/v1/export answers CSV, JSON or NDJSON (`?format=`), each with its content type. */
export const exportResponse = {
  description: 'observations with status, flag, range and method, as CSV (default), JSON or NDJSON',
  content: {
    'text/csv': { schema: { type: 'string', description: 'CSV with a header row' } },
    'application/json': { schema: object({ observations: arrayOf(observation), count: integer() }) },
    'application/x-ndjson': { schema: { type: 'string', description: 'one observation object per line' } },
  },
} as const;

export const topologyResponse = object({ type: { type: 'string', enum: ['Topology'] } }, 'US state boundaries (TopoJSON)');

/** 304 of the catalog's ETag: no body. */
export const notModifiedResponse = { description: 'not modified: If-None-Match names the current ETag', type: 'null' } as const;

export const customRegionsResponse = object(
  {
    regions: arrayOf(
      object({
        id: string('custom region id, e.g. custom-cascadia'),
        name: string(),
        type: regionType,
        country: string('common ISO code of the members, XX when they lie in several countries'),
        parentId: nullable('string'),
        aliases: arrayOf(string()),
        members: arrayOf(string(), 'member region ids; the region\'s values are the sums of theirs'),
      }),
    ),
  },
  'user-defined regions built from existing regions (docs/data/custom-regions.md)',
);

export const geoLayerResponse = object(
  { type: { type: 'string', enum: ['Topology'] } },
  'boundaries as TopoJSON: one object of the layer, each geometry with properties.regionId (the ClusterLens region id, null when none)',
);

const geoMismatch = object({ regionId: nullable('string'), shapeId: string(), name: string(), reason: string() });

export const geoMatchingResponse = object(
  {
    layer: string(),
    title: string(),
    attribution: string(),
    shapes: integer('shapes in the layer'),
    regions: integer('regions of the layer\'s type in the data'),
    matched: integer('regions with a shape'),
    reasons: { type: 'object', additionalProperties: { type: 'integer' }, description: 'mismatches counted by reason' },
    regionsWithoutShape: arrayOf(geoMismatch),
    shapesWithoutData: arrayOf(geoMismatch),
  },
  'which region codes in the data have no shape and which shapes have no data, with the reason',
);
