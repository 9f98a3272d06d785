/**
 * Pure layout of the cluster-portfolio bubble chart: x = location quotient (LQ, log scale, reference
 * line at LQ = 1), y = employment change between the base year and the year (linear, reference line at 0),
 * bubble area ∝ employment. No DOM: the renderer in portfolio-chart.ts only draws what this returns.
 */
import { scaleLinear, scaleLog, scaleSqrt } from 'd3-scale';

/** The fields of a portfolio row that the layout reads (same names as the HTTP API). */
export interface PortfolioInput {
  readonly code: string;
  readonly name: string;
  readonly employment: number;
  /** Location quotient; null when undefined. */
  readonly lq: number | null;
  /** employment / baseEmployment − 1; null when the base employment is 0. */
  readonly employmentChange: number | null;
  readonly strong: boolean;
}

/** Options of {@link portfolioLayout}. */
export interface PortfolioLayoutOptions {
  readonly width?: number;
  readonly height?: number;
  readonly margin?: { readonly top: number; readonly right: number; readonly bottom: number; readonly left: number };
  /** Radius of the largest bubble, px. */
  readonly maxRadius?: number;
  /** Smallest radius drawn, px, so that tiny clusters stay visible and clickable. */
  readonly minRadius?: number;
  /** LQ below this is pinned to the left edge (log scale cannot show 0). */
  readonly minLocationQuotient?: number;
  /** Change above this (e.g. 1 = +100 %) is pinned to the top edge. */
  readonly maxChange?: number;
  /** Codes that always get a label attempt first (e.g. the selected cluster). */
  readonly highlight?: readonly string[];
  /** Label font size, px, used to estimate label boxes. */
  readonly fontSize?: number;
}

/** Defaults of {@link portfolioLayout}. */
export const PORTFOLIO_LAYOUT_DEFAULTS = Object.freeze({
  width: 640,
  height: 440,
  margin: Object.freeze({ top: 16, right: 20, bottom: 48, left: 60 }),
  maxRadius: 28,
  minRadius: 3,
  minLocationQuotient: 0.05,
  maxChange: 1,
  fontSize: 11,
});

/** A positioned bubble. `clamped` is true when the value lies off the axis range and sits on its edge. */
export interface PortfolioBubble<T extends PortfolioInput> {
  readonly datum: T;
  readonly cx: number;
  readonly cy: number;
  readonly r: number;
  readonly clamped: boolean;
}

/** A placed text label. */
export interface PortfolioLabel {
  readonly code: string;
  readonly text: string;
  readonly x: number;
  readonly y: number;
  readonly anchor: 'start' | 'end' | 'middle';
}

/** An axis tick. */
export interface PortfolioTick {
  readonly value: number;
  readonly label: string;
  /** Pixel position along the axis. */
  readonly position: number;
}

/** Everything the renderer needs. */
export interface PortfolioLayout<T extends PortfolioInput> {
  readonly width: number;
  readonly height: number;
  readonly plot: { readonly left: number; readonly top: number; readonly right: number; readonly bottom: number };
  /** Bubbles in drawing order: largest first so small ones stay on top. */
  readonly bubbles: readonly PortfolioBubble<T>[];
  readonly labels: readonly PortfolioLabel[];
  readonly xTicks: readonly PortfolioTick[];
  readonly yTicks: readonly PortfolioTick[];
  /** x pixel of LQ = 1. */
  readonly xReference: number;
  /** y pixel of zero change. */
  readonly yReference: number;
  /** Rows that cannot be drawn: no employment, LQ null, or change null. */
  readonly omitted: readonly T[];
}

const LOG_TICKS = [0.05, 0.1, 0.25, 0.5, 1, 2, 4, 8, 16, 32, 64];

/** Formats a change as a signed percentage: 0.125 → "+13%", -0.2 → "−20%". */
export function formatChangePercent(change: number): string {
  const pct = Math.round(change * 100);
  if (pct === 0) return '0%';
  return pct > 0 ? `+${pct}%` : `−${Math.abs(pct)}%`;
}

interface Box { x0: number; y0: number; x1: number; y1: number }
const overlaps = (a: Box, b: Box): boolean => a.x0 < b.x1 && b.x0 < a.x1 && a.y0 < b.y1 && b.y0 < a.y1;

/**
 * Lays out a cluster portfolio as a bubble chart. Rows with employment ≤ 0, LQ null/≤ 0 or change null
 * are returned in `omitted`, never drawn at a made-up position. LQ below `minLocationQuotient` and change
 * above `maxChange` are drawn on the axis edge with `clamped: true`. Labels go to strong and highlighted
 * clusters, largest first, right of the bubble or else left of it, and are dropped when they would
 * overlap an earlier label or leave the plot.
 * @example portfolioLayout(rows, { width: 640, height: 440, highlight: ['aerospace-vehicles-and-defense'] })
 */
export function portfolioLayout<T extends PortfolioInput>(
  rows: readonly T[],
  options: PortfolioLayoutOptions = {},
): PortfolioLayout<T> {
  const d = PORTFOLIO_LAYOUT_DEFAULTS;
  const width = options.width ?? d.width;
  const height = options.height ?? d.height;
  const margin = options.margin ?? d.margin;
  const maxRadius = options.maxRadius ?? d.maxRadius;
  const minRadius = options.minRadius ?? d.minRadius;
  const minLq = options.minLocationQuotient ?? d.minLocationQuotient;
  const maxChange = options.maxChange ?? d.maxChange;
  const fontSize = options.fontSize ?? d.fontSize;
  const plot = { left: margin.left, top: margin.top, right: width - margin.right, bottom: height - margin.bottom };

  const drawable: T[] = [];
  const omitted: T[] = [];
  for (const row of rows) {
    const ok =
      Number.isFinite(row.employment) && row.employment > 0 &&
      row.lq !== null && Number.isFinite(row.lq) && row.lq > 0 &&
      row.employmentChange !== null && Number.isFinite(row.employmentChange);
    (ok ? drawable : omitted).push(row);
  }

  // x: log LQ, always including LQ = 1 with some room either side.
  let lqLow = 0.5;
  let lqHigh = 2;
  let changeLow = -0.1;
  let changeHigh = 0.1;
  let maxEmployment = 0;
  for (const row of drawable) {
    const lq = Math.max(row.lq as number, minLq);
    const change = Math.min(row.employmentChange as number, maxChange);
    if (lq < lqLow) lqLow = lq;
    if (lq > lqHigh) lqHigh = lq;
    if (change < changeLow) changeLow = change;
    if (change > changeHigh) changeHigh = change;
    if (row.employment > maxEmployment) maxEmployment = row.employment;
  }
  // Room for the bubbles at the ends of the axes.
  const padX = maxRadius + 4;
  const padY = maxRadius * 0.6 + 4;
  const x = scaleLog().domain([lqLow, lqHigh]).range([plot.left + padX, plot.right - padX]).clamp(true);
  const y = scaleLinear().domain([changeLow, changeHigh]).range([plot.bottom - padY, plot.top + padY]).clamp(true);
  const r = scaleSqrt().domain([0, Math.max(maxEmployment, 1)]).range([0, maxRadius]);

  const bubbles: PortfolioBubble<T>[] = drawable
    .map((datum) => {
      const lq = datum.lq as number;
      const change = datum.employmentChange as number;
      return {
        datum,
        cx: x(Math.max(lq, minLq)),
        cy: y(Math.min(change, maxChange)),
        r: Math.max(minRadius, r(datum.employment)),
        clamped: lq < minLq || change > maxChange,
      };
    })
    .sort((a, b) => b.r - a.r || (a.datum.code < b.datum.code ? -1 : 1));

  // Ticks: powers-of-two LQ ticks inside the domain; percentage ticks for change.
  const [x0, x1] = x.domain() as [number, number];
  const xTicks = LOG_TICKS.filter((v) => v >= x0 && v <= x1).map((value) => ({
    value,
    label: String(value),
    position: x(value),
  }));
  const yTicks = y.ticks(6).map((value) => ({ value, label: formatChangePercent(value), position: y(value) }));

  // Labels, greedy: highlighted first, then strong clusters by employment.
  const highlight = new Set(options.highlight ?? []);
  const candidates = bubbles
    .filter((b) => highlight.has(b.datum.code) || b.datum.strong)
    .sort((a, b) => {
      const ha = highlight.has(a.datum.code) ? 1 : 0;
      const hb = highlight.has(b.datum.code) ? 1 : 0;
      return hb - ha || b.datum.employment - a.datum.employment || (a.datum.code < b.datum.code ? -1 : 1);
    });
  const placed: Box[] = [];
  const labels: PortfolioLabel[] = [];
  const charWidth = fontSize * 0.6;
  const gap = 3;
  // How many other bubbles (radius ≥ 8 px) a label box would cover the middle of.
  const coveredBubbles = (box: Box, own: PortfolioBubble<T>): number => {
    let n = 0;
    for (const o of bubbles) {
      if (o === own || o.r < 8) continue;
      const nx = Math.max(box.x0, Math.min(o.cx, box.x1));
      const ny = Math.max(box.y0, Math.min(o.cy, box.y1));
      if ((nx - o.cx) ** 2 + (ny - o.cy) ** 2 < (o.r * 0.6) ** 2) n++;
    }
    return n;
  };
  for (const b of candidates) {
    const textWidth = b.datum.name.length * charWidth + gap;
    const y0 = b.cy - fontSize * 0.5;
    // Right, left, above, below the bubble, then above/below flush right; y is the text baseline.
    const above = b.cy - b.r - 3 - fontSize;
    const below = b.cy + b.r + 3;
    const placements: { anchor: 'start' | 'end' | 'middle'; x: number; y: number; box: Box }[] = [
      { anchor: 'start', x: b.cx + b.r + 3, y: b.cy + fontSize * 0.35, box: { x0: b.cx + b.r + 3, y0, x1: b.cx + b.r + 3 + textWidth, y1: y0 + fontSize } },
      { anchor: 'end', x: b.cx - b.r - 3, y: b.cy + fontSize * 0.35, box: { x0: b.cx - b.r - 3 - textWidth, y0, x1: b.cx - b.r - 3, y1: y0 + fontSize } },
      { anchor: 'middle', x: b.cx, y: above + fontSize * 0.85, box: { x0: b.cx - textWidth / 2, y0: above, x1: b.cx + textWidth / 2, y1: above + fontSize } },
      { anchor: 'middle', x: b.cx, y: below + fontSize * 0.85, box: { x0: b.cx - textWidth / 2, y0: below, x1: b.cx + textWidth / 2, y1: below + fontSize } },
      // Near the right edge: above or below, ending at the bubble's right side.
      { anchor: 'end', x: b.cx + b.r, y: above + fontSize * 0.85, box: { x0: b.cx + b.r - textWidth, y0: above, x1: b.cx + b.r, y1: above + fontSize } },
      { anchor: 'end', x: b.cx + b.r, y: below + fontSize * 0.85, box: { x0: b.cx + b.r - textWidth, y0: below, x1: b.cx + b.r, y1: below + fontSize } },
    ];
    const fits = placements.filter(
      (o) =>
        o.box.x0 >= plot.left && o.box.x1 <= plot.right && o.box.y0 >= plot.top && o.box.y1 <= plot.bottom &&
        !placed.some((p) => overlaps(p, o.box)),
    );
    // A free spot first; a highlighted cluster takes the spot covering the fewest bubbles rather than none.
    let choice: (typeof fits)[number] | undefined;
    let fewest = Infinity;
    for (const o of fits) {
      const n = coveredBubbles(o.box, b);
      if (n < fewest) {
        fewest = n;
        choice = o;
      }
    }
    if (fewest > 0 && !highlight.has(b.datum.code)) choice = undefined;
    if (choice) {
      placed.push(choice.box);
      labels.push({ code: b.datum.code, text: b.datum.name, x: choice.x, y: choice.y, anchor: choice.anchor });
    }
  }

  return {
    width,
    height,
    plot,
    bubbles,
    labels,
    xTicks,
    yTicks,
    xReference: x(1),
    yReference: y(0),
    omitted,
  };
}
