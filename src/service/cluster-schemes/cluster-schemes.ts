import { US_BENCHMARK_SCHEME } from '../../io/classifications/benchmark-clusters.js';
import { forgetClusterScheme, readClusterSchemeCatalog } from '../../io/classifications/cluster-scheme-catalog.js';
import { importClusterDefinitionsText, SCHEME_NAME } from '../../io/importers/generic-csv/import-cluster-definitions.js';
import type { ImportClusterDefinitionsResult } from '../../io/importers/generic-csv/import-cluster-definitions.js';
import { ImportValidationError } from '../../io/importers/validation-report.js';
import type { ClusterDefinitionRecord, Store } from '../../io/store/store.js';
import { StoreError } from '../../io/store/store.js';
import { ServiceError } from '../service-error.js';

/** One cluster-definition scheme as listed: the shipped benchmark or a user's. */
export interface ClusterSchemeSummary {
  name: string;
  classification: string;
  clusterCount: number;
  industryCount: number;
  /** ISO 8601; null for the benchmark. */
  createdAt: string | null;
  updatedAt: string | null;
  source: 'benchmark' | 'user';
}

/** One cluster of a scheme with the industry codes allocated to it. */
export interface ClusterSchemeCluster {
  code: string;
  name: string;
  type: 'traded' | 'local';
  industries: string[];
}

export interface ClusterSchemeDetail extends ClusterSchemeSummary {
  clusters: ClusterSchemeCluster[];
}

/** A scheme given as JSON: the clusters with their industry codes (what the CSV says, grouped by cluster). */
export interface ClusterSchemeInput {
  name: string;
  classification: string;
  clusters: readonly { code: string; name: string; type?: 'traded' | 'local'; industries: readonly string[] }[];
}

/** Thrown when a scheme of that name exists (or is the benchmark's): HTTP 409, CLI exit 1. */
export class ClusterSchemeExistsError extends Error {
  readonly code = 'SCHEME_EXISTS';
  readonly scheme: string;
  constructor(scheme: string) {
    super(scheme === US_BENCHMARK_SCHEME ? `scheme ${scheme} is the shipped benchmark definition; choose another name` : `cluster scheme ${scheme} already exists; delete it first or choose another name`);
    this.name = 'ClusterSchemeExistsError';
    this.scheme = scheme;
  }
}

function summarise(name: string, rows: readonly ClusterDefinitionRecord[], dates: { createdAt: string; updatedAt: string; classification: string } | undefined): ClusterSchemeSummary {
  return {
    name,
    classification: rows[0]?.classification ?? dates?.classification ?? '',
    clusterCount: new Set(rows.map((r) => r.clusterCode)).size,
    industryCount: rows.length,
    createdAt: dates?.createdAt ?? null,
    updatedAt: dates?.updatedAt ?? null,
    source: name === US_BENCHMARK_SCHEME ? 'benchmark' : 'user',
  };
}

/** The benchmark scheme first, then the user schemes in the order they were created (GET /api/v1/cluster-schemes). */
export async function listClusterSchemes(store: Store): Promise<ClusterSchemeSummary[]> {
  const catalog = await readClusterSchemeCatalog(store);
  const answer = [summarise(US_BENCHMARK_SCHEME, await store.clusterDefinitions(US_BENCHMARK_SCHEME), undefined)];
  for (const entry of catalog) {
    if (entry.name === US_BENCHMARK_SCHEME) continue;
    const rows = await store.clusterDefinitions(entry.name);
    if (rows.length > 0) answer.push(summarise(entry.name, rows, entry));
  }
  return answer;
}

function checkName(name: string): void {
  if (!SCHEME_NAME.test(name)) throw new ServiceError('INVALID_ARGUMENT', `scheme "${name}": use lower-case letters, digits, ".", "_" and "-"`, { scheme: name });
}

/** One scheme with its clusters and their industry codes; NOT_FOUND when there is no such scheme. */
export async function getClusterScheme(store: Store, name: string): Promise<ClusterSchemeDetail> {
  checkName(name);
  const rows = await store.clusterDefinitions(name);
  if (rows.length === 0) throw new ServiceError('NOT_FOUND', `unknown cluster scheme "${name}"`, { scheme: name });
  const dates = (await readClusterSchemeCatalog(store)).find((e) => e.name === name);
  const clusters = new Map<string, ClusterSchemeCluster>();
  for (const row of rows) {
    let cluster = clusters.get(row.clusterCode);
    if (cluster === undefined) {
      cluster = { code: row.clusterCode, name: row.clusterName, type: row.clusterType, industries: [] };
      clusters.set(row.clusterCode, cluster);
    }
    cluster.industries.push(row.industryCode);
  }
  const sorted = [...clusters.values()].sort((a, b) => a.code.localeCompare(b.code));
  for (const cluster of sorted) cluster.industries.sort();
  return { ...summarise(name, rows, dates), clusters: sorted };
}

const quote = (value: string): string => (/[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value);

/**
 * The JSON form as the CLI's CSV layout, with where each line came from: validation then runs through the
 * same importer, and an issue's line is translated back to `clusters[i].industries[j]`.
 */
export function clusterSchemeCsv(input: ClusterSchemeInput): { text: string; origins: { cluster: number; industry: number }[] } {
  const lines = ['industry_code,cluster_code,cluster_name,cluster_type'];
  const origins = [{ cluster: -1, industry: -1 }];
  input.clusters.forEach((cluster, i) => {
    if (cluster.industries.length === 0) {
      lines.push([quote(''), quote(cluster.code), quote(cluster.name), cluster.type ?? 'traded'].join(','));
      origins.push({ cluster: i, industry: -1 });
    }
    cluster.industries.forEach((industry, j) => {
      lines.push([quote(industry), quote(cluster.code), quote(cluster.name), cluster.type ?? 'traded'].join(','));
      origins.push({ cluster: i, industry: j });
    });
  });
  return { text: lines.join('\n') + '\n', origins };
}

export interface CreateClusterSchemeOptions {
  /** Validate only: the report and counts, nothing written (the workbench's check before commit). */
  dryRun?: boolean;
}

/**
 * Creates a user scheme, all or nothing, from CSV text in the layout of `clusterlens import clusters`
 * or from the JSON form: the importer's checks (ImportValidationError with file, line, field and code),
 * ClusterSchemeExistsError for a name already taken, INVALID_ARGUMENT for a bad name or classification.
 */
export async function createClusterScheme(
  store: Store,
  input: { name: string; classification: string } & ({ csv: string } | { clusters: ClusterSchemeInput['clusters'] }),
  options: CreateClusterSchemeOptions = {},
): Promise<ImportClusterDefinitionsResult> {
  checkName(input.name);
  if (input.name === US_BENCHMARK_SCHEME || (await store.clusterDefinitions(input.name)).length > 0) throw new ClusterSchemeExistsError(input.name);
  const fromJson = 'clusters' in input ? clusterSchemeCsv({ name: input.name, classification: input.classification, clusters: input.clusters }) : undefined;
  const text = fromJson?.text ?? ('csv' in input ? input.csv : '');
  try {
    return await importClusterDefinitionsText(store, text, { scheme: input.name, classification: input.classification, file: fromJson ? 'clusters' : 'upload.csv', dryRun: options.dryRun });
  } catch (error) {
    if (error instanceof ImportValidationError && fromJson) {
      for (const issue of error.report.errors) {
        const origin = fromJson.origins[issue.line - 1];
        if (origin === undefined || origin.cluster < 0) continue;
        if (issue.field === 'industry_code') issue.field = origin.industry < 0 ? `clusters[${origin.cluster}].industries` : `clusters[${origin.cluster}].industries[${origin.industry}]`;
        else if (issue.field.startsWith('cluster_')) issue.field = `clusters[${origin.cluster}].${issue.field.slice('cluster_'.length)}`;
      }
    }
    if (error instanceof StoreError && error.code === 'INVALID_INPUT') throw new ServiceError('INVALID_ARGUMENT', error.message, { scheme: input.name, classification: input.classification });
    if (error instanceof StoreError && error.code === 'DATASET_EXISTS') throw new ClusterSchemeExistsError(input.name);
    throw error;
  }
}

/** Deletes a user scheme (its rows and its catalogue entry); NOT_FOUND when none, INVALID_ARGUMENT for the benchmark. */
export async function deleteClusterScheme(store: Store, name: string): Promise<void> {
  checkName(name);
  if (name === US_BENCHMARK_SCHEME) throw new ServiceError('INVALID_ARGUMENT', `scheme ${name} is the shipped benchmark definition and cannot be deleted`, { scheme: name });
  if ((await store.clusterDefinitions(name)).length === 0) throw new ServiceError('NOT_FOUND', `unknown cluster scheme "${name}"`, { scheme: name });
  await store.importClusterDefinitions(name, []);
  await forgetClusterScheme(store, name);
}
