import type { SqlClient, SqlValue } from '../registry/sql-client.js';
import type { ActorType } from './actor-records.js';
import { countryCodes } from './actor-registry.js';

/** Which part of the registry a network covers; every field optional, combined with AND. */
export interface NetworkFilter {
  /** Organisations in these countries (GR/EL and GB/UK are one country). */
  countries?: readonly string[];
  /** Organisations whose region code starts with this (NUTS: `DE2`). */
  region?: string;
  /** Organisations of these types. */
  types?: readonly ActorType[];
  /** Projects of this programme part (H2020: ERC, MSCA, LEIT, SC1 …). */
  programme?: string;
  /** Projects starting in [fromYear, toYear]; linkages active in some year of it. */
  fromYear?: number;
  toYear?: number;
}

/** Columnar network data: organisations (nodes), participations (bipartite), explicit linkages. Indices refer to the arrays. */
export interface NetworkData {
  organisations: {
    ids: string[];
    names: string[];
    types: ActorType[];
    sme: (boolean | null)[];
    countries: (string | null)[];
    regions: (string | null)[];
    keywords: string[][];
    industryCodes: string[][];
    /** Cluster initiative ids (organisational proximity). */
    initiatives: string[][];
  };
  projects: { ids: string[]; programmes: string[][]; startYears: (number | null)[] };
  /** One entry per participation: organisation index and project index. */
  participations: { organisations: Int32Array; projects: Int32Array };
  /** Explicit linkages (both ends in the node set). */
  linkages: { sources: Int32Array; targets: Int32Array; weights: Float64Array; directed: Uint8Array; types: string[] };
}

/**
 * Reads what a network needs for a filter in a few queries: the organisations, their participations (sent back
 * as one aggregated string, not 145,000 row objects) and the explicit linkages between them. With a programme or
 * a year filter, the nodes are the organisations with at least one participation or linkage in it; otherwise
 * every organisation that matches (isolated ones included: they count in SME and type shares).
 * Deleted organisations, projects and linkages are left out.
 */
export async function readNetworkData(client: SqlClient, filter: NetworkFilter = {}): Promise<NetworkData> {
  const edgeFiltered = filter.programme !== undefined || filter.fromYear !== undefined || filter.toYear !== undefined;
  const pairParams: SqlValue[] = [];
  const [pairsRow] = await client.all<{ pairs: string | null }>(
    `select string_agg(pa.organisation_id || ' ' || pa.project_id, '\n') as pairs
       from participations pa join organisations o on o.id = pa.organisation_id join projects p on p.id = pa.project_id
      where ${[...organisationConditions('o', filter, pairParams), ...projectConditions(filter, pairParams)].join(' and ')}`,
    pairParams,
  );
  const linkParams: SqlValue[] = [];
  const linkRows = await client.all<{ source_id: string; target_id: string; weight: number; directed: boolean; type: string }>(
    `select l.source_id, l.target_id, l.weight, l.directed, l.type from linkages l
       join organisations o on o.id = l.source_id join organisations o2 on o2.id = l.target_id
      where ${[...organisationConditions('o', filter, linkParams), ...organisationConditions('o2', filter, linkParams), ...linkageConditions(filter, linkParams)].join(' and ')}
      order by l.id`,
    linkParams,
  );
  const orgParams: SqlValue[] = [];
  const orgRows = await client.all<{ id: string; name: string; type: string; sme: boolean | null; country: string | null; region: string | null; keywords: string; industry_codes: string }>(
    `select o.id, o.name, o.type, o.sme, o.country, o.region, o.keywords, o.industry_codes from organisations o where ${organisationConditions('o', filter, orgParams).join(' and ')} order by o.id`,
    orgParams,
  );
  const pairs = pairsRow?.pairs ? pairsRow.pairs.split('\n') : [];
  let keep: Set<string> | null = null;
  if (edgeFiltered) {
    keep = new Set<string>();
    for (const pair of pairs) keep.add(pair.slice(0, pair.indexOf(' ')));
    for (const l of linkRows) {
      keep.add(l.source_id);
      keep.add(l.target_id);
    }
  }
  const organisations: NetworkData['organisations'] = { ids: [], names: [], types: [], sme: [], countries: [], regions: [], keywords: [], industryCodes: [], initiatives: [] };
  const index = new Map<string, number>();
  for (const r of orgRows) {
    if (keep !== null && !keep.has(r.id)) continue;
    index.set(r.id, organisations.ids.length);
    organisations.ids.push(r.id);
    organisations.names.push(r.name);
    organisations.types.push(r.type as ActorType);
    organisations.sme.push(r.sme);
    organisations.countries.push(r.country);
    organisations.regions.push(r.region);
    organisations.keywords.push(parseList(r.keywords));
    organisations.industryCodes.push(parseList(r.industry_codes));
    organisations.initiatives.push([]);
  }
  const memberships = await client.all<{ organisation_id: string; initiative_id: string }>(
    'select organisation_id, initiative_id from organisation_initiatives where deleted_at is null order by organisation_id, initiative_id',
  );
  for (const m of memberships) {
    const i = index.get(m.organisation_id);
    if (i !== undefined) organisations.initiatives[i]!.push(m.initiative_id);
  }
  const projectIndex = new Map<string, number>();
  const projectIds: string[] = [];
  const po = new Int32Array(pairs.length);
  const pp = new Int32Array(pairs.length);
  let m = 0;
  for (const pair of pairs) {
    const space = pair.indexOf(' ');
    const o = index.get(pair.slice(0, space));
    if (o === undefined) continue;
    const projectId = pair.slice(space + 1);
    let p = projectIndex.get(projectId);
    if (p === undefined) {
      p = projectIds.length;
      projectIndex.set(projectId, p);
      projectIds.push(projectId);
    }
    po[m] = o;
    pp[m] = p;
    m++;
  }
  const programmes: string[][] = projectIds.map(() => []);
  const startYears: (number | null)[] = projectIds.map(() => null);
  if (projectIds.length > 0) {
    const projectParams: SqlValue[] = [];
    const [meta] = await client.all<{ rows: string | null }>(
      `select string_agg(p.id || ' ' || coalesce(cast(p.start_year as text), '') || ' ' || coalesce(p.programme, ''), '\n') as rows from projects p where ${projectConditions(filter, projectParams).join(' and ')}`,
      projectParams,
    );
    for (const line of meta?.rows ? meta.rows.split('\n') : []) {
      const first = line.indexOf(' ');
      const second = line.indexOf(' ', first + 1);
      const id = line.slice(0, first);
      const year = line.slice(first + 1, second);
      const programme = line.slice(second + 1);
      const p = projectIndex.get(id);
      if (p === undefined) continue;
      startYears[p] = year === '' ? null : Number(year);
      programmes[p] = programme ? programme.split(';') : [];
    }
  }
  const ls: number[] = [];
  const lt: number[] = [];
  const lw: number[] = [];
  const ld: number[] = [];
  const ltypes: string[] = [];
  for (const l of linkRows) {
    const s = index.get(l.source_id);
    const t = index.get(l.target_id);
    if (s === undefined || t === undefined) continue;
    ls.push(s);
    lt.push(t);
    lw.push(l.weight);
    ld.push(l.directed ? 1 : 0);
    ltypes.push(l.type);
  }
  return {
    organisations,
    projects: { ids: projectIds, programmes, startYears },
    participations: { organisations: po.slice(0, m), projects: pp.slice(0, m) },
    linkages: { sources: Int32Array.from(ls), targets: Int32Array.from(lt), weights: Float64Array.from(lw), directed: Uint8Array.from(ld), types: ltypes },
  };
}

function organisationConditions(alias: string, filter: NetworkFilter, params: SqlValue[]): string[] {
  const where = [`${alias}.deleted_at is null`];
  if (filter.countries !== undefined && filter.countries.length > 0) {
    const codes = [...new Set(filter.countries.flatMap((c) => countryCodes(c)))];
    where.push(`${alias}.country in (${codes.map((c) => `$${params.push(c)}`).join(', ')})`);
  }
  if (filter.region !== undefined && filter.region !== '') where.push(`${alias}.region like $${params.push(filter.region.trim().toUpperCase().replace(/[\\%_]/g, '') + '%')}`);
  if (filter.types !== undefined && filter.types.length > 0) where.push(`${alias}.type in (${filter.types.map((t) => `$${params.push(t)}`).join(', ')})`);
  return where;
}

function projectConditions(filter: NetworkFilter, params: SqlValue[]): string[] {
  const where = ['p.deleted_at is null'];
  if (filter.programme !== undefined && filter.programme !== '') {
    where.push(`exists (select 1 from project_programmes pp where pp.project_id = p.id and lower(pp.programme) = $${params.push(filter.programme.toLowerCase())})`);
  }
  if (filter.fromYear !== undefined) where.push(`p.start_year >= $${params.push(filter.fromYear)}`);
  if (filter.toYear !== undefined) where.push(`p.start_year <= $${params.push(filter.toYear)}`);
  return where;
}

function linkageConditions(filter: NetworkFilter, params: SqlValue[]): string[] {
  const where = ['l.deleted_at is null'];
  if (filter.fromYear !== undefined) where.push(`(l.end_date is null or l.end_date >= $${params.push(`${filter.fromYear}-01-01`)})`);
  if (filter.toYear !== undefined) where.push(`(l.start_date is null or l.start_date <= $${params.push(`${filter.toYear}-12-31`)})`);
  return where;
}

function parseList(text: string | null): string[] {
  if (!text) return [];
  try {
    const v: unknown = JSON.parse(text);
    return Array.isArray(v) ? v.map(String) : [];
  } catch {
    return [];
  }
}
