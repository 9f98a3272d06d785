import { basename } from 'node:path';
import { recordAudit } from '../registry/audit-log.js';
import type { AuditActor } from '../registry/audit-log.js';
import type { SqlValue } from '../registry/sql-client.js';
import { ImportValidationError, IssueCollector } from '../importers/validation-report.js';
import type { ActorType } from './actor-records.js';
import { isIsoDate } from './actor-registry.js';
import type { ActorRegistry } from './actor-registry.js';
import { bulkInsert } from './bulk-insert.js';
import { readCsvRecords } from './read-csv-records.js';

/** CORDIS activity types → registry organisation types (PRC firms have no size in the extract: `firm`, or sme/large-firm when an SME column says so). */
export const CORDIS_ACTIVITY_TYPES: Readonly<Record<string, ActorType>> = Object.freeze({
  PRC: 'firm',
  HES: 'university',
  REC: 'research-institute',
  PUB: 'public-agency',
  OTH: 'other',
});

export interface ImportH2020Options {
  /** h2020_participations.csv(.gz). */
  participations: string;
  /** h2020_programme_parts.csv(.gz) (optional: projects then have no programme). */
  programmeParts?: string;
  actor: AuditActor;
  /** Source label of the rows (default `h2020`). */
  source?: string;
  onProgress?: (label: string, records: number, bytesRead: number, bytesTotal: number) => void;
}

export interface ImportCounts {
  read: number;
  inserted: number;
  /** Already in the registry (an import never overwrites: edits made since win). */
  skipped: number;
}

export interface ImportH2020Result {
  organisations: ImportCounts;
  projects: ImportCounts;
  participations: ImportCounts;
  programmeParts: ImportCounts;
  warnings: number;
  seconds: { read: number; write: number };
}

const REQUIRED = ['rcn', 'role', 'pic', 'type', 'contribution', 'country', 'start_date', 'end_date', 'max_contribution', 'total_cost'] as const;

interface ProjectRow {
  line: number;
  start: string | null;
  end: string | null;
  maxContribution: number | null;
  totalCost: number | null;
  acronym: string | null;
  title: string | null;
}

interface OrganisationRow {
  line: number;
  type: ActorType;
  country: string | null;
  region: string | null;
  name: string | null;
}

/**
 * Imports the CORDIS Horizon 2020 participations (organisation × project, data/eu-cordis-h2020) into the actors
 * registry: one organisation per PIC (`pic:<PIC>`, type from the activity type, country), one project per
 * record number (`h2020:<rcn>`, dates, total cost, maximum EU contribution, programme parts), one participation
 * per row (role, EU contribution). Optional CORDIS columns are used when present: `name`, `SME`, `nutsCode`,
 * `acronym`, `title`. Joint-project linkages are NOT stored: networks project the participations on the fly.
 *
 * Streams the files, checks every row (unknown activity types, negative or non-numeric amounts, bad dates,
 * duplicate organisation–project rows, a PIC with two types or countries, a project with two start dates),
 * and writes nothing if anything is wrong (ImportValidationError with file:line:field). Then writes in one
 * transaction, in bulk, with one audit entry. Rows already in the registry are skipped, so a re-run adds only
 * what is missing.
 * @see docs/data/h2020.md
 */
export async function importH2020(registry: ActorRegistry, options: ImportH2020Options): Promise<ImportH2020Result> {
  const source = options.source ?? 'h2020';
  const t0 = performance.now();
  const issues = new IssueCollector(basename(options.participations), 'cordis-h2020-participations');
  const organisations = new Map<string, OrganisationRow>();
  const projects = new Map<string, ProjectRow>();
  const participations: SqlValue[][] = [];
  const seen = new Set<string>();
  let columns: Record<string, number> = {};
  for await (const item of readCsvRecords(options.participations, {
    onProblem: (p) => issues.error({ line: p.line, field: '*', code: p.code, message: p.message }),
    onProgress: (n, read, total) => options.onProgress?.('reading participations', n, read, total),
  })) {
    if ('header' in item) {
      columns = Object.fromEntries(item.header.map((h, k) => [h.toLowerCase(), k]));
      const missing = REQUIRED.filter((c) => columns[c] === undefined);
      if (missing.length > 0) {
        issues.error({ line: 1, field: missing.join(','), code: 'MISSING_COLUMN', message: `missing column(s) ${missing.join(', ')}; found ${item.header.join(', ')}` });
        throw new ImportValidationError(issues.report);
      }
      continue;
    }
    const { line, fields } = item;
    issues.report.rowsRead++;
    const get = (name: string): string => {
      const k = columns[name];
      return k === undefined ? '' : fields[k]!.trim();
    };
    const rcn = get('rcn');
    const pic = get('pic');
    if (!/^\d+$/.test(rcn)) issues.error({ line, field: 'rcn', code: 'NOT_A_NUMBER', message: `project record number must be digits, got "${rcn}"`, value: rcn });
    if (!/^\d+$/.test(pic)) issues.error({ line, field: 'pic', code: 'NOT_A_NUMBER', message: `PIC must be digits, got "${pic}"`, value: pic });
    const activity = get('type').toUpperCase();
    let type: ActorType | undefined = CORDIS_ACTIVITY_TYPES[activity];
    if (type === undefined) issues.error({ line, field: 'type', code: 'UNKNOWN_CODE', message: `activity type must be PRC, HES, REC, PUB or OTH, got "${get('type')}"`, value: get('type') });
    const smeText = get('sme').toLowerCase();
    if (type === 'firm' && smeText !== '') {
      if (smeText === 'true' || smeText === 'yes' || smeText === '1') type = 'sme';
      else if (smeText === 'false' || smeText === 'no' || smeText === '0') type = 'large-firm';
    }
    const role = get('role').toLowerCase();
    if (!/^[a-z][a-z-]*$/.test(role)) issues.error({ line, field: 'role', code: 'UNKNOWN_CODE', message: `role must be a word (coordinator, participant, partner …), got "${get('role')}"` });
    const country = nullable(get('country'))?.toUpperCase() ?? null;
    if (country !== null && !/^[A-Z]{2}$/.test(country)) issues.error({ line, field: 'country', code: 'UNKNOWN_CODE', message: `country must be a two-letter code, got "${country}"`, value: country });
    const contribution = amount(issues, line, 'contribution', get('contribution'));
    const maxContribution = amount(issues, line, 'max_contribution', get('max_contribution'));
    const totalCost = amount(issues, line, 'total_cost', get('total_cost'));
    const start = date(issues, line, 'start_date', get('start_date'));
    const end = date(issues, line, 'end_date', get('end_date'));
    if (type === undefined || !/^\d+$/.test(rcn) || !/^\d+$/.test(pic)) continue;
    const key = `${rcn}|${pic}`;
    if (seen.has(key)) {
      issues.error({ line, field: 'pic', code: 'DUPLICATE', message: `organisation ${pic} appears twice in project ${rcn}` });
      continue;
    }
    seen.add(key);
    const orgId = `pic:${pic}`;
    const projectId = `h2020:${rcn}`;
    const region = nullable(get('nutscode') || get('nuts_code') || get('nuts'))?.toUpperCase() ?? null;
    const org = organisations.get(orgId);
    if (org === undefined) organisations.set(orgId, { line, type, country, region, name: nullable(get('name')) });
    else {
      if (org.type !== type && !(org.type === 'firm' || type === 'firm')) {
        issues.error({ line, field: 'type', code: 'INCONSISTENT', message: `PIC ${pic} has type ${type} here and ${org.type} on line ${org.line}` });
      }
      if (org.type === 'firm' && type !== 'firm') org.type = type;
      if (org.country !== country) issues.error({ line, field: 'country', code: 'INCONSISTENT', message: `PIC ${pic} is in ${country} here and in ${org.country} on line ${org.line}` });
      org.region ??= region;
      org.name ??= nullable(get('name'));
    }
    const project = projects.get(projectId);
    if (project === undefined) projects.set(projectId, { line, start, end, maxContribution, totalCost, acronym: nullable(get('acronym')), title: nullable(get('title')) });
    else if (project.start !== start || project.end !== end || project.totalCost !== totalCost) {
      issues.error({ line, field: 'start_date', code: 'INCONSISTENT', message: `project ${rcn} has other dates or total cost on line ${project.line}` });
    }
    participations.push([projectId, orgId, role, contribution, source]);
  }
  if (issues.report.rowsRead === 0 && issues.report.errorCount === 0) issues.error({ line: 1, field: '*', code: 'NO_DATA', message: 'no participations in the file' });
  if (issues.report.errorCount > 0) throw new ImportValidationError(issues.report);

  const programmes = new Map<string, string[]>();
  let programmeRead = 0;
  if (options.programmeParts !== undefined) {
    const parts = new IssueCollector(basename(options.programmeParts), 'cordis-h2020-programme-parts');
    let rcnColumn = -1;
    let partColumn = -1;
    for await (const item of readCsvRecords(options.programmeParts, {
      onProblem: (p) => parts.error({ line: p.line, field: '*', code: p.code, message: p.message }),
      onProgress: (n, read, total) => options.onProgress?.('reading programme parts', n, read, total),
    })) {
      if ('header' in item) {
        const lower = item.header.map((h) => h.toLowerCase());
        rcnColumn = lower.indexOf('rcn');
        partColumn = lower.indexOf('programme_part');
        if (rcnColumn < 0 || partColumn < 0) {
          parts.error({ line: 1, field: rcnColumn < 0 ? 'rcn' : 'programme_part', code: 'MISSING_COLUMN', message: `needs columns rcn and programme_part; found ${item.header.join(', ')}` });
          throw new ImportValidationError(parts.report);
        }
        continue;
      }
      parts.report.rowsRead++;
      programmeRead++;
      const rcn = item.fields[rcnColumn]!.trim();
      const part = item.fields[partColumn]!.trim();
      if (!/^\d+$/.test(rcn)) {
        parts.error({ line: item.line, field: 'rcn', code: 'NOT_A_NUMBER', message: `project record number must be digits, got "${rcn}"` });
        continue;
      }
      if (!/^[A-Za-z0-9 ._-]+$/.test(part)) {
        parts.error({ line: item.line, field: 'programme_part', code: 'UNKNOWN_CODE', message: `programme part "${part}" is not a code` });
        continue;
      }
      const projectId = `h2020:${rcn}`;
      if (!projects.has(projectId)) {
        parts.warning({ line: item.line, field: 'rcn', code: 'UNKNOWN_CODE', message: `project ${rcn} has no participations: skipped` });
        continue;
      }
      const list = programmes.get(projectId) ?? [];
      if (list.includes(part)) parts.warning({ line: item.line, field: 'programme_part', code: 'DUPLICATE', message: `${part} repeated for project ${rcn}` });
      else list.push(part);
      programmes.set(projectId, list);
    }
    if (parts.report.errorCount > 0) throw new ImportValidationError(parts.report);
    issues.report.warningCount += parts.report.warningCount;
  }
  const t1 = performance.now();

  const now = new Date().toISOString();
  const result = await registry.client.transaction(async (tx) => {
    // servers sharing one PostgreSQL that load the default data at once: one after the other (the later one then adds nothing)
    if (tx.dialect === 'postgres') await tx.all('select pg_advisory_xact_lock(hashtext($1))', ['clusterlens-actors-import']);
    const orgRows: SqlValue[][] = [];
    for (const [id, o] of organisations) {
      const sme = o.type === 'sme' ? true : o.type === 'large-firm' ? false : null;
      orgRows.push([id, o.name ?? `PIC ${id.slice(4)}`, o.type, null, sme, sme === null ? null : 'source', '[]', '[]', o.region, o.country, null, null, source, 1, now, now, null]);
    }
    const projectRows: SqlValue[][] = [];
    const programmeRows: SqlValue[][] = [];
    for (const [id, p] of projects) {
      const parts = programmes.get(id) ?? [];
      projectRows.push([id, p.acronym, p.title, parts.join(';'), p.start, p.end, p.start === null ? null : Number(p.start.slice(0, 4)), p.totalCost, p.maxContribution, source, 1, now, now, null]);
      for (const part of parts) programmeRows.push([id, part]);
    }
    // a first import writes straight in; a re-run leaves out what is there (edits made since win)
    const [{ n }] = (await tx.all<{ n: number }>("select count(*) as n from projects where id like 'h2020:%'")) as [{ n: number }];
    const [{ m }] = (await tx.all<{ m: number }>("select count(*) as m from organisations where id like 'pic:%'")) as [{ m: number }];
    const orgsWritten = await bulkInsert(tx, 'organisations', ORGANISATION_BULK_COLUMNS, orgRows, { skipExistingBy: m > 0 ? ['id'] : [] });
    const projectsWritten = await bulkInsert(tx, 'projects', PROJECT_BULK_COLUMNS, projectRows, { skipExistingBy: n > 0 ? ['id'] : [] });
    const programmesWritten = await bulkInsert(tx, 'project_programmes', [{ name: 'project_id', type: 'text' }, { name: 'programme', type: 'text' }], programmeRows, {
      skipExistingBy: n > 0 ? ['project_id', 'programme'] : [],
    });
    const participationsWritten = await bulkInsert(tx, 'participations', PARTICIPATION_BULK_COLUMNS, participations, {
      skipExistingBy: n > 0 ? ['project_id', 'organisation_id'] : [],
    });
    const counts = {
      organisations: { read: organisations.size, inserted: orgsWritten, skipped: organisations.size - orgsWritten },
      projects: { read: projects.size, inserted: projectsWritten, skipped: projects.size - projectsWritten },
      participations: { read: participations.length, inserted: participationsWritten, skipped: participations.length - participationsWritten },
      programmeParts: { read: programmeRead, inserted: programmesWritten, skipped: programmeRead - programmesWritten },
    };
    await recordAudit(tx, {
      actor: options.actor,
      action: 'import',
      entity: 'dataset',
      entityId: source,
      after: { files: [basename(options.participations), ...(options.programmeParts ? [basename(options.programmeParts)] : [])], ...counts },
      at: now,
    });
    return counts;
  });
  const t2 = performance.now();
  return { ...result, warnings: issues.report.warningCount, seconds: { read: (t1 - t0) / 1000, write: (t2 - t1) / 1000 } };
}

export const ORGANISATION_BULK_COLUMNS = [
  { name: 'id', type: 'text' },
  { name: 'name', type: 'text' },
  { name: 'type', type: 'text' },
  { name: 'employees', type: 'integer' },
  { name: 'sme', type: 'boolean' },
  { name: 'sme_rule', type: 'text' },
  { name: 'industry_codes', type: 'text' },
  { name: 'keywords', type: 'text' },
  { name: 'region', type: 'text' },
  { name: 'country', type: 'text' },
  { name: 'latitude', type: 'double' },
  { name: 'longitude', type: 'double' },
  { name: 'source', type: 'text' },
  { name: 'version', type: 'integer' },
  { name: 'created_at', type: 'text' },
  { name: 'updated_at', type: 'text' },
  { name: 'deleted_at', type: 'text' },
] as const;

const PROJECT_BULK_COLUMNS = [
  { name: 'id', type: 'text' },
  { name: 'acronym', type: 'text' },
  { name: 'title', type: 'text' },
  { name: 'programme', type: 'text' },
  { name: 'start_date', type: 'text' },
  { name: 'end_date', type: 'text' },
  { name: 'start_year', type: 'integer' },
  { name: 'total_cost', type: 'double' },
  { name: 'eu_contribution', type: 'double' },
  { name: 'source', type: 'text' },
  { name: 'version', type: 'integer' },
  { name: 'created_at', type: 'text' },
  { name: 'updated_at', type: 'text' },
  { name: 'deleted_at', type: 'text' },
] as const;

const PARTICIPATION_BULK_COLUMNS = [
  { name: 'project_id', type: 'text' },
  { name: 'organisation_id', type: 'text' },
  { name: 'role', type: 'text' },
  { name: 'eu_contribution', type: 'double' },
  { name: 'source', type: 'text' },
] as const;

function nullable(text: string): string | null {
  return text === '' || text === 'NA' ? null : text;
}

function amount(issues: IssueCollector, line: number, field: string, text: string): number | null {
  if (text === '' || text === 'NA') return null;
  const value = Number(text);
  if (!Number.isFinite(value)) {
    issues.error({ line, field, code: 'NOT_A_NUMBER', message: `${field} must be a number, got "${text}"`, value: text });
    return null;
  }
  if (value < 0) {
    issues.error({ line, field, code: 'NEGATIVE', message: `${field} must not be negative, got ${text}`, value: text });
    return null;
  }
  return value;
}

function date(issues: IssueCollector, line: number, field: string, text: string): string | null {
  if (text === '' || text === 'NA') return null;
  if (!isIsoDate(text)) {
    issues.error({ line, field, code: 'BAD_YEAR', message: `${field} must be a date YYYY-MM-DD, got "${text}"`, value: text });
    return null;
  }
  return text;
}
