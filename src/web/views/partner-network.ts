/**
 * The partner network of the Actors view: the seeker (an organisation, or the need), its suggested
 * partners and the partners each suggestion shares with the seeker (the social proximity's common
 * partners), drawn as SVG: seeker in the centre, suggestions on a ring, shared partners outside near the
 * suggestions they connect. Zoom with the wheel or the +/− buttons, filter by type and country; each
 * suggestion is a focusable link (Enter opens it). Pure layout in {@link partnerNetwork}; drawing in
 * {@link drawPartnerNetwork}.
 */
import { t } from '../i18n/translate.js';
import { htmlElement, svgElement } from '../svg.js';
import { selectField } from './controls.js';
import { typeName, type Organisation, type Suggestion } from './actor-types.js';

/** A node of the drawing, with its position. */
export interface NetworkNode {
  readonly id: string;
  readonly label: string;
  readonly role: 'seeker' | 'suggestion' | 'shared';
  readonly type: string | null;
  readonly country: string | null;
  readonly x: number;
  readonly y: number;
}

/** An edge: seeker → suggestion (suggested) or suggestion — shared partner (shared). */
export interface NetworkEdge {
  readonly source: string;
  readonly target: string;
  readonly kind: 'suggested' | 'shared';
}

/** The partner network and its layout. */
export interface PartnerNetwork {
  readonly nodes: readonly NetworkNode[];
  readonly edges: readonly NetworkEdge[];
}

/** Okabe–Ito colours per organisation type (colour-blind safe); unknown types grey. */
export const TYPE_COLOURS: Readonly<Record<string, string>> = {
  university: '#0072b2',
  'research-institute': '#56b4e9',
  sme: '#e69f00',
  'large-firm': '#d55e00',
  firm: '#cc79a7',
  'public-agency': '#009e73',
  'cluster-organisation': '#f0e442',
  financier: '#000000',
  other: '#999999',
};

/** Lays out the seeker, the suggestions (ring of radius 200) and their shared partners (radius 360). */
export function partnerNetwork(seeker: Organisation | undefined, suggestions: readonly Suggestion[]): PartnerNetwork {
  const seekerId = seeker?.id ?? 'need';
  const nodes: NetworkNode[] = [{ id: seekerId, label: seeker?.name ?? t('actors.networkNeed'), role: 'seeker', type: seeker?.type ?? null, country: seeker?.country ?? null, x: 0, y: 0 }];
  const edges: NetworkEdge[] = [];
  const angles = new Map<string, number[]>();
  suggestions.forEach((s, i) => {
    const angle = (2 * Math.PI * i) / Math.max(1, suggestions.length) - Math.PI / 2;
    nodes.push({ id: s.organisation.id, label: s.organisation.name, role: 'suggestion', type: s.organisation.type, country: s.organisation.country, x: 200 * Math.cos(angle), y: 200 * Math.sin(angle) });
    edges.push({ source: seekerId, target: s.organisation.id, kind: 'suggested' });
    for (const partner of s.proximities.social?.commonPartnerIds ?? []) {
      if (partner === seekerId || suggestions.some((x) => x.organisation.id === partner)) continue;
      edges.push({ source: s.organisation.id, target: partner, kind: 'shared' });
      angles.set(partner, [...(angles.get(partner) ?? []), angle]);
    }
  });
  let k = 0;
  for (const [id, list] of angles) {
    // The circular mean of the suggestions' angles, spread a little so shared partners do not overlap.
    const mean = Math.atan2(list.reduce((a, x) => a + Math.sin(x), 0), list.reduce((a, x) => a + Math.cos(x), 0));
    const radius = 330 + (k % 4) * 22 - list.length * 12;
    const angle = mean + ((k % 7) - 3) * 0.035;
    nodes.push({ id, label: id, role: 'shared', type: null, country: null, x: radius * Math.cos(angle), y: radius * Math.sin(angle) });
    k++;
  }
  return { nodes, edges };
}

/** Draws the network into `container` with zoom buttons and filters. */
export function drawPartnerNetwork(container: HTMLElement, graph: PartnerNetwork, options: { onOpen: (id: string) => void }): void {
  container.replaceChildren();
  const controls = htmlElement('div', { class: 'toolbar network-controls' }, undefined, container);
  const typeSelect = selectField(controls, t('actors.typeFilter'), 'actors-network-type');
  htmlElement('option', { value: '' }, t('actors.anyType'), typeSelect);
  const types = [...new Set(graph.nodes.map((n) => n.type).filter((x): x is string => x !== null))].sort();
  for (const ty of types) htmlElement('option', { value: ty }, typeName(ty), typeSelect);
  const countrySelect = selectField(controls, t('col.country'), 'actors-network-country');
  htmlElement('option', { value: '' }, t('actors.anyCountry'), countrySelect);
  for (const c of [...new Set(graph.nodes.map((n) => n.country).filter((x): x is string => x !== null))].sort()) htmlElement('option', { value: c }, c, countrySelect);
  const zoomIn = htmlElement('button', { type: 'button', 'aria-label': t('actors.zoomIn'), 'data-testid': 'actors-zoom-in' }, '+', controls);
  const zoomOut = htmlElement('button', { type: 'button', 'aria-label': t('actors.zoomOut'), 'data-testid': 'actors-zoom-out' }, '−', controls);
  const reset = htmlElement('button', { type: 'button', 'data-testid': 'actors-zoom-reset' }, t('actors.zoomReset'), controls);

  const size = 860;
  const half = size / 2;
  const svg = svgElement('svg', { viewBox: `${-half} ${-half} ${size} ${size}`, width: '100%', height: 620, class: 'network', role: 'group', 'aria-label': t('actors.networkLabel', { nodes: graph.nodes.length, edges: graph.edges.length }), 'data-testid': 'actors-network-svg' }, container);
  svgElement('rect', { x: -half, y: -half, width: size, height: size, fill: '#ffffff' }, svg);
  const byId = new Map(graph.nodes.map((n) => [n.id, n]));
  const edgeLayer = svgElement('g', { 'aria-hidden': 'true' }, svg);
  const edgeEls = graph.edges.map((e) => {
    const a = byId.get(e.source);
    const b = byId.get(e.target);
    const line = svgElement('line', { x1: a?.x ?? 0, y1: a?.y ?? 0, x2: b?.x ?? 0, y2: b?.y ?? 0, stroke: e.kind === 'suggested' ? '#555' : '#bbb', 'stroke-width': e.kind === 'suggested' ? 1.6 : 0.7 }, edgeLayer);
    return { e, line };
  });
  const nodeLayer = svgElement('g', {}, svg);
  const nodeEls = graph.nodes.map((n) => {
    const r = n.role === 'seeker' ? 14 : n.role === 'suggestion' ? 9 : 3.5;
    const g = svgElement('g', { class: `node ${n.role}`, 'data-id': n.id, 'data-type': n.type ?? '', 'data-country': n.country ?? '', transform: `translate(${n.x.toFixed(1)},${n.y.toFixed(1)})` }, nodeLayer);
    svgElement('circle', { r, fill: n.type ? (TYPE_COLOURS[n.type] ?? '#999') : '#c8c8c8', stroke: '#222', 'stroke-width': n.role === 'shared' ? 0.3 : 1 }, g);
    if (n.role !== 'shared') {
      const label = n.label.length > 26 ? `${n.label.slice(0, 25)}…` : n.label;
      svgElement('text', { y: -r - 4, 'text-anchor': 'middle', class: 'node-label', fill: '#111' }, g).textContent = label;
    }
    if (n.role === 'suggestion') {
      g.setAttribute('tabindex', '0');
      g.setAttribute('role', 'link');
      g.setAttribute('aria-label', t('actors.nodeLabel', { name: n.label, type: typeName(n.type ?? ''), country: n.country ?? '–' }));
      g.addEventListener('click', () => options.onOpen(n.id));
      g.addEventListener('keydown', (event) => {
        if (event.key === 'Enter') options.onOpen(n.id);
      });
    }
    return { n, g };
  });

  let scale = 1;
  const apply = (): void => {
    const w = size / scale;
    svg.setAttribute('viewBox', `${(-w / 2).toFixed(1)} ${(-w / 2).toFixed(1)} ${w.toFixed(1)} ${w.toFixed(1)}`);
    svg.dataset.zoom = scale.toFixed(2);
  };
  const zoom = (factor: number): void => {
    scale = Math.min(8, Math.max(0.5, scale * factor));
    apply();
  };
  zoomIn.addEventListener('click', () => zoom(1.25));
  zoomOut.addEventListener('click', () => zoom(0.8));
  reset.addEventListener('click', () => {
    scale = 1;
    apply();
  });
  svg.addEventListener('wheel', (event) => {
    event.preventDefault();
    zoom(event.deltaY < 0 ? 1.1 : 0.9);
  }, { passive: false });
  apply();

  const filter = (): void => {
    const type = typeSelect.value;
    const country = countrySelect.value;
    const visible = new Set<string>();
    for (const { n, g } of nodeEls) {
      // The seeker always shows; shared partners (type unknown) only without a filter.
      const show = n.role === 'seeker' || (n.role === 'shared' ? type === '' && country === '' : (type === '' || n.type === type) && (country === '' || n.country === country));
      g.style.display = show ? '' : 'none';
      if (show) visible.add(n.id);
    }
    for (const { e, line } of edgeEls) line.style.display = visible.has(e.source) && visible.has(e.target) ? '' : 'none';
    svg.dataset.visible = String(visible.size);
  };
  typeSelect.addEventListener('change', filter);
  countrySelect.addEventListener('change', filter);
  filter();
}
