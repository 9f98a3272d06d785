import type { AuditActor } from '../registry/audit-log.js';
import { readInitiatives } from '../policy/read-initiatives.js';
import type { PolicyInitiative, PolicyInitiativeFile } from '../policy/read-initiatives.js';
import type { InitiativeRegistry } from './initiative-registry.js';
import type { BudgetLine, InitiativeInput, KpiInput } from './initiative-records.js';

/** Bump when the shipped demonstration file or its mapping changes: registries with an older marker get the missing initiatives. */
export const DEMONSTRATION_INITIATIVES_VERSION = '1';

/** The actor recorded in the audit log for the demonstration data. */
export const DEMONSTRATION_ACTOR: AuditActor = Object.freeze({ userId: null, name: 'clusterlens demonstration data' });

/**
 * The registry records of one initiative of the policy-initiatives file (read-initiatives.ts): figures in a
 * currency (three-letter code) become budget lines, "smes" figures the KPI smes-involved, every other figure a
 * custom KPI with the figure's label; each keeps its year (null when the source states none), status and
 * citation. Nothing is added that the file does not say.
 */
export function registryRecordsOf(file: PolicyInitiativeFile, initiative: PolicyInitiative): { input: InitiativeInput; kpis: KpiInput[] } {
  const citation = `${file.source.citation}`;
  const budget: BudgetLine[] = [];
  const kpis: KpiInput[] = [];
  for (const f of initiative.figures) {
    const source = `${citation}, ${f.citation}`;
    if (/^[A-Z]{3}$/.test(f.unit)) budget.push({ amount: f.value, currency: f.unit, year: f.year, source, label: f.label });
    else if (f.id === 'smes') kpis.push({ kpi: 'smes-involved', label: f.label, year: f.year, value: f.value, unit: f.unit, status: f.status, source });
    else kpis.push({ kpi: 'custom', label: f.label, year: f.year, value: f.value, unit: f.unit, status: f.status, source });
  }
  return {
    input: {
      id: initiative.id,
      name: initiative.name,
      region: initiative.region,
      regionName: initiative.regionName,
      country: initiative.country,
      sponsor: initiative.sponsor,
      sponsorLevel: initiative.sponsorLevel,
      coreBody: null,
      coreBodyName: initiative.coreBody,
      targetClusters: initiative.targetClusters ?? [],
      targets: initiative.targets,
      budget,
      periodStart: initiative.startYear,
      periodEnd: null,
      demonstration: file.demonstration,
      source: citation,
      members: [],
    },
    kpis,
  };
}

/**
 * Loads the shipped demonstration initiatives (data/policy-initiatives/initiatives.json, marked demonstration)
 * into the registry on first use, in one transaction, audited as imports by "clusterlens demonstration data".
 * Idempotent: does nothing when the registry carries this version's marker; initiatives already present (by
 * id, deleted ones included) are skipped, so edits and deletions are never undone. Set
 * CLUSTERLENS_DEMONSTRATION_INITIATIVES=0 for an empty registry. Returns the number of initiatives added.
 */
export async function ensureDemonstrationInitiatives(registry: InitiativeRegistry, options: { file?: string; env?: NodeJS.ProcessEnv } = {}): Promise<number> {
  const env = options.env ?? process.env;
  if (env.CLUSTERLENS_DEMONSTRATION_INITIATIVES === '0') return 0;
  if ((await registry.getMeta('demonstration-version')) === DEMONSTRATION_INITIATIVES_VERSION) return 0;
  const file = options.file === undefined ? readInitiatives() : readInitiatives(options.file);
  return registry.client.transaction(async (tx) => {
    // a concurrent first use may have loaded them: re-check inside the transaction
    const marker = await tx.all<{ value: string }>('select value from initiatives_meta where key = $1', ['demonstration-version']);
    if (marker[0]?.value === DEMONSTRATION_INITIATIVES_VERSION) return 0;
    let added = 0;
    for (const initiative of file.initiatives) {
      const present = await tx.all('select id from initiatives where id = $1', [initiative.id]);
      if (present.length > 0) continue;
      const { input, kpis } = registryRecordsOf(file, initiative);
      await registry.createIn(tx, input, DEMONSTRATION_ACTOR, input.source ?? 'demonstration', 'import');
      for (const kpi of kpis) await registry.addKpiIn(tx, initiative.id, kpi, DEMONSTRATION_ACTOR, 'import');
      added++;
    }
    await registry.setMeta(tx, 'demonstration-version', DEMONSTRATION_INITIATIVES_VERSION);
    return added;
  });
}
