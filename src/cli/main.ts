#!/usr/bin/env node
import { AnalyticsError } from '../core/index.js';
import { ImportValidationError, formatValidationReport } from '../io/importers/validation-report.js';
import { StoreError } from '../io/store/store.js';
import { ServiceError } from '../service/service-error.js';
import { AnalysisCsvError } from '../io/importers/analysis-csv/index.js';
import { ComputeError } from '../service/compute/index.js';
import { catalogUsage, clustersUsage, compareUsage, computeUsage, opportunitiesUsage, exportUsage, importUsage, portfolioUsage, serveUsage } from './usage-text.js';
import { assessUsage, reportUsage } from './usage-text.js';
import { UsageError } from './usage-error.js';
import { usersUsage } from './usage-text.js';
import { discoverUsage } from './usage-text.js';
import { actorsUsage } from './usage-text.js';
import { initiativesUsage } from './usage-text.js';
import { geoUsage } from './usage-text.js';
import { compositeUsage } from './usage-text.js';
import { diamondUsage } from './usage-text.js';
import { RegistryError } from '../io/registry/sql-client.js';

const usage = `ClusterLens — industrial cluster analysis for regional development

Usage:
${serveUsage}

${clustersUsage}

${portfolioUsage}

${opportunitiesUsage}

${discoverUsage}

${compareUsage}

${importUsage}

${computeUsage}

${compositeUsage}

${catalogUsage}

${exportUsage}

${geoUsage}

${usersUsage}

${assessUsage}

${diamondUsage}

${reportUsage}

${actorsUsage}

${initiativesUsage}

Common options:
  --data-dir <dir>   where the embedded database lives (default: $CLUSTERLENS_DATA_DIR,
                     else $XDG_DATA_HOME/clusterlens, else ~/.local/share/clusterlens)
  --help             this text
`;

/** Runs the CLI; the only place that sets the exit code. 0 ok, 1 runtime error, 2 usage error. */
async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  if (!command || command === '--help' || command === '-h' || command === 'help') {
    process.stdout.write(usage);
    return command ? 0 : 2;
  }
  try {
    switch (command) {
      case 'clusters':
        await (await import('./commands/clusters-command.js')).clustersCommand(rest, process.stdout);
        return 0;
      case 'discover':
        await (await import('./commands/discover-command.js')).discoverCommand(rest, process.stdout);
        return 0;
      case 'portfolio':
        await (await import('./commands/portfolio-command.js')).portfolioCommand(rest, process.stdout);
        return 0;
      case 'opportunities':
        await (await import('./commands/opportunities-command.js')).opportunitiesCommand(rest, process.stdout);
        return 0;
      case 'related':
        await (await import('./commands/related-command.js')).relatedCommand(rest, process.stdout);
        return 0;
      case 'peers':
        await (await import('./commands/peers-command.js')).peersCommand(rest, process.stdout);
        return 0;
      case 'hotspots':
        await (await import('./commands/hotspots-command.js')).hotspotsCommand(rest, process.stdout);
        return 0;
      case 'import':
        await (await import('./commands/import-command.js')).importCommand(rest, process.stdout);
        return 0;
      case 'compare':
        await (await import('./commands/compare-command.js')).compareCommand(rest, process.stdout);
        return 0;
      case 'compute':
        await (await import('./commands/compute-command.js')).computeCommand(rest, process.stdout);
        return 0;
      case 'composite':
        await (await import('./commands/composite-command.js')).compositeCommand(rest, process.stdout);
        return 0;
      case 'datasets':
        await (await import('./commands/datasets-command.js')).datasetsCommand(rest, process.stdout);
        return 0;
      case 'regions':
        await (await import('./commands/regions-command.js')).regionsCommand(rest, process.stdout);
        return 0;
      case 'schemes':
        await (await import('./commands/schemes-command.js')).schemesCommand(rest, process.stdout);
        return 0;
      case 'industries':
        await (await import('./commands/industries-command.js')).industriesCommand(rest, process.stdout);
        return 0;
      case 'export':
        await (await import('./commands/export-command.js')).exportCommand(rest, process.stdout);
        return 0;
      case 'geo':
        await (await import('./commands/geo-command.js')).geoCommand(rest, process.stdout);
        return 0;
      case 'users':
        await (await import('./commands/users-command.js')).usersCommand(rest, process.stdout);
        return 0;
      case 'tokens':
        await (await import('./commands/users-command.js')).tokensCommand(rest, process.stdout);
        return 0;
      case 'assess':
        await (await import('./commands/assess-command.js')).assessCommand(rest, process.stdout);
        return 0;
      case 'diamond':
        await (await import('./commands/diamond-command.js')).diamondCommand(rest, process.stdout);
        return 0;
      case 'initiatives':
        await (await import('./commands/initiatives-command.js')).initiativesCommand(rest, process.stdout);
        return 0;
      case 'actors':
        await (await import('./commands/actors-command.js')).actorsCommand(rest, process.stdout);
        return 0;
      case 'network':
        await (await import('./commands/network-command.js')).networkCommand(rest, process.stdout);
        return 0;
      case 'match':
        await (await import('./commands/match-command.js')).matchCommand(rest, process.stdout);
        return 0;
      case 'report':
        await (await import('./commands/report-command.js')).reportCommand(rest, process.stdout);
        return 0;
      case 'serve': {
        const server = await (await import('./commands/serve-command.js')).serveCommand(rest);
        await new Promise<void>((resolve) => {
          const stop = (): void => {
            process.stderr.write('\nstopping…\n');
            void server.close().then(resolve, resolve);
          };
          process.once('SIGINT', stop);
          process.once('SIGTERM', stop);
        });
        return 0;
      }
      default:
        throw new UsageError(`unknown command "${command}"`);
    }
  } catch (error) {
    return reportError(error);
  }
}

function reportError(error: unknown): number {
  if (error instanceof UsageError || (error instanceof TypeError && 'code' in error && String(error.code).startsWith('ERR_PARSE_ARGS'))) {
    process.stderr.write(`clusterlens: ${error.message}\n\n${usage}`);
    return 2;
  }
  if (error instanceof ImportValidationError) {
    process.stderr.write(`clusterlens: ${error.message}\n${formatValidationReport(error.report)}\n`);
    return 1;
  }
  if (
    error instanceof ServiceError ||
    error instanceof StoreError ||
    error instanceof AnalyticsError ||
    error instanceof AnalysisCsvError ||
    error instanceof ComputeError ||
    error instanceof RegistryError
  ) {
    process.stderr.write(`clusterlens: ${error.message}\n`);
    return 1;
  }
  const e = error as NodeJS.ErrnoException;
  if (e && e.code === 'ENOENT') {
    process.stderr.write(`clusterlens: file not found: ${e.path ?? e.message}\n`);
    return 1;
  }
  process.stderr.write(`clusterlens: unexpected error: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
  return 1;
}

// `clusterlens … | head`: the reader closed the pipe, so nobody wants the rest of the output; stop quietly (the
// status of a writer killed by SIGPIPE in a shell is 141) instead of crashing with an EPIPE stack trace
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(141);
  throw error;
});

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`clusterlens: ${String(error)}\n`);
    process.exit(1);
  },
);
