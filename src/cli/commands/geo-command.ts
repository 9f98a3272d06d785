import { parseArgs } from 'node:util';
import { shippedDataDir } from '../../io/default-data/shipped-data-dir.js';
import { GEO_LAYER_IDS, GEO_LAYERS, GeoLayerUnavailableError, readGeoLayer } from '../../io/geo/geo-layers.js';
import type { GeoLayerId } from '../../io/geo/geo-layers.js';
import { matchGeoLayer } from '../../io/geo/match-geo-layer.js';
import { layerRegions } from '../../service/county-areas.js';
import { openService } from '../open-service.js';
import { ServiceError } from '../../service/service-error.js';
import { UsageError } from '../usage-error.js';

/**
 * `clusterlens geo layers` lists the boundary layers and whether this distribution ships them;
 * `clusterlens geo match --layer nuts2` reports region codes in the data without a shape and shapes
 * without data, with the reason (docs/data/geometry.md).
 */
export async function geoCommand(argv: string[], out: NodeJS.WritableStream): Promise<void> {
  const [sub, ...rest] = argv;
  const { values } = parseArgs({
    args: rest,
    options: { layer: { type: 'string' }, format: { type: 'string', default: 'text' }, limit: { type: 'string' }, 'data-dir': { type: 'string' } },
    strict: true,
    allowPositionals: false,
  });
  if (values.format !== 'text' && values.format !== 'json') throw new UsageError('--format must be text or json');
  const dataDir = shippedDataDir();
  if (sub === 'layers') {
    const layers = GEO_LAYER_IDS.map((id) => {
      let available = true;
      try {
        readGeoLayer(dataDir, id);
      } catch (error) {
        if (!(error instanceof GeoLayerUnavailableError)) throw error;
        available = false;
      }
      const d = GEO_LAYERS[id];
      return { id, title: d.title, available, licence: d.licence, attribution: d.attribution, ...(available ? {} : { whenMissing: d.whenMissing }) };
    });
    if (values.format === 'json') out.write(JSON.stringify({ layers }, null, 2) + '\n');
    else for (const l of layers) out.write(`${l.id.padEnd(18)} ${l.available ? 'available  ' : 'NOT SHIPPED'} ${l.title}${l.available ? '' : `\n${' '.repeat(31)}${l.whenMissing}`}\n`);
    return;
  }
  if (sub !== 'match') throw new UsageError('geo needs a subcommand: layers, or match --layer <layer>');
  const layerId = GEO_LAYER_IDS.find((l) => l === values.layer);
  if (layerId === undefined) throw new UsageError(`--layer must be one of ${GEO_LAYER_IDS.join(', ')}`);
  const limit = values.limit === undefined ? 20 : Number(values.limit);
  if (!Number.isInteger(limit) || limit < 0) throw new UsageError('--limit must be a whole number');
  const layer = readLayer(dataDir, layerId);
  const { store } = await openService(values['data-dir']);
  try {
    const report = matchGeoLayer(layer, await layerRegions(store, layerId, dataDir));
    if (values.format === 'json') {
      out.write(JSON.stringify(report, null, 2) + '\n');
      return;
    }
    out.write(`${report.title}\n${report.shapes} shapes, ${report.regions} regions of this layer in the data, ${report.matched} matched\n`);
    for (const [title, list] of [['regions in the data without a shape', report.regionsWithoutShape], ['shapes without data', report.shapesWithoutData]] as const) {
      out.write(`\n${title}: ${list.length}\n`);
      for (const m of list.slice(0, limit)) out.write(`  ${(m.regionId ?? m.shapeId ?? '').padEnd(10)} ${m.name.slice(0, 40).padEnd(40)} ${m.reason}\n`);
      if (list.length > limit) out.write(`  … and ${list.length - limit} more (--limit, --format json)\n`);
    }
    out.write(`\nby reason:\n${Object.entries(report.reasons).map(([r, n]) => `  ${String(n).padStart(5)}  ${r}`).join('\n')}\n`);
  } finally {
    await store.close();
  }
}

function readLayer(dataDir: string, id: GeoLayerId): ReturnType<typeof readGeoLayer> {
  try {
    return readGeoLayer(dataDir, id);
  } catch (error) {
    // a layer not shipped is a runtime condition (exit 1), not a usage error
    if (error instanceof GeoLayerUnavailableError) throw new ServiceError('NOT_FOUND', error.message, { layer: id });
    throw error;
  }
}
