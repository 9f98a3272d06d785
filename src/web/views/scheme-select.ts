/**
 * The cluster-definition scheme selector of the Region and Cluster views (URL parameter `scheme`, default
 * the benchmark): the schemes from GET /api/v1/cluster-schemes, read fresh so that one created in the Data
 * view is there at once. A `scheme` the server does not know falls back to the benchmark with a notice.
 */
import { API_BASE, BENCHMARK_SCHEME, isMissingRoute } from '../api-client.js';
import { getFresh } from '../auth-client.js';
import { t } from '../i18n/translate.js';
import { htmlElement } from '../svg.js';
import { selectField } from './controls.js';

/** A scheme as GET /api/v1/cluster-schemes lists it. */
export interface ClusterSchemeInfo {
  readonly name: string;
  readonly classification: string;
  readonly clusterCount: number;
  readonly industryCount: number;
  readonly createdAt: string | null;
  readonly updatedAt: string | null;
  readonly source: 'benchmark' | 'user';
}

const BENCHMARK_ONLY: readonly ClusterSchemeInfo[] = [{ name: BENCHMARK_SCHEME, classification: 'NAICS2007', clusterCount: 67, industryCount: 0, createdAt: null, updatedAt: null, source: 'benchmark' }];

/** The schemes the server lists (just the benchmark when it has no such route). */
export async function loadClusterSchemes(): Promise<readonly ClusterSchemeInfo[]> {
  try {
    return (await getFresh<{ schemes: ClusterSchemeInfo[] }>(`${API_BASE}/cluster-schemes`)).schemes;
  } catch (error) {
    if (isMissingRoute(error)) return BENCHMARK_ONLY;
    throw error;
  }
}

/**
 * The scheme to show for a requested `scheme` parameter: undefined for the benchmark (so URLs and API calls
 * stay as they were), the name of a listed NAICS 2007 user scheme, else undefined with a notice pushed.
 */
export function resolveScheme(requested: string | undefined, schemes: readonly ClusterSchemeInfo[], notices: string[]): string | undefined {
  if (requested === undefined || requested === BENCHMARK_SCHEME) return undefined;
  if (schemes.some((s) => s.name === requested && s.classification === 'NAICS2007')) return requested;
  notices.push(t('notice.unknownScheme', { scheme: requested }));
  return undefined;
}

/** A labelled select of the schemes (US NAICS 2007 ones: the cluster data are mapped on them); `onChange` gets undefined for the benchmark. */
export function schemeSelect(form: HTMLElement, schemes: readonly ClusterSchemeInfo[], selected: string | undefined, testId: string, onChange: (scheme: string | undefined) => void): HTMLSelectElement {
  const select = selectField(form, t('controls.scheme'), testId);
  for (const s of schemes.filter((x) => x.classification === 'NAICS2007')) {
    const label = s.source === 'benchmark' ? t('schemes.benchmarkLabel') : t('schemes.userLabel', { name: s.name, clusters: s.clusterCount });
    htmlElement('option', { value: s.name }, label, select);
  }
  select.value = selected ?? BENCHMARK_SCHEME;
  select.addEventListener('change', () => onChange(select.value === BENCHMARK_SCHEME ? undefined : select.value));
  return select;
}
