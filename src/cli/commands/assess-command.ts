import { parseArgs } from 'node:util';
import { resolve } from 'node:path';
import { assessInitiatives } from '../../service/policy/assess-initiatives.js';
import { formatTable } from '../format-output.js';
import type { Column } from '../format-output.js';
import { openService } from '../open-service.js';
import { UsageError } from '../usage-error.js';
import { parseYear } from './options.js';

interface Row {
  criterion: string;
  group: string;
  rating: string;
  western: string;
  eastern: string;
  rationale: string;
}

const columns: Column<Row>[] = [
  { header: 'criterion', value: (r) => r.criterion },
  { header: 'group', value: (r) => r.group },
  { header: 'rating', value: (r) => r.rating },
  { header: 'western', value: (r) => r.western },
  { header: 'eastern', value: (r) => r.eastern },
  { header: 'rationale', value: (r) => r.rationale },
];

const clip = (s: string, n: number): string => (s.length > n ? s.slice(0, n - 1) + '…' : s);

/** `clusterlens assess`: the cluster-policy assessment of the demonstration initiatives (or of a file of initiatives). */
export async function assessCommand(argv: string[], out: NodeJS.WritableStream): Promise<void> {
  const { values } = parseArgs({
    args: argv,
    options: {
      initiative: { type: 'string' },
      initiatives: { type: 'string' },
      year: { type: 'string' },
      format: { type: 'string', default: 'table' },
      'data-dir': { type: 'string' },
    },
    strict: true,
    allowPositionals: false,
  });
  const format = values.format;
  if (format !== 'table' && format !== 'json') throw new UsageError(`--format must be table or json, not "${format}"`);
  const year = values.year === undefined ? undefined : parseYear(values.year, '--year');
  const { service, store } = await openService(values['data-dir']);
  try {
    const result = await assessInitiatives(service, {
      ...(values.initiatives === undefined ? {} : { file: resolve(values.initiatives) }),
      ...(values.initiative === undefined ? {} : { initiative: values.initiative }),
      ...(year === undefined ? {} : { year }),
    });
    if (format === 'json') {
      out.write(JSON.stringify(result, null, 2) + '\n');
      return;
    }
    if (result.demonstration) out.write(`${result.notice}\nSource: ${result.source.citation}\n\n`);
    for (const { initiative, region, assessment } of result.assessments) {
      const score = Number.isNaN(assessment.score) ? '–' : assessment.score.toFixed(2);
      out.write(`${initiative.name} [${initiative.id}] — ${initiative.regionName}; sponsor: ${initiative.sponsor}${initiative.startYear === null ? '' : `; from ${initiative.startYear}`}\n`);
      out.write(`score ${score} of 2 over ${assessment.assessable} of ${assessment.total} assessable criteria; region data: ${region.note}\n\n`);
      const rows: Row[] = assessment.criteria.map((c) => ({
        criterion: c.id,
        group: c.group,
        rating: c.rating,
        western: c.western.rating ?? '–',
        eastern: c.eastern.rating ?? '–',
        rationale: clip(c.rationale, 110),
      }));
      out.write(formatTable(rows, columns) + '\n\n');
    }
    out.write('Ratings: strong (lesson met / weakness avoided), adequate, weak, not-assessable (evidence not available).\n' +
      'Western/Eastern: reference profiles read from the article (docs/methods/cluster-policy-assessment.md). --format json shows every piece of evidence with its source and method.\n');
  } finally {
    await store.close();
  }
}
