import { parseArgs } from 'node:util';
import { resolveDataDirectory } from '../../io/default-data/data-directory.js';
import { shippedDataDir } from '../../io/default-data/shipped-data-dir.js';
import { ACTOR_TYPES, ActorRegistry, ensureDefaultActors, isActorType } from '../../io/actors/index.js';
import type { ActorType, NetworkFilter, Organisation } from '../../io/actors/index.js';
import { openRegistry } from '../../io/registry/open-registry.js';
import { ActorService } from '../../service/actors/index.js';
import { formatCsv, formatTable } from '../format-output.js';
import type { Column } from '../format-output.js';
import { cliActor } from '../cli-audit.js';
import { UsageError } from '../usage-error.js';
import { parseCount, parseFormat, parseYear } from './options.js';
import { join } from 'node:path';

/** Progress of a long import on stderr. */
export function importProgress(): (label: string, records: number, bytesRead: number, bytesTotal: number) => void {
  let last = '';
  return (label, records, bytesRead, bytesTotal) => {
    const pct = bytesTotal > 0 ? Math.min(100, Math.floor((100 * bytesRead) / bytesTotal)) : 0;
    const step = `${label}:${Math.floor(pct / 25)}`;
    if (process.stderr.isTTY) process.stderr.write(`\r  ${label}: ${pct}% (${records.toLocaleString('en-US')} rows)${pct === 100 ? '\n' : ''}`);
    else if (step !== last) process.stderr.write(`  ${label}: ${pct}% (${records} rows)\n`);
    last = step;
  };
}

/**
 * Opens the registry (PostgreSQL when CLUSTERLENS_DATABASE_URL is set, else registry.duckdb in the data
 * directory), loads the shipped actors data on first use, and returns the service.
 */
export async function openActorService(dataDirFlag: string | undefined): Promise<{ service: ActorService; close: () => Promise<void> }> {
  const dataDir = resolveDataDirectory(dataDirFlag);
  const client = await openRegistry({ dataDir, databaseUrl: process.env.CLUSTERLENS_DATABASE_URL });
  try {
    const registry = await ActorRegistry.open(client);
    await ensureDefaultActors(registry, { log: (m) => process.stderr.write(m + '\n'), onProgress: importProgress() });
    return { service: new ActorService(registry), close: () => client.close() };
  } catch (error) {
    await client.close();
    throw error;
  }
}

/** Network filter flags shared by `network …`, `match evaluate`. */
export const FILTER_OPTIONS = {
  country: { type: 'string', multiple: true },
  region: { type: 'string' },
  type: { type: 'string', multiple: true },
  programme: { type: 'string' },
  from: { type: 'string' },
  to: { type: 'string' },
} as const;

/** Reads the filter flags (`--country DE --country FR` or `--country DE,FR`). */
export function parseNetworkFilter(values: { country?: string[]; region?: string; type?: string[]; programme?: string; from?: string; to?: string }): NetworkFilter {
  const filter: NetworkFilter = {};
  const countries = splitFlag(values.country);
  if (countries.length > 0) filter.countries = countries;
  if (values.region) filter.region = values.region;
  const types = parseTypes(values.type);
  if (types.length > 0) filter.types = types;
  if (values.programme) filter.programme = values.programme;
  if (values.from !== undefined) filter.fromYear = parseYear(values.from, '--from');
  if (values.to !== undefined) filter.toYear = parseYear(values.to, '--to');
  return filter;
}

export function parseTypes(values: string[] | undefined): ActorType[] {
  const types = splitFlag(values);
  for (const t of types) if (!isActorType(t)) throw new UsageError(`--type must be one of ${ACTOR_TYPES.join(', ')}, not "${t}"`);
  return types as ActorType[];
}

export function splitFlag(values: string[] | undefined): string[] {
  return (values ?? []).flatMap((v) => v.split(',')).map((v) => v.trim()).filter((v) => v !== '');
}

const organisationColumns: Column<Organisation>[] = [
  { header: 'id', value: (o) => o.id },
  { header: 'name', value: (o) => o.name },
  { header: 'type', value: (o) => o.type },
  { header: 'sme', value: (o) => o.sme },
  { header: 'employees', value: (o) => o.employees, align: 'right' },
  { header: 'country', value: (o) => o.country },
  { header: 'region', value: (o) => o.region },
  { header: 'keywords', value: (o) => o.keywords.join('; ') },
  { header: 'industry_codes', value: (o) => o.industryCodes.join('; ') },
  { header: 'initiatives', value: (o) => o.initiatives.join('; ') },
  { header: 'source', value: (o) => o.source },
  { header: 'version', value: (o) => o.version, align: 'right' },
];

/** `clusterlens actors import|list|show`. */
export async function actorsCommand(argv: string[], out: NodeJS.WritableStream): Promise<void> {
  const [sub, ...rest] = argv;
  if (sub === 'import') return actorsImport(rest, out);
  if (sub === 'list') return actorsList(rest, out);
  if (sub === 'show') return actorsShow(rest, out);
  throw new UsageError(sub === undefined ? 'actors needs a subcommand: import, list or show' : `unknown actors subcommand "${sub}"`);
}

async function actorsImport(argv: string[], out: NodeJS.WritableStream): Promise<void> {
  const { values, positionals } = parseArgs({ args: argv, options: { linkages: { type: 'string' }, 'data-dir': { type: 'string' } }, allowPositionals: true, strict: true });
  const [kind, ...files] = positionals;
  if (kind !== 'h2020' && kind !== 'csv') throw new UsageError('actors import needs a kind: h2020 [PARTICIPATIONS [PROGRAMME_PARTS]] or csv FILE [--linkages FILE]');
  if (kind === 'csv' && files.length === 0 && values.linkages === undefined) throw new UsageError('actors import csv needs an actors FILE or --linkages FILE');
  if (kind === 'csv' && files.length > 1) throw new UsageError('actors import csv takes one actors file (linkages go in --linkages)');
  if (kind === 'h2020' && files.length > 2) throw new UsageError('actors import h2020 takes at most two files: participations and programme parts');
  const { service, close } = await openActorService(values['data-dir']);
  try {
    const t0 = performance.now();
    if (kind === 'h2020') {
      const dir = join(shippedDataDir(), 'eu-cordis-h2020');
      const participations = files[0] ?? join(dir, 'h2020_participations.csv.gz');
      const programmeParts = files[1] ?? (files[0] === undefined ? join(dir, 'h2020_programme_parts.csv.gz') : undefined);
      const r = await service.importH2020({ participations, programmeParts }, cliActor(), importProgress());
      const seconds = (performance.now() - t0) / 1000;
      out.write(
        `imported Horizon 2020 participations: ${r.organisations.inserted} organisations, ${r.projects.inserted} projects, ${r.participations.inserted} participations` +
          ` (${r.participations.skipped} already in the registry) in ${seconds.toFixed(1)} s (${Math.round(r.participations.read / seconds).toLocaleString('en-US')} rows/s)\n`,
      );
    } else {
      const r = await service.importCsv({ actors: files[0], linkages: values.linkages }, cliActor(), importProgress());
      out.write(`imported ${r.organisations} organisations, ${r.memberships} initiative memberships, ${r.linkages} linkages in ${((performance.now() - t0) / 1000).toFixed(1)} s\n`);
      if (r.warnings > 0) out.write(`${r.warnings} warning(s)\n`);
    }
  } finally {
    await close();
  }
}

async function actorsList(argv: string[], out: NodeJS.WritableStream): Promise<void> {
  const { values } = parseArgs({
    args: argv,
    options: {
      type: { type: 'string' },
      country: { type: 'string' },
      region: { type: 'string' },
      query: { type: 'string' },
      initiative: { type: 'string' },
      limit: { type: 'string' },
      offset: { type: 'string' },
      format: { type: 'string', default: 'table' },
      'data-dir': { type: 'string' },
    },
    strict: true,
  });
  const format = parseFormat(values.format);
  const types = parseTypes(values.type === undefined ? undefined : [values.type]);
  const { service, close } = await openActorService(values['data-dir']);
  try {
    const page = await service.listOrganisations({
      type: types[0],
      country: values.country,
      region: values.region,
      query: values.query,
      initiative: values.initiative,
      limit: parseCount(values.limit, '--limit', 1) ?? 50,
      offset: parseCount(values.offset, '--offset', 0) ?? 0,
    });
    if (format === 'json') out.write(JSON.stringify(page, null, 2) + '\n');
    else if (format === 'ndjson') for (const o of page.items) out.write(JSON.stringify(o) + '\n');
    else if (format === 'csv') out.write(formatCsv(page.items, organisationColumns) + '\n');
    else {
      out.write(formatTable(page.items, organisationColumns.filter((c) => ['id', 'name', 'type', 'country', 'region', 'keywords'].includes(c.header))) + '\n');
      out.write(`\n${page.items.length} of ${page.total} organisation(s)${page.total > page.offset + page.items.length ? ` (more with --offset ${page.offset + page.items.length})` : ''}\n`);
    }
  } finally {
    await close();
  }
}

async function actorsShow(argv: string[], out: NodeJS.WritableStream): Promise<void> {
  const { values, positionals } = parseArgs({ args: argv, options: { format: { type: 'string', default: 'table' }, 'data-dir': { type: 'string' } }, allowPositionals: true, strict: true });
  if (positionals.length !== 1) throw new UsageError('actors show needs one organisation ID');
  const format = parseFormat(values.format);
  const { service, close } = await openActorService(values['data-dir']);
  try {
    const detail = await service.getOrganisation(positionals[0]!);
    if (format !== 'table') {
      out.write(JSON.stringify(detail, null, format === 'json' ? 2 : undefined) + '\n');
      return;
    }
    const o = detail.organisation;
    const lines = [
      `${o.name} (${o.id})`,
      `  type: ${o.type}${o.sme === null ? '' : o.sme ? ' (SME' : ' (not an SME'}${o.sme === null ? '' : `, ${o.smeRule})`}`,
      `  employees: ${o.employees ?? '–'}   country: ${o.country ?? '–'}   region: ${o.region ?? '–'}`,
      `  keywords: ${o.keywords.join('; ') || '–'}`,
      `  industry codes: ${o.industryCodes.join('; ') || '–'}`,
      `  initiatives: ${o.initiatives.join('; ') || '–'}`,
      `  source: ${o.source}   version: ${o.version}   updated: ${o.updatedAt}`,
      '',
      `linkages (${detail.linkages.length}):`,
      ...detail.linkages.map((l) => `  ${l.id}: ${l.sourceId} ${l.directed ? '→' : '—'} ${l.targetId} ${l.type} weight ${l.weight}${l.startDate ? ` from ${l.startDate}` : ''}${l.endDate ? ` to ${l.endDate}` : ''}`),
      '',
      `projects (${detail.projectCount}${detail.projectCount > detail.projects.length ? `, first ${detail.projects.length}` : ''}):`,
      ...detail.projects.map((p) => `  ${p.id} ${p.programmes.join('/') || ''} ${p.startDate ?? ''}–${p.endDate ?? ''} ${p.role}${p.organisationContribution === null ? '' : ` EU €${Math.round(p.organisationContribution).toLocaleString('en-US')}`}`),
    ];
    out.write(lines.join('\n') + '\n');
  } finally {
    await close();
  }
}
