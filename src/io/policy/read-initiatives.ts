import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { policyEvidenceKeys } from '../../core/index.js';
import type { PolicyEvidenceKey } from '../../core/index.js';
import { shippedDataDir } from '../default-data/shipped-data-dir.js';

/** A published figure about an initiative (budget, number of plans, SMEs…), with its citation. */
export interface InitiativeFigure {
  id: string;
  label: string;
  value: number;
  /** "JPY", "EUR", … for money; otherwise a count unit ("plans", "regions", "SMEs"). */
  unit: string;
  year: number | null;
  /** 'published' = stated as fact; 'expected' = stated as an expectation or target. */
  status: 'published' | 'expected';
  citation: string;
}

/** A fact turned into assessment evidence, with its citation. */
export interface InitiativeFact {
  value: number | boolean;
  citation: string;
}

export interface PolicyInitiative {
  id: string;
  name: string;
  country: string;
  /** ClusterLens region id, or null when the initiative covers several regions or a nation. */
  region: string | null;
  regionName: string;
  sponsor: string;
  sponsorLevel: 'national' | 'regional' | 'local';
  coreBody: string | null;
  startYear: number | null;
  /** Targets as named by the source (free text). */
  targets: string[];
  targetsKind: string;
  /** Benchmark cluster codes targeted (for initiatives in regions with cluster data); optional. */
  targetClusters?: string[];
  reportedDevelopments?: string[];
  measures: string[];
  figures: InitiativeFigure[];
  facts: Partial<Record<PolicyEvidenceKey, InitiativeFact>>;
}

export interface PolicyInitiativeFile {
  schema: 'clusterlens-policy-initiatives/1';
  demonstration: boolean;
  notice: string;
  source: { id: string; citation: string; note?: string };
  initiatives: PolicyInitiative[];
  /** The file read (for traceability). */
  file: string;
}

/** A file of initiatives that cannot be read; names the file, the line and the field. */
export class PolicyDataError extends Error {
  readonly code = 'INVALID_POLICY_DATA';
  readonly file: string;
  readonly line: number | null;
  readonly field: string;
  constructor(file: string, line: number | null, field: string, message: string) {
    super(`${file}${line === null ? '' : `:${line}`}: ${field}: ${message}`);
    this.name = 'PolicyDataError';
    this.file = file;
    this.line = line;
    this.field = field;
  }
}

/** The shipped demonstration file, data/policy-initiatives/initiatives.json. */
export function demonstrationInitiativesPath(): string {
  return join(shippedDataDir(), 'policy-initiatives', 'initiatives.json');
}

const ID = /^[a-z0-9][a-z0-9-]*$/;
const evidenceKeys = new Set<string>(policyEvidenceKeys);

/**
 * Reads and validates a file of policy initiatives (JSON, layout `clusterlens-policy-initiatives/1`, see
 * data/policy-initiatives/SOURCE.md). All or nothing: the first problem throws a PolicyDataError naming the
 * file, the line (of the offending initiative) and the field; nothing is returned half-read.
 */
export function readInitiatives(file: string = demonstrationInitiativesPath()): PolicyInitiativeFile {
  const text = readFileSync(file, 'utf8');
  return parseInitiatives(text, file);
}

/** Validates the text of an initiatives file (see {@link readInitiatives}); `file` names it in errors. */
export function parseInitiatives(text: string, file: string): PolicyInitiativeFile {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    const m = /position (\d+)/.exec(String(error));
    const line = m ? text.slice(0, Number(m[1])).split('\n').length : null;
    throw new PolicyDataError(file, line, '(file)', `not valid JSON: ${(error as Error).message}`);
  }
  const lineOf = (needle: string): number | null => {
    const k = text.indexOf(needle);
    return k < 0 ? null : text.slice(0, k).split('\n').length;
  };
  const fail = (field: string, message: string, initiativeId?: string): never => {
    throw new PolicyDataError(file, initiativeId ? lineOf(`"${initiativeId}"`) : null, field, message);
  };
  if (!isObject(data)) return fail('(root)', 'must be an object');
  if (data.schema !== 'clusterlens-policy-initiatives/1') fail('schema', `must be "clusterlens-policy-initiatives/1", got ${JSON.stringify(data.schema)}`);
  if (typeof data.demonstration !== 'boolean') fail('demonstration', 'must be true or false');
  if (typeof data.notice !== 'string') fail('notice', 'must be a string');
  const source = data.source;
  if (!isObject(source) || typeof source.id !== 'string' || typeof source.citation !== 'string' || source.citation === '') fail('source', 'must have an id and a citation');
  if (!Array.isArray(data.initiatives)) return fail('initiatives', 'must be an array');
  const seen = new Set<string>();
  const initiatives: PolicyInitiative[] = data.initiatives.map((raw: unknown, k: number): PolicyInitiative => {
    const at = `initiatives[${k}]`;
    if (!isObject(raw)) return fail(at, 'must be an object');
    const id = raw.id;
    if (typeof id !== 'string' || !ID.test(id)) return fail(`${at}.id`, `must be a lower-case id (a-z, 0-9, -), got ${JSON.stringify(id)}`);
    if (seen.has(id)) fail(`${at}.id`, `"${id}" appears twice`, id);
    seen.add(id);
    const str = (field: string, nullable = false): string | null => {
      const v = raw[field];
      if (nullable && v === null) return null;
      if (typeof v !== 'string' || v.trim() === '') return fail(`${at}.${field}`, `must be a non-empty string${nullable ? ' or null' : ''}`, id);
      return v;
    };
    const strings = (field: string, optional = false): string[] | undefined => {
      const v = raw[field];
      if (optional && v === undefined) return undefined;
      if (!Array.isArray(v) || v.some((s) => typeof s !== 'string' || s.trim() === '')) return fail(`${at}.${field}`, 'must be an array of non-empty strings', id);
      return v as string[];
    };
    const sponsorLevel = raw.sponsorLevel;
    if (sponsorLevel !== 'national' && sponsorLevel !== 'regional' && sponsorLevel !== 'local') fail(`${at}.sponsorLevel`, 'must be national, regional or local', id);
    const startYear = raw.startYear;
    if (startYear !== null && !(Number.isInteger(startYear) && (startYear as number) >= 1900 && (startYear as number) <= 2100)) fail(`${at}.startYear`, 'must be a year (1900–2100) or null', id);
    if (!Array.isArray(raw.figures)) fail(`${at}.figures`, 'must be an array', id);
    const figures = (raw.figures as unknown[]).map((f, j): InitiativeFigure => {
      const fa = `${at}.figures[${j}]`;
      if (!isObject(f)) return fail(fa, 'must be an object', id);
      if (typeof f.id !== 'string' || !ID.test(f.id)) fail(`${fa}.id`, 'must be a lower-case id', id);
      if (typeof f.label !== 'string' || f.label === '') fail(`${fa}.label`, 'must be a non-empty string', id);
      if (typeof f.value !== 'number' || !Number.isFinite(f.value) || f.value < 0) fail(`${fa}.value`, `must be a finite number ≥ 0, got ${JSON.stringify(f.value)}`, id);
      if (typeof f.unit !== 'string' || f.unit === '') fail(`${fa}.unit`, 'must be a non-empty string', id);
      if (f.year !== null && !Number.isInteger(f.year)) fail(`${fa}.year`, 'must be an integer year or null', id);
      if (f.status !== 'published' && f.status !== 'expected') fail(`${fa}.status`, 'must be published or expected', id);
      if (typeof f.citation !== 'string' || f.citation.trim() === '') fail(`${fa}.citation`, 'every figure needs a citation', id);
      return { id: f.id as string, label: f.label as string, value: f.value as number, unit: f.unit as string, year: f.year as number | null, status: f.status as 'published' | 'expected', citation: f.citation as string };
    });
    if (!isObject(raw.facts)) fail(`${at}.facts`, 'must be an object', id);
    const facts: Partial<Record<PolicyEvidenceKey, InitiativeFact>> = {};
    for (const [key, fact] of Object.entries(raw.facts as Record<string, unknown>)) {
      const fa = `${at}.facts.${key}`;
      if (!evidenceKeys.has(key)) fail(fa, `unknown evidence key (known: ${policyEvidenceKeys.join(', ')})`, id);
      if (!isObject(fact)) return fail(fa, 'must be an object with value and citation', id);
      const v = fact.value;
      if (typeof v !== 'boolean' && (typeof v !== 'number' || !Number.isFinite(v))) fail(`${fa}.value`, 'must be a finite number or a boolean', id);
      if (typeof fact.citation !== 'string' || fact.citation.trim() === '') fail(`${fa}.citation`, 'every fact needs a citation', id);
      facts[key as PolicyEvidenceKey] = { value: v as number | boolean, citation: fact.citation as string };
    }
    const targetClusters = strings('targetClusters', true);
    const reportedDevelopments = strings('reportedDevelopments', true);
    return {
      id,
      name: str('name')!,
      country: str('country')!,
      region: str('region', true),
      regionName: str('regionName')!,
      sponsor: str('sponsor')!,
      sponsorLevel: sponsorLevel as PolicyInitiative['sponsorLevel'],
      coreBody: str('coreBody', true),
      startYear: startYear as number | null,
      targets: strings('targets')!,
      targetsKind: str('targetsKind')!,
      ...(targetClusters === undefined ? {} : { targetClusters }),
      ...(reportedDevelopments === undefined ? {} : { reportedDevelopments }),
      measures: strings('measures')!,
      figures,
      facts,
    };
  });
  return {
    schema: 'clusterlens-policy-initiatives/1',
    demonstration: data.demonstration as boolean,
    notice: data.notice as string,
    source: source as PolicyInitiativeFile['source'],
    initiatives,
    file,
  };
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
