/**
 * A small accessibility check run inside the page (axe-core is not a dependency): every visible
 * interactive element has an accessible name; every SVG is either hidden from assistive technology or has
 * a role and an aria-label; the main text labels reach a contrast of at least 4.5:1 against their
 * background (WCAG 2 relative luminance; SVG text against the panel white or, for heat-map cells, the
 * cell's own fill). Returns the problems found, and how many elements were checked.
 */
import type { Page } from 'playwright-core';

/** What the check found. */
export interface AccessibilityReport {
  readonly problems: readonly string[];
  readonly interactive: number;
  readonly svgs: number;
  readonly contrastChecked: number;
  readonly lowestContrast: number;
}

// A string, not a function: the page runs exactly this code, untouched by the test transformer.
const CHECK = String.raw`(() => {
  const problems = [];
  const text = (el) => (el.textContent || '').replace(/\s+/g, ' ').trim();
  const visible = (el) => {
    if (el.closest('[hidden], details:not([open]) > :not(summary)')) return false;
    const s = getComputedStyle(el);
    if (s.visibility === 'hidden' || s.display === 'none') return false;
    const r = el.getBoundingClientRect();
    return r.width > 0 && r.height > 0;
  };
  const nameOf = (el) => {
    const aria = el.getAttribute('aria-label');
    if (aria && aria.trim()) return aria.trim();
    const by = el.getAttribute('aria-labelledby');
    if (by) {
      const t = by.split(/\s+/).map((id) => document.getElementById(id)).filter(Boolean).map(text).join(' ').trim();
      if (t) return t;
    }
    if (el.labels && el.labels.length) {
      const t = Array.from(el.labels).map(text).join(' ').trim();
      if (t) return t;
    }
    const t = text(el);
    if (t) return t;
    return (el.getAttribute('title') || '').trim();
  };
  const describe = (el) => el.outerHTML.slice(0, 140);
  let interactive = 0;
  for (const el of document.querySelectorAll('a[href], button, select, input:not([type=hidden]), textarea, summary, [tabindex]:not([tabindex="-1"]), [role=button], [role=link]')) {
    if (!visible(el)) continue;
    interactive++;
    if (!nameOf(el)) problems.push('no accessible name: ' + describe(el));
  }
  let svgs = 0;
  for (const svg of document.querySelectorAll('svg')) {
    if (svg.closest('[aria-hidden="true"]') || svg.parentElement?.closest('svg')) continue;
    if (!visible(svg)) continue;
    svgs++;
    if (!svg.getAttribute('role') || !(svg.getAttribute('aria-label') || '').trim()) problems.push('svg without role and aria-label: ' + describe(svg));
  }
  const parse = (c) => {
    const m = /rgba?\(([^)]+)\)/.exec(c || '');
    if (!m) return null;
    const p = m[1].split(/[\s,\/]+/).filter(Boolean).map(Number);
    return { r: p[0], g: p[1], b: p[2], a: p.length > 3 ? p[3] : 1 };
  };
  const channel = (v) => { v /= 255; return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; };
  const luminance = (c) => 0.2126 * channel(c.r) + 0.7152 * channel(c.g) + 0.0722 * channel(c.b);
  const ratio = (a, b) => { const x = luminance(a), y = luminance(b); return (Math.max(x, y) + 0.05) / (Math.min(x, y) + 0.05); };
  const backgroundOf = (el) => {
    const layers = [];
    for (let e = el; e; e = e.parentElement) {
      const c = parse(getComputedStyle(e).backgroundColor);
      if (c && c.a > 0) { layers.push(c); if (c.a >= 1) break; }
    }
    let bg = { r: 255, g: 255, b: 255 };
    for (const c of layers.reverse()) bg = { r: c.r * c.a + bg.r * (1 - c.a), g: c.g * c.a + bg.g * (1 - c.a), b: c.b * c.a + bg.b * (1 - c.a) };
    return bg;
  };
  let contrastChecked = 0;
  let lowest = Infinity;
  const check = (el, fg, bg) => {
    if (!fg || !bg || !text(el)) return;
    contrastChecked++;
    const r = ratio(fg, bg);
    if (r < lowest) lowest = r;
    if (r < 4.5) problems.push('contrast ' + r.toFixed(2) + ' < 4.5: "' + text(el).slice(0, 50) + '" (' + el.tagName.toLowerCase() + '.' + (el.getAttribute('class') || '') + ')');
  };
  const html = 'h1, h2, .app-name a, .tagline, .nav a, .language button, .lead, .summary, .how-to, label .label-text, legend, .radio span, caption, th, td, .data-table a, button, .figures dt, .figures dd, .legend span, .sources span, .sources li, .notice, .unavailable, .chips a, summary, .chart-note';
  for (const el of document.querySelectorAll(html)) {
    if (!visible(el) || el.closest('svg')) continue;
    check(el, parse(getComputedStyle(el).color), backgroundOf(el));
  }
  for (const el of document.querySelectorAll('svg text')) {
    if (!visible(el)) continue;
    const cell = el.closest('.cell');
    const bg = cell ? parse(getComputedStyle(cell.querySelector('rect')).fill) : backgroundOf(el.closest('svg'));
    check(el, parse(getComputedStyle(el).fill), bg);
  }
  return { problems, interactive, svgs, contrastChecked, lowestContrast: lowest === Infinity ? 0 : Number(lowest.toFixed(2)) };
})()`;

/** Runs the check on the page as it is now. */
export function checkAccessibility(page: Page): Promise<AccessibilityReport> {
  return page.evaluate(CHECK) as Promise<AccessibilityReport>;
}
