import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { ensureDemonstrationInitiatives, importInitiativesFiles, InitiativeRegistry } from '../../io/initiatives/index.js';
import type { Initiative, KpiObservation } from '../../io/initiatives/index.js';
import type { SqlClient } from '../../io/registry/sql-client.js';
import { InitiativeService } from '../../service/initiatives/index.js';
import { formatCsv, formatTable } from '../format-output.js';
import type { Column } from '../format-output.js';
import { openRegistryClient } from '../open-registry-client.js';
import { openService } from '../open-service.js';
import { UsageError } from '../usage-error.js';
import { cliActor } from '../cli-audit.js';
import { parseFormat } from './options.js';

const money = (amount: number, currency: string): string => `${amount.toLocaleString('en-US')} ${currency}`;

const initiativeColumns: Column<Initiative>[] = [
  { header: 'id', value: (i) => i.id },
  { header: 'name', value: (i) => i.name },
  { header: 'region', value: (i) => i.region },
  { header: 'sponsor_level', value: (i) => i.sponsorLevel },
  { header: 'start', value: (i) => (i.periodStart === null ? null : String(i.periodStart)) },
  { header: 'end', value: (i) => (i.periodEnd === null ? null : String(i.periodEnd)) },
  { header: 'target_clusters', value: (i) => i.targetClusters.join('; ') },
  { header: 'budget', value: (i) => i.budget.map((b) => `${money(b.amount, b.currency)}${b.year === null ? '' : ` (${b.year})`}`).join('; ') },
  { header: 'demonstration', value: (i) => i.demonstration },
  { header: 'version', value: (i) => i.version, align: 'right' },
];

const kpiColumns: Column<KpiObservation>[] = [
  { header: 'kpi', value: (k) => k.kpi },
  { header: 'label', value: (k) => k.label },
  { header: 'year', value: (k) => (k.year === null ? null : String(k.year)) },
  { header: 'value', value: (k) => k.value, align: 'right' },
  { header: 'unit', value: (k) => k.unit },
  { header: 'status', value: (k) => k.status },
  { header: 'source', value: (k) => k.source },
];

/** `clusterlens initiatives list|show|outcomes|import`: initiative monitoring (docs/data/initiatives.md). */
export async function initiativesCommand(argv: string[], out: NodeJS.WritableStream): Promise<void> {
  const [sub, ...rest] = argv;
  const { values, positionals } = parseArgs({
    args: rest,
    options: { format: { type: 'string' }, peers: { type: 'string' }, region: { type: 'string' }, 'data-dir': { type: 'string' } },
    allowPositionals: true,
    strict: true,
  });
  const format = parseFormat(values.format);
  if (sub === 'import') {
    if (positionals.length === 0) throw new UsageError('initiatives import needs FILE… (JSON or CSV of initiatives and KPIs)');
    if (values.format !== undefined && format !== 'table' && format !== 'json') throw new UsageError('initiatives import: --format must be table or json');
    return withRegistry(values['data-dir'], async (client) => {
      const registry = await InitiativeRegistry.open(client);
      await ensureDemonstrationInitiatives(registry);
      const result = await importInitiativesFiles(registry, positionals.map((f) => resolve(f)), cliActor());
      out.write(format === 'json' ? JSON.stringify(result, null, 2) + '\n' : `imported ${result.initiatives} initiatives (${result.ids.join(', ') || 'none'}) and ${result.kpis} KPI observations\n`);
    });
  }
  if (sub === 'list') {
    if (positionals.length > 0) throw new UsageError('initiatives list takes no arguments');
    return withRegistry(values['data-dir'], async (client) => {
      const registry = await InitiativeRegistry.open(client);
      await ensureDemonstrationInitiatives(registry);
      const items = await registry.list(values.region === undefined ? {} : { region: values.region });
      if (format === 'json') out.write(JSON.stringify({ items }, null, 2) + '\n');
      else if (format === 'ndjson') out.write(items.map((i) => JSON.stringify(i)).join('\n') + (items.length > 0 ? '\n' : ''));
      else if (format === 'csv') out.write(formatCsv(items, initiativeColumns) + '\n');
      else out.write(formatTable(items, initiativeColumns) + '\n');
    });
  }
  if (sub === 'show' || sub === 'outcomes') {
    const [id, ...extra] = positionals;
    if (id === undefined || extra.length > 0) throw new UsageError(`initiatives ${sub} needs one initiative ID`);
    if (sub === 'show' && values.peers !== undefined) throw new UsageError('--peers goes with initiatives outcomes');
    const peers = (values.peers ?? '').split(',').map((p) => p.trim()).filter((p) => p !== '');
    const { service: clusters, store } = await openService(values['data-dir']);
    try {
      await withRegistry(values['data-dir'], async (client) => {
        const service = await InitiativeService.open(client, clusters);
        if (sub === 'show') {
          const detail = await service.detail(id);
          if (format === 'json') return void out.write(JSON.stringify(detail, null, 2) + '\n');
          if (format === 'csv' || format === 'ndjson') {
            out.write(format === 'csv' ? formatCsv(detail.kpis, kpiColumns) + '\n' : detail.kpis.map((k) => JSON.stringify(k)).join('\n') + (detail.kpis.length ? '\n' : ''));
            return;
          }
          const i = detail.initiative;
          out.write(`${i.name} [${i.id}]${i.demonstration ? ' — DEMONSTRATION DATA (published figures only; not an evaluation)' : ''}\n`);
          out.write(`region: ${i.region ?? '–'}${i.regionName ? ` (${i.regionName})` : ''}; sponsor: ${i.sponsor} (${i.sponsorLevel}); core body: ${i.coreBody ?? i.coreBodyName ?? '–'}\n`);
          out.write(`period: ${i.periodStart ?? '?'}–${i.periodEnd ?? ''}; targets: ${i.targets.join(', ') || '–'}; target clusters: ${i.targetClusters.join(', ') || '–'}\n`);
          for (const b of i.budget) out.write(`budget: ${money(b.amount, b.currency)}${b.year === null ? '' : ` (${b.year})`}${b.label ? ` — ${b.label}` : ''}\n`);
          out.write(`members: ${i.members.map((m) => `${m.organisationId} (${m.role})`).join(', ') || '–'}\nsource: ${i.source}\n\n`);
          out.write(detail.kpis.length > 0 ? formatTable(detail.kpis, kpiColumns.slice(0, 6)) + '\n\n' : 'no KPI observations\n\n');
          const t = detail.targetsVsStrengths;
          if (!t.available) out.write(`targets vs strengths: not available — ${t.note}\n`);
          else {
            out.write(`targets vs strengths (${t.note}; strength = ${t.strengthRule}):\n`);
            out.write(`  targeted strengths: ${t.targetedStrengths.join(', ') || 'none'}\n  targets not strong: ${t.targetsNotStrong.join(', ') || 'none'}\n`);
            out.write(`  strengths not targeted: ${t.strengthsNotTargeted.join(', ') || 'none'}\n  overlap: ${t.overlapShare === null ? '–' : `${Math.round(t.overlapShare * 100)}% of the targets`}\n`);
          }
          return;
        }
        const r = await service.outcomes(id, peers.length > 0 ? { peers } : {});
        if (format === 'json') return void out.write(JSON.stringify(r, null, 2) + '\n');
        const rows = [r.treated, ...r.peers].filter((s) => s !== null).map((s) => ({ ...s, treated: s.region === r.treated?.region, excluded: r.excludedPeers.includes(s.region) }));
        const seriesColumns: Column<(typeof rows)[number]>[] = [
          { header: 'region', value: (s) => s.region },
          { header: 'name', value: (s) => s.name },
          { header: 'role', value: (s) => (s.treated ? 'treated' : s.excluded ? 'peer (excluded)' : 'peer') },
          ...r.years.map((y): Column<(typeof rows)[number]> => ({ header: String(y), value: (s) => (s.employment[String(y)] ?? null) === null ? null : Math.round(s.employment[String(y)]!), align: 'right' })),
        ];
        if (format === 'csv') return void out.write(formatCsv(rows, seriesColumns) + '\n');
        if (format === 'ndjson') return void out.write(rows.map((s) => JSON.stringify(s)).join('\n') + '\n');
        out.write(`${r.initiative.name} [${r.initiative.id}] — outcome: ${r.outcome.measure}${r.outcome.codes.length ? ` (${r.outcome.codes.join(', ')}, ${r.outcome.level})` : ''}\n`);
        if (r.status === 'insufficient-data') out.write(`insufficient data: ${r.reason}\n`);
        else {
          const pct = (v: number | null) => (v === null ? '–' : `${(v * 100).toFixed(1)}%`);
          out.write(`start year ${r.treatmentYear}; pre ${r.preYears.join(', ')}; post ${r.postYears.join(', ')}; peers: ${r.peers.length - r.excludedPeers.length} used (${r.peerSelection})\n`);
          out.write(`DiD of log employment: ${r.estimate?.toFixed(4)} (SE ${r.standardError === null ? '–' : r.standardError.toFixed(4)}, ${r.standardErrorMethod ?? 'no SE'}; t ${r.tStatistic ?? '–'}) ≈ ${pct(r.relativeEffect)} relative to the peers\n`);
          out.write(`pre-trend check: ${r.preTrend ? `${r.preTrend.estimate} (SE ${r.preTrend.standardError}) — ${r.preTrend.verdict}` : 'not possible (fewer than two years before the start)'}\n`);
        }
        for (const n of r.outcome.notes) out.write(`note: ${n}\n`);
        out.write(`assumptions:\n${r.assumptions.map((a) => `  - ${a}`).join('\n')}\nmethod: ${r.method}\n`);
        if (r.treated) out.write('\n' + formatTable(rows.slice(0, 11), seriesColumns) + (rows.length > 11 ? `\n… ${rows.length - 11} more peers (--format csv for all)` : '') + '\n');
      });
    } finally {
      await store.close();
    }
    return;
  }
  throw new UsageError(sub === undefined ? 'initiatives needs a subcommand: list, show, outcomes or import' : `unknown initiatives subcommand "${sub}"`);
}

async function withRegistry(dataDirFlag: string | undefined, work: (client: SqlClient) => Promise<void>): Promise<void> {
  const { client } = await openRegistryClient(dataDirFlag);
  try {
    await work(client);
  } finally {
    await client.close();
  }
}
