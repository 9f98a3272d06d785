import { parseArgs } from 'node:util';
import type { RankedOrganisation } from '../../service/actors/index.js';
import { formatCsv, formatTable } from '../format-output.js';
import type { Column } from '../format-output.js';
import { UsageError } from '../usage-error.js';
import { FILTER_OPTIONS, openActorService, parseNetworkFilter } from './actors-command.js';
import { parseCount, parseFormat } from './options.js';

const pct = (v: number): string => (Number.isFinite(v) ? `${(100 * v).toFixed(1)} %` : '–');
const num = (v: number, digits = 4): number | null => (Number.isFinite(v) ? Number(v.toFixed(digits)) : null);

/** `clusterlens network indicators|brokers|communities`: the organisation network of a filter (H2020 by default). */
export async function networkCommand(argv: string[], out: NodeJS.WritableStream): Promise<void> {
  const [sub, ...rest] = argv;
  if (sub !== 'indicators' && sub !== 'brokers' && sub !== 'communities') {
    throw new UsageError(sub === undefined ? 'network needs a subcommand: indicators, brokers or communities' : `unknown network subcommand "${sub}"`);
  }
  const { values } = parseArgs({
    args: rest,
    options: {
      ...FILTER_OPTIONS,
      top: { type: 'string' },
      seed: { type: 'string' },
      sample: { type: 'string' },
      'group-by': { type: 'string' },
      format: { type: 'string', default: 'table' },
      'data-dir': { type: 'string' },
    },
    strict: true,
  });
  const format = parseFormat(values.format);
  const filter = parseNetworkFilter(values);
  const top = parseCount(values.top, '--top', 1);
  const seed = parseCount(values.seed, '--seed', 0);
  const sample = parseCount(values.sample, '--sample', 1);
  const groupBy = values['group-by'] ?? 'type';
  if (groupBy !== 'type' && groupBy !== 'country' && groupBy !== 'region') throw new UsageError(`--group-by must be type, country or region, not "${groupBy}"`);
  const { service, close } = await openActorService(values['data-dir']);
  try {
    if (sub === 'indicators') {
      const r = await service.indicators(filter, { top: top ?? 10, seed, betweennessSample: sample });
      if (format === 'json' || format === 'ndjson') {
        out.write(JSON.stringify(r, null, format === 'json' ? 2 : undefined) + '\n');
        return;
      }
      const c = r.cluster;
      const rows: { indicator: string; value: string | number | null }[] = [
        { indicator: 'organisations', value: r.nodeCount },
        { indicator: 'links', value: r.linkCount },
        { indicator: 'projects', value: r.projectCount },
        { indicator: 'participations', value: r.participationCount },
        { indicator: 'explicit linkages', value: r.explicitLinkageCount },
        { indicator: 'density', value: Number.isFinite(r.density) ? r.density.toPrecision(3) : '–' },
        { indicator: 'mean degree', value: num(r.meanDegree, 2) },
        { indicator: 'components', value: r.components.count },
        { indicator: 'largest component share', value: pct(r.components.largestShare) },
        { indicator: 'max k-core (size)', value: `${r.kCore.maxCore} (${r.kCore.maxCoreSize})` },
        { indicator: 'triple helix coverage', value: `${c.tripleHelix.pairsLinked}/3 sphere pairs linked${c.tripleHelix.complete ? ' (complete)' : ''}` },
        { indicator: 'industry / knowledge / government', value: `${c.tripleHelix.industry} / ${c.tripleHelix.knowledge} / ${c.tripleHelix.government}` },
        { indicator: 'SME share (of known size)', value: pct(c.smeShare) },
        { indicator: 'SME share of firms', value: pct(c.smeShareOfFirms) },
        { indicator: 'SME links to large firms', value: pct(c.smeLinks.toLargeFirmShare) },
        { indicator: 'SME links to universities/research', value: pct(c.smeLinks.toKnowledgeShare) },
        { indicator: 'firms of unknown size', value: c.firmsOfUnknownSize },
        { indicator: `local links (same ${c.localityLevel})`, value: pct(c.localLinkageShare) },
        { indicator: 'core bodies', value: c.coreBody.nodes.length },
      ];
      if (format === 'csv') {
        out.write(formatCsv(rows, [{ header: 'indicator', value: (x) => x.indicator }, { header: 'value', value: (x) => x.value }]) + '\n');
        return;
      }
      out.write(formatTable(rows, [{ header: 'indicator', value: (x) => x.indicator }, { header: 'value', value: (x) => x.value, align: 'right' }]) + '\n\n');
      const columns: Column<RankedOrganisation>[] = [
        { header: 'id', value: (x) => x.id },
        { header: 'type', value: (x) => x.type },
        { header: 'country', value: (x) => x.country },
        { header: 'value', value: (x) => num(x.value), align: 'right' },
      ];
      out.write(`top by degree:\n${formatTable(r.top.degree, columns)}\n\ntop by betweenness (${r.betweenness.exact ? 'exact' : `${r.betweenness.sampleSize} sampled sources, seed ${r.betweenness.seed}`}):\n${formatTable(r.top.betweenness, columns)}\n`);
      for (const d of [...r.diagnostics, ...c.diagnostics]) out.write(`note: ${d.message}\n`);
      out.write(`\ntimings: read ${Math.round(r.timings.readMs)} ms, build ${Math.round(r.timings.buildMs)} ms, indicators ${Math.round(r.timings.indicatorsMs)} ms\n`);
      return;
    }
    if (sub === 'brokers') {
      const r = await service.brokers(filter, { top: top ?? 20, groupBy, seed, betweennessSample: sample });
      if (format === 'json') out.write(JSON.stringify(r, null, 2) + '\n');
      else if (format === 'ndjson') for (const b of r.brokers) out.write(JSON.stringify(b) + '\n');
      else {
        type B = (typeof r.brokers)[number];
        const columns: Column<B>[] = [
          { header: 'rank', value: (b) => b.rank, align: 'right' },
          { header: 'id', value: (b) => b.id },
          { header: 'name', value: (b) => b.name },
          { header: 'type', value: (b) => b.type },
          { header: 'country', value: (b) => b.country },
          { header: 'betweenness', value: (b) => num(b.betweenness, 5), align: 'right' },
          { header: 'degree', value: (b) => b.degree, align: 'right' },
          { header: 'constraint', value: (b) => num(b.constraint, 5), align: 'right' },
          { header: 'coordinator', value: (b) => b.roles.coordinator, align: 'right' },
          { header: 'itinerant', value: (b) => b.roles.itinerant, align: 'right' },
          { header: 'representative', value: (b) => b.roles.representative, align: 'right' },
          { header: 'gatekeeper', value: (b) => b.roles.gatekeeper, align: 'right' },
          { header: 'liaison', value: (b) => b.roles.liaison, align: 'right' },
          { header: 'z liaison', value: (b) => (b.roleZ.liaison === null ? '–' : num(b.roleZ.liaison, 1)), align: 'right' },
          { header: 'z total', value: (b) => (b.roleZ.total === null ? '–' : num(b.roleZ.total, 1)), align: 'right' },
        ];
        if (format === 'csv') out.write(formatCsv(r.brokers, columns) + '\n');
        else {
          out.write(formatTable(r.brokers, columns) + '\n');
          out.write(
            `\nbetweenness: ${r.betweenness.exact ? 'exact' : `${r.betweenness.sampleSize} sampled sources, seed ${r.betweenness.seed}`}; Gould–Fernandez roles with groups = ${r.groupBy}\n` +
              `timings: read ${Math.round(r.timings.readMs)} ms, build ${Math.round(r.timings.buildMs)} ms, brokers ${Math.round(r.timings.brokersMs)} ms\n`,
          );
        }
      }
      return;
    }
    const r = await service.communities(filter, { seed: seed ?? 1, top: top ?? 20 });
    if (format === 'json') out.write(JSON.stringify(r, null, 2) + '\n');
    else if (format === 'ndjson') for (const c of r.communities) out.write(JSON.stringify(c) + '\n');
    else {
      type C = (typeof r.communities)[number];
      const columns: Column<C>[] = [
        { header: 'community', value: (c) => c.index, align: 'right' },
        { header: 'size', value: (c) => c.size, align: 'right' },
        { header: 'countries', value: (c) => c.countries.map((x) => `${x.country} ${x.count}`).join(', ') },
        { header: 'types', value: (c) => Object.entries(c.types).sort((a, b) => b[1] - a[1]).map(([t, k]) => `${t} ${k}`).join(', ') },
        { header: 'best connected', value: (c) => c.members.slice(0, 3).map((m) => m.id).join(', ') },
      ];
      if (format === 'csv') out.write(formatCsv(r.communities, columns) + '\n');
      else out.write(`${r.count} communities (Louvain, seed ${r.seed}), modularity ${r.modularity.toFixed(4)}\n\n${formatTable(r.communities, columns)}\n`);
    }
  } finally {
    await close();
  }
}
