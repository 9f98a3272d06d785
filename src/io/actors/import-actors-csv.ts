import { basename } from 'node:path';
import { recordAudit } from '../registry/audit-log.js';
import type { AuditActor } from '../registry/audit-log.js';
import type { SqlValue } from '../registry/sql-client.js';
import { ImportValidationError, IssueCollector } from '../importers/validation-report.js';
import type { ValidationIssueCode } from '../importers/validation-report.js';
import { defaultDirected, isActorType, isLinkageType } from './actor-records.js';
import type { ActorType, LinkageType } from './actor-records.js';
import { isIsoDate, organisationParams } from './actor-registry.js';
import type { ActorRegistry } from './actor-registry.js';
import { bulkInsert } from './bulk-insert.js';
import { ORGANISATION_BULK_COLUMNS } from './import-h2020.js';
import { organisationFields } from './organisation-fields.js';
import { readCsvRecords } from './read-csv-records.js';

/** Columns of the generic actors CSV (docs/data/actors-csv.md); `id`, `name` and `type` are required. */
export const ACTORS_CSV_COLUMNS = Object.freeze([
  'id', 'name', 'type', 'employees', 'sme', 'industry_codes', 'keywords', 'region', 'country', 'latitude', 'longitude', 'initiatives', 'source',
] as const);

/** Columns of the linkages CSV; `source_id`, `target_id` and `type` are required. */
export const LINKAGES_CSV_COLUMNS = Object.freeze([
  'id', 'source_id', 'target_id', 'type', 'directed', 'weight', 'start_date', 'end_date', 'project_id', 'source',
] as const);

export interface ImportActorsCsvOptions {
  /** The actors file (optional when only linkages are imported between organisations already registered). */
  actors?: string;
  linkages?: string;
  actor: AuditActor;
  onProgress?: (label: string, records: number, bytesRead: number, bytesTotal: number) => void;
}

export interface ImportActorsCsvResult {
  organisations: number;
  memberships: number;
  linkages: number;
  warnings: number;
}

/**
 * Imports organisations (and their initiative memberships) from the generic actors CSV and linkages from the
 * linkages CSV, all or nothing: every row is checked first (required fields, known types, numbers ≥ 0,
 * coordinates, dates, the SME flag against the headcount rules, duplicate ids within the file or already in
 * the registry, linkage ends that exist), and any error refuses the whole import with
 * ImportValidationError (file:line:field). Then one transaction writes everything in bulk with one audit
 * entry (action `import`, the created ids in `after`).
 * @see docs/data/actors-csv.md
 */
export async function importActorsCsv(registry: ActorRegistry, options: ImportActorsCsvOptions): Promise<ImportActorsCsvResult> {
  const now = new Date().toISOString();
  const orgRows: SqlValue[][] = [];
  const membershipRows: SqlValue[][] = [];
  const linkageRows: SqlValue[][] = [];
  const fileIds = new Set<string>();
  let warnings = 0;
  if (options.actors !== undefined) {
    const file = basename(options.actors);
    const issues = new IssueCollector(file, 'actors-csv');
    const ids = new Map<string, number>();
    let columns: Record<string, number> = {};
    for await (const item of readCsvRecords(options.actors, {
      onProblem: (p) => issues.error({ line: p.line, field: '*', code: p.code, message: p.message }),
      onProgress: (n, read, total) => options.onProgress?.('reading actors', n, read, total),
    })) {
      if ('header' in item) {
        columns = headerColumns(item.header, ACTORS_CSV_COLUMNS, ['id', 'name', 'type'], issues);
        continue;
      }
      const { line, fields } = item;
      issues.report.rowsRead++;
      const get = (name: string): string => (columns[name] === undefined ? '' : fields[columns[name]!]!.trim());
      const id = get('id');
      if (id === '') issues.error({ line, field: 'id', code: 'MISSING_COLUMN', message: 'id is required' });
      else if (/[\s/?#]/.test(id) || id.length > 200) issues.error({ line, field: 'id', code: 'UNKNOWN_CODE', message: `id "${id}" must have no spaces, '/', '?' or '#'` });
      else if (ids.has(id)) issues.error({ line, field: 'id', code: 'DUPLICATE', message: `id ${id} already on line ${ids.get(id)}` });
      else ids.set(id, line);
      const type = get('type').toLowerCase();
      if (!isActorType(type)) {
        issues.error({ line, field: 'type', code: 'UNKNOWN_CODE', message: `type must be sme, large-firm, firm, university, research-institute, public-agency, cluster-organisation, financier or other; got "${get('type')}"`, value: get('type') });
        continue;
      }
      const employees = wholeNumber(issues, line, 'employees', get('employees'));
      const latitude = decimal(issues, line, 'latitude', get('latitude'));
      const longitude = decimal(issues, line, 'longitude', get('longitude'));
      const sme = flag(issues, line, 'sme', get('sme'));
      const result = organisationFields(
        {
          name: get('name'),
          type: type as ActorType,
          employees: employees === undefined ? null : employees,
          sme: sme === undefined ? null : sme,
          industryCodes: list(get('industry_codes')),
          keywords: list(get('keywords')),
          region: get('region') || null,
          country: get('country') || null,
          latitude: latitude ?? null,
          longitude: longitude ?? null,
          source: get('source') || `csv:${file}`,
          initiatives: list(get('initiatives')),
        },
        `csv:${file}`,
      );
      if ('problems' in result) {
        for (const p of result.problems) issues.error({ line, field: snake(p.field), code: 'INCONSISTENT', message: p.message });
        continue;
      }
      if (employees === undefined || latitude === undefined || longitude === undefined || sme === undefined || id === '') continue;
      fileIds.add(id);
      orgRows.push(organisationParams(id, result.fields, 1, now, now, null));
      for (const initiative of result.fields.initiatives) membershipRows.push([id, initiative, result.fields.source, now, null]);
    }
    if (ids.size > 0) {
      const taken = await existingIds(registry, 'organisations', [...ids.keys()]);
      for (const id of taken) issues.error({ line: ids.get(id)!, field: 'id', code: 'DUPLICATE', message: `organisation ${id} is already in the registry (edit it through the API or the workbench)` });
    }
    if (issues.report.rowsRead === 0 && issues.report.errorCount === 0) issues.error({ line: 1, field: '*', code: 'NO_DATA', message: 'no organisations in the file' });
    if (issues.report.errorCount > 0) throw new ImportValidationError(issues.report);
    warnings += issues.report.warningCount;
  }
  if (options.linkages !== undefined) {
    const file = basename(options.linkages);
    const issues = new IssueCollector(file, 'linkages-csv');
    const ids = new Map<string, number>();
    const ends = new Map<string, number>();
    let columns: Record<string, number> = {};
    for await (const item of readCsvRecords(options.linkages, {
      onProblem: (p) => issues.error({ line: p.line, field: '*', code: p.code, message: p.message }),
      onProgress: (n, read, total) => options.onProgress?.('reading linkages', n, read, total),
    })) {
      if ('header' in item) {
        columns = headerColumns(item.header, LINKAGES_CSV_COLUMNS, ['source_id', 'target_id', 'type'], issues);
        continue;
      }
      const { line, fields } = item;
      issues.report.rowsRead++;
      const get = (name: string): string => (columns[name] === undefined ? '' : fields[columns[name]!]!.trim());
      const sourceId = get('source_id');
      const targetId = get('target_id');
      const type = get('type').toLowerCase();
      let ok = true;
      const fail = (field: string, code: ValidationIssueCode, message: string): void => {
        issues.error({ line, field, code, message });
        ok = false;
      };
      if (!isLinkageType(type)) fail('type', 'UNKNOWN_CODE', `type must be supplier, customer, joint-rnd, licence, spin-out, membership, funding or joint-project; got "${get('type')}"`);
      if (sourceId === '') fail('source_id', 'MISSING_COLUMN', 'source_id is required');
      if (targetId === '') fail('target_id', 'MISSING_COLUMN', 'target_id is required');
      if (sourceId !== '' && sourceId === targetId) fail('target_id', 'INCONSISTENT', 'a linkage joins two different organisations');
      const weight = decimal(issues, line, 'weight', get('weight'));
      if (weight === undefined) ok = false;
      else if (weight !== null && !(weight > 0)) fail('weight', 'NEGATIVE', `weight must be positive, got ${get('weight')}`);
      const directed = flag(issues, line, 'directed', get('directed'));
      if (directed === undefined) ok = false;
      const start = get('start_date') || null;
      const end = get('end_date') || null;
      if (start !== null && !isIsoDate(start)) fail('start_date', 'BAD_YEAR', `start_date must be YYYY-MM-DD, got "${start}"`);
      if (end !== null && !isIsoDate(end)) fail('end_date', 'BAD_YEAR', `end_date must be YYYY-MM-DD, got "${end}"`);
      if (start !== null && end !== null && end < start) fail('end_date', 'INCONSISTENT', 'end_date is before start_date');
      const id = get('id') || `${type}:${sourceId}:${targetId}`;
      if (ids.has(id)) fail('id', 'DUPLICATE', `linkage ${id} already on line ${ids.get(id)}${get('id') === '' ? ' (give each an id to tell them apart)' : ''}`);
      if (!ok) continue;
      ids.set(id, line);
      if (!ends.has(sourceId)) ends.set(sourceId, line);
      if (!ends.has(targetId)) ends.set(targetId, line);
      const linkType = type as LinkageType;
      linkageRows.push([id, sourceId, targetId, linkType, directed ?? defaultDirected(linkType), weight ?? 1, start, end, get('source') || `csv:${file}`, get('project_id') || null, 1, now, now, null]);
    }
    const unknown = [...ends.keys()].filter((id) => !fileIds.has(id));
    const known = new Set(await existingIds(registry, 'organisations', unknown, true));
    for (const row of linkageRows) {
      for (const [k, field] of [[1, 'source_id'], [2, 'target_id']] as const) {
        const id = row[k] as string;
        if (!fileIds.has(id) && !known.has(id)) issues.error({ line: ids.get(row[0] as string)!, field, code: 'UNKNOWN_CODE', message: `no organisation ${id} in the registry or the actors file` });
      }
    }
    const taken = await existingIds(registry, 'linkages', [...ids.keys()]);
    for (const id of taken) issues.error({ line: ids.get(id)!, field: 'id', code: 'DUPLICATE', message: `linkage ${id} is already in the registry` });
    if (issues.report.rowsRead === 0 && issues.report.errorCount === 0) issues.error({ line: 1, field: '*', code: 'NO_DATA', message: 'no linkages in the file' });
    if (issues.report.errorCount > 0) throw new ImportValidationError(issues.report);
    warnings += issues.report.warningCount;
  }
  await registry.client.transaction(async (tx) => {
    await bulkInsert(tx, 'organisations', ORGANISATION_BULK_COLUMNS, orgRows);
    await bulkInsert(
      tx,
      'organisation_initiatives',
      [{ name: 'organisation_id', type: 'text' }, { name: 'initiative_id', type: 'text' }, { name: 'source', type: 'text' }, { name: 'created_at', type: 'text' }, { name: 'deleted_at', type: 'text' }],
      membershipRows,
    );
    await bulkInsert(tx, 'linkages', LINKAGE_BULK_COLUMNS, linkageRows);
    const files = [options.actors, options.linkages].filter((f): f is string => f !== undefined).map((f) => basename(f));
    await recordAudit(tx, {
      actor: options.actor,
      action: 'import',
      entity: 'dataset',
      entityId: `csv:${files.join('+')}`,
      after: { files, organisations: orgRows.map((r) => r[0]), linkages: linkageRows.map((r) => r[0]) },
      at: now,
    });
  });
  return { organisations: orgRows.length, memberships: membershipRows.length, linkages: linkageRows.length, warnings };
}

const LINKAGE_BULK_COLUMNS = [
  { name: 'id', type: 'text' },
  { name: 'source_id', type: 'text' },
  { name: 'target_id', type: 'text' },
  { name: 'type', type: 'text' },
  { name: 'directed', type: 'boolean' },
  { name: 'weight', type: 'double' },
  { name: 'start_date', type: 'text' },
  { name: 'end_date', type: 'text' },
  { name: 'source', type: 'text' },
  { name: 'project_id', type: 'text' },
  { name: 'version', type: 'integer' },
  { name: 'created_at', type: 'text' },
  { name: 'updated_at', type: 'text' },
  { name: 'deleted_at', type: 'text' },
] as const;

function headerColumns(header: readonly string[], known: readonly string[], required: readonly string[], issues: IssueCollector): Record<string, number> {
  const columns: Record<string, number> = {};
  header.forEach((h, k) => {
    const name = h.trim().toLowerCase();
    if ((known as readonly string[]).includes(name)) columns[name] = k;
    else issues.warning({ line: 1, field: h, code: 'UNKNOWN_CODE', message: `column ${h} is not used (known: ${known.join(', ')})` });
  });
  const missing = required.filter((c) => columns[c] === undefined);
  if (missing.length > 0) {
    issues.error({ line: 1, field: missing.join(','), code: 'MISSING_COLUMN', message: `missing column(s) ${missing.join(', ')}` });
    throw new ImportValidationError(issues.report);
  }
  return columns;
}

/** Ids among `ids` that exist in `table` (optionally only the not-deleted ones), queried in chunks. */
async function existingIds(registry: ActorRegistry, table: 'organisations' | 'linkages', ids: readonly string[], liveOnly = false): Promise<string[]> {
  const out: string[] = [];
  for (let start = 0; start < ids.length; start += 500) {
    const chunk = ids.slice(start, start + 500);
    const rows = await registry.client.all<{ id: string }>(
      `select id from ${table} where id in (${chunk.map((_, k) => `$${k + 1}`).join(', ')})${liveOnly ? ' and deleted_at is null' : ''}`,
      chunk,
    );
    for (const r of rows) out.push(r.id);
  }
  return out;
}

function list(text: string): string[] {
  return text === '' ? [] : text.split(';').map((s) => s.trim()).filter((s) => s !== '');
}

function snake(field: string): string {
  return field.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
}

/** undefined = error reported; null = empty. */
function wholeNumber(issues: IssueCollector, line: number, field: string, text: string): number | null | undefined {
  if (text === '') return null;
  const value = Number(text);
  if (!/^-?\d+$/.test(text)) {
    issues.error({ line, field, code: 'NOT_A_NUMBER', message: `${field} must be a whole number, got "${text}"`, value: text });
    return undefined;
  }
  if (value < 0) {
    issues.error({ line, field, code: 'NEGATIVE', message: `${field} must not be negative, got ${text}`, value: text });
    return undefined;
  }
  return value;
}

function decimal(issues: IssueCollector, line: number, field: string, text: string): number | null | undefined {
  if (text === '') return null;
  const value = Number(text);
  if (!Number.isFinite(value)) {
    issues.error({ line, field, code: 'NOT_A_NUMBER', message: `${field} must be a number, got "${text}"`, value: text });
    return undefined;
  }
  return value;
}

function flag(issues: IssueCollector, line: number, field: string, text: string): boolean | null | undefined {
  const t = text.toLowerCase();
  if (t === '') return null;
  if (t === 'true' || t === 'yes' || t === '1' || t === 'y') return true;
  if (t === 'false' || t === 'no' || t === '0' || t === 'n') return false;
  issues.error({ line, field, code: 'BAD_FLAG', message: `${field} must be yes/no (true/false, 1/0), got "${text}"`, value: text });
  return undefined;
}
