/**
 * The US county map on a canvas: about 3,200 counties filled from an RGBA array (county-map-colours.ts),
 * strong clusters outlined in black (never colour alone), state borders drawn on top, the hovered or
 * chosen county ringed. Shapes are projected once from the TopoJSON arcs (Albers USA, the projection of the state map;
 * county-map-shapes.ts) into a cache of Path2D objects with bounding boxes; hover uses the boxes and `isPointInPath` as a hit test.
 * County and state borders are drawn once into a layer, and the strong outlines once per strong-flags array
 * (one per year's data; `prepare` draws them ahead, e.g. for a prefetched year), so a redraw fills the
 * counties and copies the layers.
 * The canvas is focusable: arrow keys step through the counties with data (largest LQ first), and the
 * tooltip describes the focused county. `toSvg()` builds an SVG copy (one path per county) for export.
 */
import { geoAlbersUsa } from 'd3-geo';
import { feature } from 'topojson-client';
import type { FeatureCollection, Geometry } from 'geojson';
import type { Topology } from './api-client.js';
import { t } from './i18n/translate.js';
import { projectArcs, projectMesh, projectShape, svgPathData, tracePath, type TopoGeometryLike } from './county-map-shapes.js';
import { svgElement } from './svg.js';
import type { Tooltip, TooltipContent } from './tooltip.js';
import { isStateFips } from './us-map.js';

const WIDTH = 960;
const HEIGHT = 600;
/** Strong-outline layers kept: the shown year and the two prefetched ones (county-map-view.ts); 2.3 MB each at 960 × 600. */
const STRONG_LAYERS = 3;

/** One projected county. */
interface CountyShape {
  readonly region: string;
  readonly name: string;
  readonly rings: Float32Array[];
  readonly path: Path2D;
  readonly box: readonly [number, number, number, number];
}

/** What the map draws: colours and strong flags in the map's county order. */
export interface CountyMapFrame {
  readonly rgba: Uint8ClampedArray;
  readonly strong: Uint8Array;
}

/** Handle returned by {@link createCountyMap}. */
export interface CountyMap {
  readonly canvas: HTMLCanvasElement;
  /** Region ids ("US-53033") in the map's county order. */
  readonly regions: readonly string[];
  /** Draws a frame (synchronously). */
  draw(frame: CountyMapFrame): void;
  /** Draws the strong outlines of a coming frame ahead (kept for frames with the same `strong` array). */
  prepare(strong: Uint8Array): void;
  /** Sets what the tooltip says about county `index`. */
  describe(content: (index: number) => TooltipContent): void;
  /** The counties the arrow keys step through, in order (indices into `regions`). */
  setOrder(indices: readonly number[]): void;
  /** The accessible label of the map. */
  label(text: string): void;
  /** An SVG copy of the current frame, for PNG and SVG export. */
  toSvg(): SVGSVGElement;
}

function colourOf(rgba: Uint8ClampedArray, i: number): string {
  return `rgb(${rgba[4 * i]},${rgba[4 * i + 1]},${rgba[4 * i + 2]})`;
}

/** Projects the counties once and returns the map (drawn on the first `draw`). */
export function createCountyMap(container: HTMLElement, counties: Topology, states: Topology, options: { readonly tooltip: Tooltip }): CountyMap {
  const countyObjects = counties.objects as Record<string, Parameters<typeof feature>[1]>;
  const stateObjects = states.objects as Record<string, Parameters<typeof feature>[1]>;
  const countyObject = countyObjects.counties;
  const stateObject = stateObjects.states;
  if (countyObject === undefined || stateObject === undefined) throw new Error('The county or state TopoJSON lacks its object');
  const stateCollection = feature(states, stateObject) as unknown as FeatureCollection<Geometry, { name?: string } | null>;
  const stateFeatures = stateCollection.features.filter((f) => isStateFips(String(f.id ?? '')));
  const stateNames = new Map(stateFeatures.map((f) => [String(f.id), f.properties?.name ?? '']));
  const projection = geoAlbersUsa().fitExtent([[8, 8], [WIDTH - 8, HEIGHT - 8]], { type: 'FeatureCollection', features: stateFeatures });
  const project = (point: [number, number]): [number, number] | null => projection(point);
  // Shapes straight from the arcs (county-map-shapes.ts): each shared border projected once.
  const countyArcs = projectArcs(counties, project);
  const shapes: CountyShape[] = [];
  for (const g of (countyObject as unknown as { geometries: TopoGeometryLike[] }).geometries) {
    const id = String(g.id ?? '');
    if (!/^\d{5}$/.test(id) || !isStateFips(id.slice(0, 2))) continue;
    const projected = projectShape(g, countyArcs);
    if (!projected) continue;
    const path = new Path2D();
    tracePath(path, projected.rings, true);
    const state = stateNames.get(id.slice(0, 2));
    const own = typeof g.properties?.name === 'string' ? g.properties.name : id;
    const region = typeof g.properties?.regionId === 'string' ? g.properties.regionId : `US-${id}`;
    shapes.push({ region, name: `${own}${state ? `, ${state}` : ''}`, rings: projected.rings, path, box: projected.box });
  }
  const stateArcs = projectArcs(states, project);
  const borderLines = projectMesh(states, stateObject as Parameters<typeof projectMesh>[1], (a, b) => a !== b, stateArcs);
  const outlineLines = projectMesh(states, stateObject as Parameters<typeof projectMesh>[1], (a, b) => a === b, stateArcs);
  const countyLines = projectMesh(counties, countyObject as Parameters<typeof projectMesh>[1], (a, b) => a !== b, countyArcs);
  const borders = new Path2D();
  tracePath(borders, borderLines, false);
  tracePath(borders, outlineLines, false);
  const countyBorders = new Path2D();
  tracePath(countyBorders, countyLines, false);

  const canvas = document.createElement('canvas');
  canvas.className = 'county-map';
  canvas.tabIndex = 0;
  canvas.setAttribute('role', 'img');
  canvas.setAttribute('data-testid', 'county-map');
  canvas.setAttribute('data-counties', String(shapes.length));
  const ratio = Math.min(2, Math.max(1, globalThis.devicePixelRatio || 1));
  canvas.width = WIDTH * ratio;
  canvas.height = HEIGHT * ratio;
  container.replaceChildren(canvas);
  const ctx = canvas.getContext('2d');
  if (!ctx) throw new Error('no 2D canvas');

  let frame: CountyMapFrame | undefined;
  let describe: (index: number) => TooltipContent = (i) => ({ title: shapes[i]?.name ?? '', lines: [] });
  let highlighted = -1;
  let order: readonly number[] = [];

  /** An offscreen layer of the canvas's size, drawn once by `paintLayer` in map coordinates (round joins). */
  const offscreenLayer = (paintLayer: (lc: CanvasRenderingContext2D) => void): HTMLCanvasElement => {
    const l = document.createElement('canvas');
    l.width = canvas.width;
    l.height = canvas.height;
    const lc = l.getContext('2d');
    if (lc) {
      lc.setTransform(ratio, 0, 0, ratio, 0, 0);
      lc.lineJoin = 'round';
      paintLayer(lc);
    }
    return l;
  };

  let layer: HTMLCanvasElement | undefined;
  const borderLayer = (): HTMLCanvasElement =>
    (layer ??= offscreenLayer((lc) => {
      lc.strokeStyle = 'rgba(255,255,255,0.5)';
      lc.lineWidth = 0.3;
      lc.stroke(countyBorders);
      lc.strokeStyle = '#333';
      lc.lineWidth = 0.9;
      lc.stroke(borders);
    }));

  // Strong outlines depend on the strong flags only, not on the threshold: drawn once per flags array (the
  // shown year's, and those of years prepared ahead) into a layer, then copied. The newest few are kept.
  const strongLayers = new Map<Uint8Array, HTMLCanvasElement>();
  const strongLayer = (strong: Uint8Array): HTMLCanvasElement => {
    const kept = strongLayers.get(strong);
    if (kept) {
      strongLayers.delete(strong);
      strongLayers.set(strong, kept);
      return kept;
    }
    const l = offscreenLayer((lc) => {
      lc.strokeStyle = '#000';
      const strongPaths = [new Path2D(), new Path2D()];
      for (let i = 0; i < shapes.length; i++) if (strong[i]! > 0) strongPaths[strong[i]! > 1 ? 1 : 0]!.addPath(shapes[i]!.path);
      lc.lineWidth = 1.1;
      lc.stroke(strongPaths[0]!);
      lc.lineWidth = 1.6;
      lc.stroke(strongPaths[1]!);
    });
    strongLayers.set(strong, l);
    for (const key of strongLayers.keys()) {
      if (strongLayers.size <= STRONG_LAYERS) break;
      strongLayers.delete(key);
    }
    return l;
  };

  const paint = (): void => {
    ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
    ctx.clearRect(0, 0, WIDTH, HEIGHT);
    if (!frame) return;
    const { rgba, strong } = frame;
    ctx.lineJoin = 'round';
    // One fill per colour: counties of the same colour are batched into one path.
    const batches = new Map<number, Path2D>();
    for (let i = 0; i < shapes.length; i++) {
      const key = (rgba[4 * i]! << 16) | (rgba[4 * i + 1]! << 8) | rgba[4 * i + 2]!;
      let batch = batches.get(key);
      if (!batch) batches.set(key, (batch = new Path2D()));
      batch.addPath(shapes[i]!.path);
    }
    for (const [key, batch] of batches) {
      ctx.fillStyle = `rgb(${key >> 16},${(key >> 8) & 255},${key & 255})`;
      ctx.fill(batch, 'evenodd');
    }
    // County and state borders do not change between frames: drawn once into a layer, then copied.
    ctx.setTransform(1, 0, 0, 1, 0, 0);
    ctx.drawImage(borderLayer(), 0, 0);
    ctx.drawImage(strongLayer(strong), 0, 0);
    ctx.setTransform(ratio, 0, 0, ratio, 0, 0);

    if (highlighted >= 0) {
      const p = shapes[highlighted]!.path;
      ctx.strokeStyle = '#fff';
      ctx.lineWidth = 4;
      ctx.stroke(p);
      ctx.strokeStyle = '#0b57d0';
      ctx.lineWidth = 2;
      ctx.stroke(p);
    }
  };

  const hit = (mx: number, my: number): number => {
    ctx.save();
    ctx.setTransform(1, 0, 0, 1, 0, 0);
    try {
      for (let i = 0; i < shapes.length; i++) {
        const b = shapes[i]!.box;
        if (mx < b[0] || mx > b[2] || my < b[1] || my > b[3]) continue;
        if (ctx.isPointInPath(shapes[i]!.path, mx, my, 'evenodd')) return i;
      }
      return -1;
    } finally {
      ctx.restore();
    }
  };

  canvas.addEventListener('pointermove', (event) => {
    const rect = canvas.getBoundingClientRect();
    const i = hit(((event.clientX - rect.left) / rect.width) * WIDTH, ((event.clientY - rect.top) / rect.height) * HEIGHT);
    if (i !== highlighted) {
      highlighted = i;
      paint();
    }
    if (i >= 0) options.tooltip.showAt(describe(i), event.clientX, event.clientY);
    else options.tooltip.hide();
  });
  canvas.addEventListener('pointerleave', () => {
    highlighted = -1;
    paint();
    options.tooltip.hide();
  });
  canvas.addEventListener('keydown', (event) => {
    if (order.length === 0) return;
    const step = event.key === 'ArrowRight' || event.key === 'ArrowDown' ? 1 : event.key === 'ArrowLeft' || event.key === 'ArrowUp' ? -1 : 0;
    if (step === 0) return;
    event.preventDefault();
    const at = order.indexOf(highlighted);
    highlighted = order[(at + step + order.length) % order.length] ?? -1;
    paint();
    if (highlighted >= 0) options.tooltip.showBeside(describe(highlighted), canvas);
  });
  canvas.addEventListener('blur', () => {
    highlighted = -1;
    paint();
    options.tooltip.hide();
  });

  return {
    canvas,
    regions: shapes.map((s) => s.region),
    draw(next) {
      frame = next;
      paint();
      // Reading one pixel makes the browser rasterise the queued drawing now, so "drawn" means drawn.
      ctx.getImageData(0, 0, 1, 1);
    },
    prepare(strong) {
      strongLayer(strong);
    },
    describe(content) {
      describe = content;
    },
    label(text) {
      canvas.setAttribute('aria-label', `${text}. ${t('county.keys')}`);
    },
    toSvg() {
      const svg = svgElement('svg', { viewBox: `0 0 ${WIDTH} ${HEIGHT}`, width: WIDTH, height: HEIGHT, class: 'county-map-svg', role: 'img', 'aria-label': canvas.getAttribute('aria-label') ?? '' });
      const fills = svgElement('g', { class: 'counties' }, svg);
      const strongLayer = svgElement('g', { class: 'strong-outline', fill: 'none', stroke: '#000' }, svg);
      shapes.forEach((s, i) => {
        const d = svgPathData(s.rings, true);
        svgElement('path', { d, fill: frame ? colourOf(frame.rgba, i) : '#bdbdbd', 'fill-rule': 'evenodd', 'data-region': s.region }, fills);
        const strong = frame?.strong[i] ?? 0;
        if (strong > 0) svgElement('path', { d, 'stroke-width': strong > 1 ? 1.6 : 1.1 }, strongLayer);
      });
      svgElement('path', { d: svgPathData([...borderLines, ...outlineLines], false), fill: 'none', stroke: '#333', 'stroke-width': 0.9 }, svg);
      return svg;
    },
    setOrder(indices) {
      order = indices;
    },
  };
}
