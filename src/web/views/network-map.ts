/**
 * The network map of the Actors view: thousands of organisations of GET /api/v1/network/graph drawn on a 2D canvas
 * (positions laid out on the server). Zoom with the wheel, a pinch, the +/− buttons or the + and − keys (about the
 * pointer, animated), pan by dragging or with the arrow keys, 0 resets; filter by type, country and minimum number of
 * partners without refetching. Links are drawn as one path per shade (weak, strong), nodes as one path per type
 * colour; only what the view shows is drawn (uniform-grid index), and redraws are coalesced into one animation frame.
 * Hover or focus shows a tooltip; a click opens the organisation. performance.measure records the first draw
 * (network-map:first-draw) and each redraw (network-map:redraw); the canvas carries data-ready, data-nodes,
 * data-edges, data-zoom, data-draws and the last timings for tests.
 */
import { API_BASE, ApiError, getOptionalJson } from '../api-client.js';
import { createPanel, renderUnavailable } from '../chart-panel.js';
import { formatEmployment as formatCount } from '../format.js';
import { t } from '../i18n/translate.js';
import { htmlElement, svgElement } from '../svg.js';
import type { Tooltip } from '../tooltip.js';
import type { CsvTable } from '../chart-export.js';
import { selectField } from './controls.js';
import { typeName } from './actor-types.js';
import { TYPE_COLOURS } from './partner-network.js';
import type { ViewContext } from './view.js';
import {
  buildGrid, forEachInRect, formatView, HOME_VIEW, parseView, nearestNode, pixelsPerUnit, selectNetwork, toScreen, toWorld, zoomAbout,
  type MapView, type NetworkMapFilter, type NetworkMapGraph, type NetworkMapSelection,
} from './network-map-model.js';

/** Options of {@link drawNetworkMap}. */
export interface NetworkMapOptions {
  readonly filter: NetworkMapFilter;
  readonly view: MapView;
  /** An organisation to mark with a ring (the focus of the drawing). */
  readonly focus?: string;
  readonly tooltip: Tooltip;
  /** A click on an organisation. */
  readonly onOpen: (id: string) => void;
  /** The filter or the view changed (to record in the URL). */
  readonly onState: (filter: NetworkMapFilter, view: MapView) => void;
  /** The counts after a filter change (for the panel summary). */
  readonly onSelection: (selection: NetworkMapSelection) => void;
}

/** Handle of a drawn map: the data behind it and an SVG of what it shows, for the panel's exports. */
export interface NetworkMap {
  csv(): CsvTable;
  svg(): SVGSVGElement;
}

const HEIGHT = 620;
/** Organisations the workbench asks for: the API's default budget. */
const MAP_LIMIT = 5000;

/**
 * The map panel of the Actors view (`network=map`): fetches the drawing once, then filters and zooms on the client;
 * the filter and the view go to the URL (networkType, networkCountry, minDegree, zoom) without a re-render.
 */
export async function renderNetworkMapPanel(grid: HTMLElement, context: ViewContext, state: Readonly<Record<string, string | undefined>>): Promise<void> {
  const handle: { map?: NetworkMap } = {};
  const focus = state.focus;
  const title = focus ? t('actors.mapFocusTitle', { id: focus }) : t('actors.mapTitle');
  const panel = createPanel(grid, { id: 'network-map', title, howTo: t('howTo.actorsNetworkMap'), svg: () => handle.map?.svg() ?? null, csv: () => handle.map?.csv(), wide: true });
  // Around an organisation: its partners and theirs (depth 2), the nearest and strongest first.
  const query = new URLSearchParams({ limit: String(MAP_LIMIT) });
  if (focus) {
    query.set('focus', focus);
    query.set('depth', '2');
  }
  performance.mark('network-map:fetch-start');
  let graph: NetworkMapGraph | undefined;
  try {
    graph = await getOptionalJson<NetworkMapGraph>(`${API_BASE}/network/graph?${query.toString()}`);
  } catch (error) {
    if (!(error instanceof ApiError && error.status === 404 && focus)) throw error;
    panel.summary.textContent = t('actors.mapNoFocus', { id: focus });
    return;
  }
  performance.measure('network-map:fetch', 'network-map:fetch-start');
  if (!context.isCurrent()) return;
  if (!graph) {
    renderUnavailable(panel.body, title);
    return;
  }
  const minDegree = Math.max(0, Number.parseInt(state.minDegree ?? '', 10) || 0);
  let current = { ...state };
  handle.map = drawNetworkMap(panel.body, panel.legend, graph, {
    filter: { type: state.networkType ?? '', country: state.networkCountry ?? '', minDegree },
    view: parseView(state.zoom),
    focus,
    tooltip: context.tooltip,
    onOpen: (id) => context.navigate('actors', { organisation: id }, 'push'),
    onState: (filter, view) => {
      if (!context.isCurrent()) return;
      current = { ...current, networkType: filter.type || undefined, networkCountry: filter.country || undefined, minDegree: filter.minDegree > 0 ? String(filter.minDegree) : undefined, zoom: formatView(view) };
      context.settle(current);
    },
    onSelection: (selection) => {
      panel.summary.textContent = t('actors.mapSummary', {
        shown: formatCount(graph.totals.nodesShown), filtered: formatCount(graph.totals.nodesFiltered), total: formatCount(graph.totals.nodes),
        edges: formatCount(graph.totals.edgesShown), filteredEdges: formatCount(graph.totals.edgesFiltered),
        visible: formatCount(selection.nodeCount), visibleEdges: formatCount(selection.edgeCount),
        iterations: graph.layout.iterations, ms: formatCount(Math.round(graph.timings?.layoutMs ?? 0)), communities: graph.communities?.count ?? '–',
      });
    },
  });
}
const GREY = '#9a9a9a';
const EDGE_SHADES = [{ colour: 'rgba(120,120,120,0.16)', width: 0.6 }, { colour: 'rgba(60,60,60,0.45)', width: 1.1 }] as const;

/** Draws the map into `container` with its controls and legend (in `legend`). */
export function drawNetworkMap(container: HTMLElement, legend: HTMLElement, graph: NetworkMapGraph, options: NetworkMapOptions): NetworkMap {
  container.replaceChildren();
  const nodes = graph.nodes;
  const n = nodes.ids.length;
  const extent = graph.layout.extent;
  let filter = options.filter;
  let view = options.view;

  // ------------------------------------------------------------ controls
  const controls = htmlElement('div', { class: 'toolbar network-controls' }, undefined, container);
  const typeSelect = selectField(controls, t('actors.typeFilter'), 'network-map-type');
  htmlElement('option', { value: '' }, t('actors.anyType'), typeSelect);
  const typeCounts = new Map<string, number>();
  for (const ty of nodes.types) typeCounts.set(ty, (typeCounts.get(ty) ?? 0) + 1);
  const types = [...typeCounts.keys()].sort();
  for (const ty of types) htmlElement('option', { value: ty }, `${typeName(ty)} (${typeCounts.get(ty)})`, typeSelect);
  typeSelect.value = filter.type;
  const countrySelect = selectField(controls, t('col.country'), 'network-map-country');
  htmlElement('option', { value: '' }, t('actors.anyCountry'), countrySelect);
  for (const c of [...new Set(nodes.countries.filter((x): x is string => x !== null))].sort()) htmlElement('option', { value: c }, c, countrySelect);
  countrySelect.value = filter.country;
  const degreeLabel = htmlElement('label', {}, undefined, controls);
  htmlElement('span', { class: 'label-text' }, t('actors.mapMinDegree'), degreeLabel);
  const degreeInput = htmlElement('input', { type: 'number', min: 0, step: 1, value: String(filter.minDegree), size: 4, 'data-testid': 'network-map-min-degree' }, undefined, degreeLabel);
  const zoomIn = htmlElement('button', { type: 'button', 'aria-label': t('actors.zoomIn'), 'data-testid': 'network-map-zoom-in' }, '+', controls);
  const zoomOut = htmlElement('button', { type: 'button', 'aria-label': t('actors.zoomOut'), 'data-testid': 'network-map-zoom-out' }, '−', controls);
  const reset = htmlElement('button', { type: 'button', 'data-testid': 'network-map-zoom-reset' }, t('actors.zoomReset'), controls);

  // ------------------------------------------------------------ canvas
  const canvas = htmlElement('canvas', { class: 'network-map', tabindex: 0, role: 'img', 'data-testid': 'network-map-canvas', 'data-total': String(n) }, undefined, container);
  canvas.textContent = t('actors.mapFallback');
  const context = canvas.getContext('2d');
  renderLegend(legend, types);
  const grid = buildGrid(nodes.x, nodes.y, Math.max(1, extent / 40));
  let selection = selectNetwork(graph, filter);
  let width = 0;
  let height = HEIGHT;
  let hovered = -1;
  let draws = 0;
  const focusIndex = options.focus === undefined ? -1 : nodes.ids.indexOf(options.focus);
  let frame = 0;

  // Nodes by type (one path per colour), biggest first within a type so that small ones stay visible on top.
  const typeOf = types.map((ty) => ({ ty, colour: TYPE_COLOURS[ty] ?? GREY, members: [] as number[] }));
  const typeIndex = new Map(types.map((ty, k) => [ty, k]));
  for (let i = 0; i < n; i++) typeOf[typeIndex.get(nodes.types[i] ?? '') ?? 0]?.members.push(i);
  const radius = Float32Array.from(nodes.degree, (d) => Math.min(6, 1 + 0.7 * Math.log2(1 + d / 10)));
  // Strong links: the top tenth by weight (at least 2 shared projects).
  const sortedWeights = [...graph.edges.weights].sort((a, b) => a - b);
  const strongFrom = Math.max(2, sortedWeights[Math.floor(sortedWeights.length * 0.9)] ?? 2);
  const ranked = Array.from({ length: n }, (_, i) => i).sort((a, b) => (nodes.strength[b] ?? 0) - (nodes.strength[a] ?? 0) || a - b);

  const resize = (): void => {
    const ratio = window.devicePixelRatio || 1;
    width = Math.max(200, Math.round(container.clientWidth || 800));
    height = HEIGHT;
    canvas.width = Math.round(width * ratio);
    canvas.height = Math.round(height * ratio);
    canvas.style.width = `${width}px`;
    canvas.style.height = `${height}px`;
    context?.setTransform(ratio, 0, 0, ratio, 0, 0);
  };

  const draw = (): void => {
    frame = 0;
    if (!context) return;
    const first = draws === 0;
    performance.mark('network-map:draw-start');
    const s = pixelsPerUnit(view, width, height, extent);
    const [x0, y0] = toWorld(view, width, height, extent, 0, 0);
    const [x1, y1] = toWorld(view, width, height, extent, width, height);
    const margin = 12 / s;
    context.fillStyle = '#ffffff';
    context.fillRect(0, 0, width, height);
    // Links: culled by their bounding box, one path per shade.
    const { sources, targets, weights } = graph.edges;
    let drawnEdges = 0;
    const nodeScale = Math.min(2.2, Math.sqrt(view.k));
    for (let shade = 0; shade < EDGE_SHADES.length; shade++) {
      context.beginPath();
      for (let k = 0; k < sources.length; k++) {
        if (selection.edges[k] !== 1 || ((weights[k] ?? 0) >= strongFrom ? 1 : 0) !== shade) continue;
        const a = sources[k] ?? 0;
        const b = targets[k] ?? 0;
        const ax = nodes.x[a] ?? 0;
        const ay = nodes.y[a] ?? 0;
        const bx = nodes.x[b] ?? 0;
        const by = nodes.y[b] ?? 0;
        if (Math.max(ax, bx) < x0 || Math.min(ax, bx) > x1 || Math.max(ay, by) < y0 || Math.min(ay, by) > y1) continue;
        context.moveTo(width / 2 + (ax - view.cx) * s, height / 2 + (ay - view.cy) * s);
        context.lineTo(width / 2 + (bx - view.cx) * s, height / 2 + (by - view.cy) * s);
        drawnEdges++;
      }
      context.strokeStyle = EDGE_SHADES[shade]!.colour;
      context.lineWidth = EDGE_SHADES[shade]!.width;
      context.stroke();
    }
    // Nodes in view (grid), one path per type colour.
    const inView = new Uint8Array(n);
    let drawnNodes = 0;
    forEachInRect(grid, x0 - margin, y0 - margin, x1 + margin, y1 + margin, (i) => {
      if (selection.nodes[i] === 1) {
        inView[i] = 1;
        drawnNodes++;
      }
    });
    context.lineWidth = 0.5;
    context.strokeStyle = 'rgba(0,0,0,0.55)';
    for (const group of typeOf) {
      context.beginPath();
      for (const i of group.members) {
        if (inView[i] !== 1) continue;
        const px = width / 2 + ((nodes.x[i] ?? 0) - view.cx) * s;
        const py = height / 2 + ((nodes.y[i] ?? 0) - view.cy) * s;
        const r = (radius[i] ?? 2) * nodeScale;
        context.moveTo(px + r, py);
        context.arc(px, py, r, 0, 2 * Math.PI);
      }
      context.fillStyle = group.colour;
      context.fill();
      context.stroke();
    }
    // Labels of the strongest organisations in view once zoomed in.
    if (view.k >= 2.5) {
      context.font = '11px system-ui, sans-serif';
      context.textAlign = 'center';
      context.lineWidth = 3;
      context.strokeStyle = '#ffffff';
      context.fillStyle = '#111111';
      let labels = 0;
      for (const i of ranked) {
        if (labels >= 30) break;
        if (inView[i] !== 1) continue;
        const [px, py] = toScreen(view, width, height, extent, nodes.x[i] ?? 0, nodes.y[i] ?? 0);
        const text = shorten(nodes.names[i] ?? '');
        const ty = py - (radius[i] ?? 2) * nodeScale - 4;
        context.strokeText(text, px, ty);
        context.fillText(text, px, ty);
        labels++;
      }
    }
    if (focusIndex >= 0) {
      const [px, py] = toScreen(view, width, height, extent, nodes.x[focusIndex] ?? 0, nodes.y[focusIndex] ?? 0);
      context.beginPath();
      context.arc(px, py, (radius[focusIndex] ?? 2) * nodeScale + 4, 0, 2 * Math.PI);
      context.lineWidth = 3;
      context.strokeStyle = '#111111';
      context.stroke();
    }
    if (hovered >= 0 && selection.nodes[hovered] === 1) {
      const [px, py] = toScreen(view, width, height, extent, nodes.x[hovered] ?? 0, nodes.y[hovered] ?? 0);
      context.beginPath();
      context.arc(px, py, (radius[hovered] ?? 2) * nodeScale + 3, 0, 2 * Math.PI);
      context.lineWidth = 2.5;
      context.strokeStyle = '#d81b60';
      context.stroke();
    }
    performance.mark('network-map:draw-end');
    const measure = performance.measure(first ? 'network-map:first-draw' : 'network-map:redraw', 'network-map:draw-start', 'network-map:draw-end');
    draws++;
    canvas.dataset.nodes = String(drawnNodes);
    canvas.dataset.edges = String(drawnEdges);
    canvas.dataset.visible = String(selection.nodeCount);
    canvas.dataset.zoom = view.k.toFixed(2);
    canvas.dataset.draws = String(draws);
    canvas.dataset[first ? 'firstDrawMs' : 'redrawMs'] = measure.duration.toFixed(1);
    canvas.dataset.ready = 'true';
    canvas.setAttribute('aria-label', t('actors.mapLabel', { nodes: selection.nodeCount, edges: selection.edgeCount }));
  };
  /** Coalesces redraws into one animation frame. */
  const schedule = (): void => {
    if (frame === 0) frame = requestAnimationFrame(draw);
  };

  // ------------------------------------------------------------ state changes
  let settleTimer = 0;
  const changed = (): void => {
    schedule();
    window.clearTimeout(settleTimer);
    settleTimer = window.setTimeout(() => options.onState(filter, view), 250);
  };
  const setFilter = (): void => {
    const minDegree = Math.max(0, Math.floor(Number(degreeInput.value) || 0));
    filter = { type: typeSelect.value, country: countrySelect.value, minDegree };
    selection = selectNetwork(graph, filter);
    hovered = -1;
    options.tooltip.hide();
    options.onSelection(selection);
    changed();
  };
  typeSelect.addEventListener('change', setFilter);
  countrySelect.addEventListener('change', setFilter);
  degreeInput.addEventListener('change', setFilter);

  // Smooth zoom: buttons and keys animate to the target over ~180 ms; the wheel zooms continuously.
  let animation = 0;
  const animateTo = (target: MapView): void => {
    cancelAnimationFrame(animation);
    const from = view;
    const started = performance.now();
    const step = (now: number): void => {
      const u = Math.min(1, (now - started) / 180);
      const e = u * (2 - u);
      // interpolate the scale geometrically so the zoom speed feels even
      view = { k: from.k * (target.k / from.k) ** e, cx: from.cx + (target.cx - from.cx) * e, cy: from.cy + (target.cy - from.cy) * e };
      draw();
      if (u < 1) animation = requestAnimationFrame(step);
      else changed();
    };
    animation = requestAnimationFrame(step);
  };
  const zoomCentre = (factor: number): void => animateTo(zoomAbout(view, factor, width / 2, height / 2, width, height, extent));
  const pan = (dx: number, dy: number): void => {
    const s = pixelsPerUnit(view, width, height, extent);
    animateTo({ ...view, cx: view.cx + dx / s, cy: view.cy + dy / s });
  };
  zoomIn.addEventListener('click', () => zoomCentre(1.5));
  zoomOut.addEventListener('click', () => zoomCentre(1 / 1.5));
  reset.addEventListener('click', () => animateTo(HOME_VIEW));
  canvas.addEventListener('wheel', (event) => {
    event.preventDefault();
    const rect = canvas.getBoundingClientRect();
    const delta = event.deltaMode === 1 ? event.deltaY * 16 : event.deltaY;
    view = zoomAbout(view, Math.exp(-delta * 0.0015), event.clientX - rect.left, event.clientY - rect.top, width, height, extent);
    changed();
  }, { passive: false });
  canvas.addEventListener('keydown', (event) => {
    const step = 80;
    const actions: Record<string, () => void> = {
      '+': () => zoomCentre(1.5), '=': () => zoomCentre(1.5), '-': () => zoomCentre(1 / 1.5), '0': () => animateTo(HOME_VIEW),
      ArrowLeft: () => pan(-step, 0), ArrowRight: () => pan(step, 0), ArrowUp: () => pan(0, -step), ArrowDown: () => pan(0, step),
      Enter: () => {
        if (hovered >= 0) options.onOpen(nodes.ids[hovered] ?? '');
      },
    };
    const action = actions[event.key];
    if (!action) return;
    event.preventDefault();
    action();
  });

  // Drag to pan, pinch to zoom (pointer events), hover for the tooltip, click to open.
  const pointers = new Map<number, { x: number; y: number }>();
  let dragged = false;
  let pinch = 0;
  const local = (event: PointerEvent): { x: number; y: number } => {
    const rect = canvas.getBoundingClientRect();
    return { x: event.clientX - rect.left, y: event.clientY - rect.top };
  };
  canvas.addEventListener('pointerdown', (event) => {
    canvas.setPointerCapture(event.pointerId);
    pointers.set(event.pointerId, local(event));
    dragged = false;
    if (pointers.size === 2) {
      const [a, b] = [...pointers.values()];
      pinch = Math.hypot((a?.x ?? 0) - (b?.x ?? 0), (a?.y ?? 0) - (b?.y ?? 0));
    }
  });
  canvas.addEventListener('pointermove', (event) => {
    const p = local(event);
    const previous = pointers.get(event.pointerId);
    if (previous) {
      pointers.set(event.pointerId, p);
      if (pointers.size === 2) {
        const [a, b] = [...pointers.values()];
        const distance = Math.hypot((a?.x ?? 0) - (b?.x ?? 0), (a?.y ?? 0) - (b?.y ?? 0));
        if (pinch > 0 && distance > 0) view = zoomAbout(view, distance / pinch, ((a?.x ?? 0) + (b?.x ?? 0)) / 2, ((a?.y ?? 0) + (b?.y ?? 0)) / 2, width, height, extent);
        pinch = distance;
        dragged = true;
        changed();
        return;
      }
      const dx = p.x - previous.x;
      const dy = p.y - previous.y;
      if (Math.abs(dx) + Math.abs(dy) > 0) {
        if (Math.abs(dx) + Math.abs(dy) > 2) dragged = true;
        const s = pixelsPerUnit(view, width, height, extent);
        view = { ...view, cx: view.cx - dx / s, cy: view.cy - dy / s };
        options.tooltip.hide();
        changed();
      }
      return;
    }
    hover(p.x, p.y, event.clientX, event.clientY);
  });
  const release = (event: PointerEvent): void => {
    const wasDown = pointers.delete(event.pointerId);
    if (pointers.size < 2) pinch = 0;
    if (wasDown && !dragged && event.type === 'pointerup') {
      const p = local(event);
      const i = hit(p.x, p.y);
      if (i >= 0) options.onOpen(nodes.ids[i] ?? '');
    }
  };
  canvas.addEventListener('pointerup', release);
  canvas.addEventListener('pointercancel', release);
  canvas.addEventListener('pointerleave', () => {
    if (hovered >= 0) {
      hovered = -1;
      schedule();
    }
    options.tooltip.hide();
  });
  const hit = (px: number, py: number): number => {
    const [wx, wy] = toWorld(view, width, height, extent, px, py);
    return nearestNode(grid, nodes.x, nodes.y, selection.nodes, wx, wy, 10 / pixelsPerUnit(view, width, height, extent));
  };
  const hover = (px: number, py: number, clientX: number, clientY: number): void => {
    const i = hit(px, py);
    if (i !== hovered) {
      hovered = i;
      schedule();
    }
    canvas.style.cursor = i >= 0 ? 'pointer' : 'grab';
    if (i < 0) {
      options.tooltip.hide();
      return;
    }
    options.tooltip.showAt({ title: nodes.names[i] ?? '', lines: tooltipLines(graph, i) }, clientX, clientY);
  };

  const observer = new ResizeObserver(() => {
    const before = width;
    resize();
    if (width !== before) schedule();
  });
  resize();
  observer.observe(container);
  schedule();
  options.onSelection(selection);

  return {
    csv: () => ({
      header: ['id', 'name', 'type', 'country', 'degree', 'strength', 'community', 'x', 'y'],
      rows: nodes.ids.flatMap((id, i) => (selection.nodes[i] === 1 ? [[id, nodes.names[i], nodes.types[i], nodes.countries[i], nodes.degree[i], nodes.strength[i], nodes.community[i], nodes.x[i], nodes.y[i]]] : [])),
    }),
    svg: () => mapSvg(graph, selection, view, width, height, typeOf, radius, strongFrom),
  };
}

function shorten(text: string): string {
  return text.length > 28 ? `${text.slice(0, 27)}…` : text;
}

function tooltipLines(graph: NetworkMapGraph, i: number): string[] {
  const nodes = graph.nodes;
  return [
    `${typeName(nodes.types[i] ?? '')} · ${nodes.countries[i] ?? '–'}`,
    t('actors.mapTooltipDegree', { degree: nodes.degree[i] ?? 0, strength: nodes.strength[i] ?? 0 }),
    t('actors.mapTooltipCommunity', { community: (nodes.community[i] ?? 0) + 1 }),
    t('actors.mapOpenHint'),
  ];
}

/** The legend: one swatch per organisation type present, in the drawing's colours. */
function renderLegend(legend: HTMLElement, types: readonly string[]): void {
  legend.replaceChildren();
  const list = htmlElement('ul', { class: 'marks', 'aria-label': t('actors.mapLegend'), 'data-testid': 'network-map-legend' }, undefined, legend);
  for (const ty of types) {
    const li = htmlElement('li', {}, undefined, list);
    const svg = svgElement('svg', { width: 16, height: 16, viewBox: '0 0 16 16', 'aria-hidden': 'true' }, li);
    svgElement('circle', { cx: 8, cy: 8, r: 6, fill: TYPE_COLOURS[ty] ?? GREY, stroke: '#333', 'stroke-width': 0.8 }, svg);
    htmlElement('span', {}, typeName(ty), li);
  }
}

/** What the canvas shows, as an SVG (links one path per shade, nodes one circle each) for the PNG and SVG exports. */
function mapSvg(
  graph: NetworkMapGraph, selection: NetworkMapSelection, view: MapView, width: number, height: number,
  groups: readonly { colour: string; members: number[] }[], radius: Float32Array, strongFrom: number,
): SVGSVGElement {
  const extent = graph.layout.extent;
  const nodes = graph.nodes;
  const svg = svgElement('svg', { viewBox: `0 0 ${width} ${height}`, width, height });
  const [x0, y0] = toWorld(view, width, height, extent, 0, 0);
  const [x1, y1] = toWorld(view, width, height, extent, width, height);
  const inside = (i: number): boolean => (nodes.x[i] ?? 0) >= x0 && (nodes.x[i] ?? 0) <= x1 && (nodes.y[i] ?? 0) >= y0 && (nodes.y[i] ?? 0) <= y1;
  const paths = ['', ''];
  const { sources, targets, weights } = graph.edges;
  for (let k = 0; k < sources.length; k++) {
    const a = sources[k] ?? 0;
    const b = targets[k] ?? 0;
    if (selection.edges[k] !== 1 || (!inside(a) && !inside(b))) continue;
    const [ax, ay] = toScreen(view, width, height, extent, nodes.x[a] ?? 0, nodes.y[a] ?? 0);
    const [bx, by] = toScreen(view, width, height, extent, nodes.x[b] ?? 0, nodes.y[b] ?? 0);
    paths[(weights[k] ?? 0) >= strongFrom ? 1 : 0] += `M${ax.toFixed(1)} ${ay.toFixed(1)}L${bx.toFixed(1)} ${by.toFixed(1)}`;
  }
  paths.forEach((d, shade) => {
    if (d !== '') svgElement('path', { d, fill: 'none', stroke: shade === 1 ? '#3c3c3c' : '#787878', 'stroke-opacity': shade === 1 ? 0.45 : 0.16, 'stroke-width': EDGE_SHADES[shade]!.width }, svg);
  });
  const nodeScale = Math.min(2.2, Math.sqrt(view.k));
  for (const group of groups) {
    const g = svgElement('g', { fill: group.colour, stroke: '#000000', 'stroke-opacity': 0.55, 'stroke-width': 0.5 }, svg);
    for (const i of group.members) {
      if (selection.nodes[i] !== 1 || !inside(i)) continue;
      const [px, py] = toScreen(view, width, height, extent, nodes.x[i] ?? 0, nodes.y[i] ?? 0);
      svgElement('circle', { cx: px.toFixed(1), cy: py.toFixed(1), r: ((radius[i] ?? 2) * nodeScale).toFixed(1) }, g);
    }
  }
  return svg;
}
