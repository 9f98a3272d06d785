import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { parseCsvText } from '../csv/parse-csv-text.js';
import { parseInitiatives, PolicyDataError } from '../policy/read-initiatives.js';
import type { AuditActor } from '../registry/audit-log.js';
import { RegistryError } from '../registry/sql-client.js';
import type { SqlClient } from '../registry/sql-client.js';
import { registryRecordsOf } from './ensure-demonstration-initiatives.js';
import { initiativeFields, kpiFields } from './initiative-fields.js';
import type { BudgetLine, InitiativeInput, KpiInput } from './initiative-records.js';
import type { InitiativeRegistry } from './initiative-registry.js';

/** Columns of an initiatives CSV (lists separated by ";"; one optional budget line per row). */
export const INITIATIVES_CSV_COLUMNS = Object.freeze([
  'id', 'name', 'region', 'regionName', 'country', 'sponsor', 'sponsorLevel', 'coreBody', 'coreBodyName', 'targetClusters', 'targets',
  'periodStart', 'periodEnd', 'source', 'budgetAmount', 'budgetCurrency', 'budgetYear', 'budgetSource',
]);
/** Columns of a KPI CSV (a file whose header has `initiative` and `kpi`). */
export const KPIS_CSV_COLUMNS = Object.freeze(['initiative', 'kpi', 'label', 'year', 'value', 'unit', 'status', 'source']);

interface Located<T> {
  record: T;
  file: string;
  line: number | null;
}

export interface ImportInitiativesResult {
  initiatives: number;
  kpis: number;
  ids: string[];
}

/**
 * Imports initiatives and KPI observations from files, all or nothing: every file is parsed and every record
 * validated before one transaction writes them (each audited as `import`); the first problem throws a
 * RegistryError INVALID whose message names the file, the line and the field (`file.csv:7: sponsorLevel: …`).
 *
 * Formats (docs/data/initiatives.md):
 * - JSON `{ "initiatives": [ { …initiative, "kpis": [ … ] } ] }` (or the bare array), or a
 *   `clusterlens-policy-initiatives/1` file like the shipped demonstration data;
 * - CSV of initiatives (INITIATIVES_CSV_COLUMNS) or of KPIs (KPIS_CSV_COLUMNS, header with `initiative` and
 *   `kpi`); KPI rows may refer to initiatives of the same import or already in the registry.
 * An id already in the registry is a CONFLICT (nothing is overwritten).
 */
export async function importInitiativesFiles(registry: InitiativeRegistry, files: readonly string[], actor: AuditActor): Promise<ImportInitiativesResult> {
  const initiatives: Located<InitiativeInput>[] = [];
  const kpis: Located<KpiInput & { initiative: string }>[] = [];
  for (const file of files) {
    const text = readFileSync(file, 'utf8');
    const name = basename(file);
    if (/\.json$/i.test(file) || /^\s*[[{]/.test(text)) readJson(text, name, initiatives, kpis);
    else readCsv(text, name, initiatives, kpis);
  }
  const fail = (at: { file: string; line: number | null }, field: string, message: string): never => {
    throw new RegistryError('INVALID', `${at.file}${at.line === null ? '' : `:${at.line}`}: ${field}: ${message}`, { details: { file: at.file, line: at.line, field } });
  };
  const ids = new Set<string>();
  for (const item of initiatives) {
    const checked = initiativeFields(item.record, item.file);
    if ('problems' in checked) fail(item, checked.problems[0]!.field, checked.problems[0]!.message);
    if (item.record.id !== undefined) {
      if (ids.has(item.record.id)) fail(item, 'id', `initiative "${item.record.id}" appears twice in the import`);
      ids.add(item.record.id);
    }
  }
  for (const item of kpis) {
    const checked = kpiFields(item.record);
    if ('problems' in checked) fail(item, checked.problems[0]!.field, checked.problems[0]!.message);
  }
  return registry.client.transaction(async (tx: SqlClient) => {
    const created: string[] = [];
    for (const item of initiatives) {
      try {
        created.push((await registry.createIn(tx, item.record, actor, item.file, 'import')).id);
      } catch (error) {
        if (error instanceof RegistryError && error.code !== 'REGISTRY_FAILED') fail(item, 'id', error.message);
        throw error;
      }
    }
    for (const item of kpis) {
      const { initiative, ...kpi } = item.record;
      try {
        await registry.addKpiIn(tx, initiative, kpi, actor, 'import');
      } catch (error) {
        if (error instanceof RegistryError && error.code === 'NOT_FOUND') fail(item, 'initiative', `no initiative "${initiative}" in the registry or this import`);
        throw error;
      }
    }
    return { initiatives: created.length, kpis: kpis.length, ids: created };
  });
}

function readJson(text: string, file: string, initiatives: Located<InitiativeInput>[], kpis: Located<KpiInput & { initiative: string }>[]): void {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    const m = /position (\d+)/.exec(String(error));
    const line = m ? text.slice(0, Number(m[1])).split('\n').length : null;
    throw new RegistryError('INVALID', `${file}${line === null ? '' : `:${line}`}: (file): not valid JSON: ${(error as Error).message}`, { details: { file, line } });
  }
  if (isObject(data) && data.schema === 'clusterlens-policy-initiatives/1') {
    let parsed;
    try {
      parsed = parseInitiatives(text, file);
    } catch (error) {
      if (error instanceof PolicyDataError) throw new RegistryError('INVALID', error.message, { details: { file, line: error.line, field: error.field } });
      throw error;
    }
    for (const initiative of parsed.initiatives) {
      const { input, kpis: observations } = registryRecordsOf(parsed, initiative);
      const line = lineOf(text, `"${initiative.id}"`);
      initiatives.push({ record: input, file, line });
      for (const kpi of observations) kpis.push({ record: { ...kpi, initiative: initiative.id }, file, line });
    }
    return;
  }
  const list = Array.isArray(data) ? data : isObject(data) ? data.initiatives : undefined;
  if (!Array.isArray(list)) throw new RegistryError('INVALID', `${file}: initiatives: expected an array of initiatives or { "initiatives": [ … ] }`, { details: { file } });
  const starts = elementLines(text, Array.isArray(data) ? null : 'initiatives');
  list.forEach((raw: unknown, k) => {
    const line = starts[k] ?? null;
    if (!isObject(raw)) throw new RegistryError('INVALID', `${file}${line === null ? '' : `:${line}`}: initiatives[${k}]: must be an object`, { details: { file, line } });
    const { kpis: observations, ...record } = raw;
    const id = typeof record.id === 'string' ? record.id : undefined;
    if (observations !== undefined) {
      if (!Array.isArray(observations)) throw new RegistryError('INVALID', `${file}${line === null ? '' : `:${line}`}: initiatives[${k}].kpis: must be an array`, { details: { file, line } });
      if (id === undefined) throw new RegistryError('INVALID', `${file}${line === null ? '' : `:${line}`}: initiatives[${k}].id: an initiative with KPIs needs an id`, { details: { file, line } });
      for (const o of observations) kpis.push({ record: { ...(o as KpiInput), initiative: id }, file, line });
    }
    initiatives.push({ record: record as unknown as InitiativeInput, file, line });
  });
}

function readCsv(text: string, file: string, initiatives: Located<InitiativeInput>[], kpis: Located<KpiInput & { initiative: string }>[]): void {
  const rows = parseCsvText(text);
  const header = rows[0]?.fields.map((h) => h.trim());
  if (!header || header.length === 0) throw new RegistryError('INVALID', `${file}:1: (header): empty file`, { details: { file, line: 1 } });
  const isKpi = header.includes('initiative') && header.includes('kpi');
  const known = new Set(isKpi ? KPIS_CSV_COLUMNS : INITIATIVES_CSV_COLUMNS);
  for (const h of header) if (!known.has(h)) throw new RegistryError('INVALID', `${file}:1: ${h}: unknown column (expected ${[...known].join(', ')})`, { details: { file, line: 1, field: h } });
  const bad = (line: number, field: string, message: string): never => {
    throw new RegistryError('INVALID', `${file}:${line}: ${field}: ${message}`, { details: { file, line, field } });
  };
  for (const row of rows.slice(1)) {
    if (row.fields.length === 1 && row.fields[0]!.trim() === '') continue;
    if (row.fields.length !== header.length) bad(row.line, '(row)', `${row.fields.length} fields, the header has ${header.length}`);
    const get = (name: string): string | null => {
      const k = header.indexOf(name);
      const v = k < 0 ? '' : row.fields[k]!.trim();
      return v === '' ? null : v;
    };
    const number = (name: string): number | null => {
      const v = get(name);
      if (v === null) return null;
      const n = Number(v);
      return Number.isFinite(n) ? n : bad(row.line, name, `not a number: "${v}"`);
    };
    const list = (name: string): string[] => (get(name) ?? '').split(';').map((s) => s.trim()).filter((s) => s !== '');
    if (isKpi) {
      const initiative = get('initiative') ?? bad(row.line, 'initiative', 'initiative id is required');
      kpis.push({
        record: { initiative, kpi: get('kpi') as KpiInput['kpi'], label: get('label'), year: number('year'), value: number('value') ?? NaN, unit: get('unit') ?? undefined, status: get('status') as KpiInput['status'], source: get('source') ?? '' },
        file,
        line: row.line,
      });
      continue;
    }
    const budget: BudgetLine[] = [];
    const amount = number('budgetAmount');
    if (amount !== null) budget.push({ amount, currency: get('budgetCurrency') ?? '', year: number('budgetYear'), source: get('budgetSource') ?? get('source') ?? '' });
    const id = get('id');
    initiatives.push({
      record: {
        ...(id === null ? {} : { id }),
        name: get('name') ?? '',
        region: get('region'),
        regionName: get('regionName'),
        country: get('country'),
        sponsor: get('sponsor') ?? '',
        sponsorLevel: get('sponsorLevel') as InitiativeInput['sponsorLevel'],
        coreBody: get('coreBody'),
        coreBodyName: get('coreBodyName'),
        targetClusters: list('targetClusters'),
        targets: list('targets'),
        periodStart: number('periodStart'),
        periodEnd: number('periodEnd'),
        source: get('source') ?? file,
        budget,
      },
      file,
      line: row.line,
    });
  }
}

function lineOf(text: string, needle: string): number | null {
  const k = text.indexOf(needle);
  return k < 0 ? null : text.slice(0, k).split('\n').length;
}

/** Lines on which the elements of the top-level array (or of the top-level object's `key` array) start. */
function elementLines(text: string, key: string | null): number[] {
  const lines: number[] = [];
  let depth = 0;
  let line = 1;
  let inString = false;
  let arrayDepth = key === null ? 1 : -1;
  let lastString = '';
  let current = '';
  for (let k = 0; k < text.length; k++) {
    const c = text[k]!;
    if (c === '\n') line++;
    if (inString) {
      if (c === '\\') k++;
      else if (c === '"') {
        inString = false;
        lastString = current;
      } else current += c;
      continue;
    }
    if (c === '"') {
      inString = true;
      current = '';
      continue;
    }
    if (c === '[' || c === '{') {
      depth++;
      if (c === '[' && arrayDepth < 0 && depth === 2 && lastString === key) arrayDepth = 2;
      else if (depth === arrayDepth + 1) lines.push(line);
    } else if (c === ']' || c === '}') depth--;
  }
  return lines;
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
