import { parseArgs } from 'node:util';
import type { MatchSuggestion } from '../../service/actors/index.js';
import { formatCsv, formatTable } from '../format-output.js';
import type { Column } from '../format-output.js';
import { UsageError } from '../usage-error.js';
import { FILTER_OPTIONS, openActorService, parseNetworkFilter, parseTypes, splitFlag } from './actors-command.js';
import { parseCount, parseFormat } from './options.js';

const r3 = (v: number): number | null => (Number.isFinite(v) ? Number(v.toFixed(3)) : null);

const columns: Column<MatchSuggestion>[] = [
  { header: 'rank', value: (s) => s.rank, align: 'right' },
  { header: 'id', value: (s) => s.organisation.id },
  { header: 'name', value: (s) => s.organisation.name },
  { header: 'type', value: (s) => s.organisation.type },
  { header: 'country', value: (s) => s.organisation.country },
  { header: 'score', value: (s) => r3(s.score), align: 'right' },
  { header: 'social', value: (s) => r3(s.proximities.social.score), align: 'right' },
  { header: 'cognitive', value: (s) => r3(s.proximities.cognitive.score), align: 'right' },
  { header: 'commonPartners', value: (s) => s.proximities.social.commonPartners, align: 'right' },
  { header: 'shared', value: (s) => [...s.proximities.cognitive.sharedKeywords, ...s.proximities.cognitive.sharedIndustries].slice(0, 5).join('; ') },
  { header: 'offers', value: (s) => s.complementarity.offers.slice(0, 3).join('; ') },
  { header: 'bridges', value: (s) => s.structuralHole.bridges },
];

/** `clusterlens match --organisation ID | --need "…"` and `clusterlens match evaluate`. */
export async function matchCommand(argv: string[], out: NodeJS.WritableStream): Promise<void> {
  if (argv[0] === 'evaluate') return matchEvaluate(argv.slice(1), out);
  const { values } = parseArgs({
    args: argv,
    options: {
      organisation: { type: 'string' },
      need: { type: 'string' },
      country: { type: 'string', multiple: true },
      region: { type: 'string', multiple: true },
      type: { type: 'string', multiple: true },
      top: { type: 'string' },
      format: { type: 'string', default: 'table' },
      'data-dir': { type: 'string' },
    },
    strict: true,
  });
  if ((values.organisation === undefined) === (values.need === undefined)) throw new UsageError('match needs --organisation ID or --need "keywords" (one of them)');
  const format = parseFormat(values.format);
  const types = parseTypes(values.type);
  const top = parseCount(values.top, '--top', 1) ?? 10;
  const { service, close } = await openActorService(values['data-dir']);
  try {
    const result = await service.match({ organisationId: values.organisation, need: values.need, types, countries: splitFlag(values.country), regions: splitFlag(values.region), top });
    if (format === 'json') out.write(JSON.stringify(result, null, 2) + '\n');
    else if (format === 'ndjson') for (const s of result.suggestions) out.write(JSON.stringify(s) + '\n');
    else if (format === 'csv') out.write(formatCsv(result.suggestions, columns) + '\n');
    else {
      out.write(`partners for ${result.seeker.organisationId ?? `"${result.seeker.need.join(', ')}"`} (${result.candidateCount} candidates):\n\n`);
      out.write(formatTable(result.suggestions, columns) + '\n');
      if (result.unknownNeeds.length > 0) out.write(`\nno organisation has: ${result.unknownNeeds.join(', ')}\n`);
      out.write('\nscore = weighted proximities (social, cognitive, geographical, institutional, organisational) and complementarity; docs/methods/partner-matching.md\n');
    }
  } finally {
    await close();
  }
}

async function matchEvaluate(argv: string[], out: NodeJS.WritableStream): Promise<void> {
  const { values } = parseArgs({
    args: argv,
    options: {
      ...FILTER_OPTIONS,
      'hold-out': { type: 'string' },
      split: { type: 'string', default: 'random' },
      'test-from': { type: 'string' },
      seed: { type: 'string' },
      k: { type: 'string' },
      'max-seekers': { type: 'string' },
      'with-programmes': { type: 'boolean', default: false },
      format: { type: 'string', default: 'table' },
      'data-dir': { type: 'string' },
    },
    strict: true,
  });
  const format = parseFormat(values.format);
  const holdOut = values['hold-out'] === undefined ? 0.1 : Number(values['hold-out']);
  if (!(holdOut > 0 && holdOut < 1)) throw new UsageError(`--hold-out must be a share in (0, 1), not "${values['hold-out']}"`);
  const split = values.split;
  if (split !== 'random' && split !== 'temporal') throw new UsageError(`--split must be random or temporal, not "${split}"`);
  const testFrom = parseCount(values['test-from'], '--test-from', 1);
  if (testFrom !== undefined && split !== 'temporal') throw new UsageError('--test-from needs --split temporal');
  if (values['hold-out'] !== undefined && split === 'temporal') throw new UsageError('--hold-out applies to --split random (the temporal split holds out the projects from --test-from on)');
  const filter = parseNetworkFilter(values);
  const { service, close } = await openActorService(values['data-dir']);
  try {
    const r = await service.evaluate({
      split,
      testFrom,
      holdOut,
      seed: parseCount(values.seed, '--seed', 0) ?? 1,
      k: parseCount(values.k, '--k', 1) ?? 10,
      maxSeekers: parseCount(values['max-seekers'], '--max-seekers', 1) ?? 1000,
      withProgrammes: values['with-programmes'],
      filter,
    });
    if (format === 'json' || format === 'ndjson') {
      out.write(JSON.stringify(r, null, format === 'json' ? 2 : undefined) + '\n');
      return;
    }
    const rows = Object.entries(r.methods).map(([method, s]) => ({ method, ...s }));
    const cols: Column<(typeof rows)[number]>[] = [
      { header: 'method', value: (x) => x.method },
      { header: `precision@${r.k}`, value: (x) => r3(x.precisionAtK), align: 'right' },
      { header: `recall@${r.k}`, value: (x) => r3(x.recallAtK), align: 'right' },
      { header: 'hitRate', value: (x) => r3(x.hitRate), align: 'right' },
    ];
    if (format === 'csv') {
      out.write(formatCsv(rows, cols) + '\n');
      return;
    }
    out.write(
      (r.split === 'temporal'
        ? `temporal hold-out: ${r.projects!.training} projects starting before ${r.testFrom} give ${r.trainingLinks} training links; the ${r.heldOutLinks} new links of the ${r.projects!.test} projects from ${r.testFrom} on are predicted (${r.repeatedLinks} repeated pairs and ${r.projects!.undated} undated projects left out); ${r.seekers} seekers evaluated, ${r.coldStartSeekers} newcomers (no earlier link) left out`
        : `held out ${r.heldOutLinks} of ${r.links} links (share ${r.holdOutShare}, seed ${r.seed}); ${r.seekers} seekers evaluated, ${r.coldStartSeekers} cold-start left out`) +
        `${r.withProgrammes ? '; programme parts used as keywords' : ''}\n\n${formatTable(rows, cols)}\n\n(${r.seconds.toFixed(1)} s) baselines: same-industry = Jaccard of keywords and industry codes; preferential-attachment = most connected; common-partners = Adamic–Adar\n`,
    );
  } finally {
    await close();
  }
}
