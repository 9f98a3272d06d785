import { RegistryError } from '../registry/sql-client.js';
import { isKpiKind, isKpiStatus, isSponsorLevel } from './initiative-records.js';
import type { BudgetLine, FieldProblem, Initiative, InitiativeInput, InitiativeMember, KpiInput, KpiKind, KpiStatus } from './initiative-records.js';

/** An initiative's stored fields after validation (no id, version or timestamps). */
export type InitiativeFields = Omit<Initiative, 'id' | 'version' | 'createdAt' | 'updatedAt' | 'deletedAt'>;

const ID = /^[a-z0-9][a-z0-9-]{0,99}$/;
const CURRENCY = /^[A-Z]{3}$/;

const text = (v: unknown): string | null => (typeof v === 'string' && v.trim() !== '' ? v.trim() : null);
const isYear = (v: unknown): v is number => Number.isInteger(v) && (v as number) >= 1900 && (v as number) <= 2100;

/** Whether a string is a valid initiative id (lower-case letters, digits and hyphens, ≤ 100 characters). */
export function isInitiativeId(id: unknown): id is string {
  return typeof id === 'string' && ID.test(id);
}

/** A lower-case slug of a name for an id ("Joint Economic Strategy" → "joint-economic-strategy"). */
export function slugOf(name: string): string {
  const slug = name.normalize('NFKD').replace(/[\u0300-\u036f]/g, '').toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 80);
  return slug === '' ? 'initiative' : slug;
}

/**
 * Validates an initiative: name, sponsor and sponsor level required; years in 1900–2100 with start ≤ end;
 * budget lines with an amount ≥ 0, a three-letter currency code and a source; members with an organisation id
 * (each once) and a role. Returns the fields or every problem found.
 */
export function initiativeFields(input: InitiativeInput, defaultSource: string): { fields: InitiativeFields } | { problems: FieldProblem[] } {
  const problems: FieldProblem[] = [];
  const name = text(input.name);
  if (name === null) problems.push({ field: 'name', message: 'name is required' });
  const sponsor = text(input.sponsor);
  if (sponsor === null) problems.push({ field: 'sponsor', message: 'sponsor is required' });
  if (!isSponsorLevel(input.sponsorLevel)) problems.push({ field: 'sponsorLevel', message: `sponsorLevel must be national, regional or local; got "${String(input.sponsorLevel)}"` });
  const periodStart = input.periodStart ?? null;
  const periodEnd = input.periodEnd ?? null;
  if (periodStart !== null && !isYear(periodStart)) problems.push({ field: 'periodStart', message: `periodStart must be a year (1900–2100), got ${String(periodStart)}` });
  if (periodEnd !== null && !isYear(periodEnd)) problems.push({ field: 'periodEnd', message: `periodEnd must be a year (1900–2100), got ${String(periodEnd)}` });
  if (isYear(periodStart) && isYear(periodEnd) && periodEnd < periodStart) problems.push({ field: 'periodEnd', message: `periodEnd ${periodEnd} is before periodStart ${periodStart}` });
  const list = (field: string, v: unknown): string[] => {
    if (v === undefined || v === null) return [];
    if (!Array.isArray(v) || v.some((s) => typeof s !== 'string')) {
      problems.push({ field, message: 'must be a list of strings' });
      return [];
    }
    return [...new Set((v as string[]).map((s) => s.trim()).filter((s) => s !== ''))];
  };
  const targetClusters = list('targetClusters', input.targetClusters);
  const targets = list('targets', input.targets);
  const budget: BudgetLine[] = [];
  if (input.budget !== undefined && input.budget !== null) {
    if (!Array.isArray(input.budget)) problems.push({ field: 'budget', message: 'must be a list of budget lines' });
    else
      input.budget.forEach((line, k) => {
        const at = `budget[${k}]`;
        if (typeof line !== 'object' || line === null) return problems.push({ field: at, message: 'must be an object' });
        if (typeof line.amount !== 'number' || !Number.isFinite(line.amount) || line.amount < 0) problems.push({ field: `${at}.amount`, message: `amount must be a number ≥ 0, got ${JSON.stringify(line.amount)}` });
        const currency = typeof line.currency === 'string' ? line.currency.trim().toUpperCase() : '';
        if (!CURRENCY.test(currency)) problems.push({ field: `${at}.currency`, message: `currency must be a three-letter ISO 4217 code (JPY, EUR, GBP, USD), got ${JSON.stringify(line.currency)}` });
        const year = line.year ?? null;
        if (year !== null && !isYear(year)) problems.push({ field: `${at}.year`, message: `year must be a year (1900–2100) or null, got ${String(year)}` });
        const source = text(line.source);
        if (source === null) problems.push({ field: `${at}.source`, message: 'every budget line needs a source' });
        const label = text(line.label);
        budget.push({ amount: line.amount, currency, year, source: source ?? '', ...(label === null ? {} : { label }) });
        return undefined;
      });
  }
  const members: InitiativeMember[] = [];
  if (input.members !== undefined && input.members !== null) {
    if (!Array.isArray(input.members)) problems.push({ field: 'members', message: 'must be a list of { organisationId, role }' });
    else {
      const seen = new Set<string>();
      input.members.forEach((m, k) => {
        const organisationId = text(m?.organisationId);
        const role = text(m?.role) ?? 'member';
        if (organisationId === null) problems.push({ field: `members[${k}].organisationId`, message: 'organisationId is required' });
        else if (seen.has(organisationId)) problems.push({ field: `members[${k}].organisationId`, message: `organisation ${organisationId} is listed twice` });
        else {
          seen.add(organisationId);
          members.push({ organisationId, role });
        }
      });
    }
  }
  const country = text(input.country)?.toUpperCase() ?? null;
  if (country !== null && !/^[A-Z]{2,3}$/.test(country)) problems.push({ field: 'country', message: `country must be a two- or three-letter code, got "${country}"` });
  if (problems.length > 0) return { problems };
  return {
    fields: {
      name: name!,
      region: text(input.region),
      regionName: text(input.regionName),
      country,
      sponsor: sponsor!,
      sponsorLevel: input.sponsorLevel,
      coreBody: text(input.coreBody),
      coreBodyName: text(input.coreBodyName),
      targetClusters,
      targets,
      budget,
      periodStart,
      periodEnd,
      demonstration: input.demonstration === true,
      source: text(input.source) ?? defaultSource,
      members,
    },
  };
}

/** initiativeFields, throwing RegistryError INVALID with `details.problems`. */
export function initiativeFieldsOrThrow(input: InitiativeInput, defaultSource: string): InitiativeFields {
  const result = initiativeFields(input, defaultSource);
  if ('problems' in result) throw invalid('initiative', result.problems);
  return result.fields;
}

export interface KpiFields {
  kpi: KpiKind;
  label: string | null;
  year: number | null;
  value: number;
  unit: string;
  status: KpiStatus;
  source: string;
}

const DEFAULT_UNITS: Readonly<Record<KpiKind, string>> = Object.freeze({
  'smes-involved': 'SMEs',
  jobs: 'jobs',
  'spin-outs': 'spin-outs',
  licences: 'licences',
  'new-products': 'products',
  sales: '',
  custom: '',
});

/** Validates a KPI observation: a known kind, a value ≥ 0, a status, a source; custom KPIs need a label and sales a unit (currency). */
export function kpiFields(input: KpiInput): { fields: KpiFields } | { problems: FieldProblem[] } {
  const problems: FieldProblem[] = [];
  if (!isKpiKind(input.kpi)) problems.push({ field: 'kpi', message: `kpi must be one of smes-involved, jobs, spin-outs, licences, new-products, sales, custom; got "${String(input.kpi)}"` });
  if (typeof input.value !== 'number' || !Number.isFinite(input.value) || input.value < 0) problems.push({ field: 'value', message: `value must be a number ≥ 0, got ${JSON.stringify(input.value)}` });
  const year = input.year ?? null;
  if (year !== null && !isYear(year)) problems.push({ field: 'year', message: `year must be a year (1900–2100) or null, got ${String(year)}` });
  if (!isKpiStatus(input.status)) problems.push({ field: 'status', message: `status must be published, expected or estimated; got "${String(input.status)}"` });
  const source = text(input.source);
  if (source === null) problems.push({ field: 'source', message: 'every KPI observation needs a source' });
  const label = text(input.label);
  if (input.kpi === 'custom' && label === null) problems.push({ field: 'label', message: 'a custom KPI needs a label' });
  const unit = text(input.unit) ?? (isKpiKind(input.kpi) ? DEFAULT_UNITS[input.kpi] : '');
  if (unit === '') problems.push({ field: 'unit', message: `a ${String(input.kpi)} KPI needs a unit (a currency code for sales)` });
  if (problems.length > 0) return { problems };
  return { fields: { kpi: input.kpi, label, year, value: input.value, unit, status: input.status, source: source! } };
}

export function kpiFieldsOrThrow(input: KpiInput): KpiFields {
  const result = kpiFields(input);
  if ('problems' in result) throw invalid('KPI observation', result.problems);
  return result.fields;
}

function invalid(what: string, problems: FieldProblem[]): RegistryError {
  return new RegistryError('INVALID', `invalid ${what}: ${problems.map((p) => `${p.field}: ${p.message}`).join('; ')}`, { details: { problems } });
}
