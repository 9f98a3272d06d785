/**
 * Export of every chart and table: CSV (the data behind it), SVG (serialised with its computed styles
 * inlined, so it looks the same outside the page) and PNG (that SVG drawn into a canvas at 2× scale).
 */

/** A chart's data as a table: a header row and rows of plain values (numbers unformatted). */
export interface CsvTable {
  readonly header: readonly string[];
  readonly rows: readonly (readonly (string | number | boolean | null | undefined)[])[];
}

function csvCell(value: string | number | boolean | null | undefined): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  const text = String(value);
  return /[",\r\n]/.test(text) || /^\s|\s$/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/**
 * RFC 4180 CSV text: comma-separated, CRLF line ends, fields with commas, quotes or line breaks quoted;
 * null, undefined and non-finite numbers become empty fields. No byte-order mark (see {@link csvBlob}).
 * @example csvText({ header: ['name', 'lq'], rows: [['Washington, US', 4.997]] }) // → 'name,lq\r\n"Washington, US",4.997\r\n'
 */
export function csvText(table: CsvTable): string {
  const lines = [table.header.map(csvCell).join(',')];
  for (const row of table.rows) lines.push(row.map(csvCell).join(','));
  return `${lines.join('\r\n')}\r\n`;
}

/** The CSV as a UTF-8 blob with a byte-order mark, so that spreadsheet programs read Japanese names right. */
export function csvBlob(table: CsvTable): Blob {
  return new Blob(['\ufeff', csvText(table)], { type: 'text/csv;charset=utf-8' });
}

/** Offers a blob as a download named `filename`. */
export function downloadBlob(blob: Blob, filename: string): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  a.hidden = true;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** Style properties copied inline when an SVG is exported. */
const INLINE_PROPERTIES = [
  'fill', 'fill-opacity', 'stroke', 'stroke-width', 'stroke-dasharray', 'stroke-opacity', 'stroke-linejoin',
  'paint-order', 'opacity', 'font-family', 'font-size', 'font-weight', 'font-style', 'text-anchor',
  'dominant-baseline', 'visibility', 'display',
];

/** The size an exported SVG gets: its viewBox, else its rendered box. */
function svgSize(svg: SVGSVGElement): { width: number; height: number } {
  const box = svg.viewBox.baseVal;
  if (box && box.width > 0 && box.height > 0) return { width: box.width, height: box.height };
  const rect = svg.getBoundingClientRect();
  return { width: Math.max(1, Math.round(rect.width)), height: Math.max(1, Math.round(rect.height)) };
}

/**
 * A standalone copy of an on-page SVG: computed styles inlined on every element, explicit width and
 * height, the XML namespaces, a white background, and a <title>. Interactive attributes are dropped.
 */
export function standaloneSvg(svg: SVGSVGElement, title: string): string {
  const clone = svg.cloneNode(true) as SVGSVGElement;
  const source = [svg, ...svg.querySelectorAll('*')];
  const target = [clone, ...clone.querySelectorAll('*')];
  source.forEach((el, i) => {
    const copy = target[i];
    if (!copy) return;
    const style = getComputedStyle(el);
    const inline = INLINE_PROPERTIES.map((p) => `${p}:${style.getPropertyValue(p)}`).join(';');
    copy.setAttribute('style', inline);
    for (const attribute of ['tabindex', 'role', 'aria-pressed', 'class']) copy.removeAttribute(attribute);
  });
  const { width, height } = svgSize(svg);
  clone.setAttribute('xmlns', 'http://www.w3.org/2000/svg');
  clone.setAttribute('xmlns:xlink', 'http://www.w3.org/1999/xlink');
  clone.setAttribute('width', String(width));
  clone.setAttribute('height', String(height));
  const titleEl = document.createElementNS('http://www.w3.org/2000/svg', 'title');
  titleEl.textContent = title;
  const background = document.createElementNS('http://www.w3.org/2000/svg', 'rect');
  const box = clone.viewBox.baseVal;
  background.setAttribute('x', String(box?.x ?? 0));
  background.setAttribute('y', String(box?.y ?? 0));
  background.setAttribute('width', '100%');
  background.setAttribute('height', '100%');
  background.setAttribute('fill', '#fff');
  clone.insertBefore(background, clone.firstChild);
  clone.insertBefore(titleEl, clone.firstChild);
  return `<?xml version="1.0" encoding="UTF-8"?>\n${new XMLSerializer().serializeToString(clone)}`;
}

/** Downloads an on-page SVG as an .svg file. */
export function exportSvg(svg: SVGSVGElement, title: string, filename: string): void {
  downloadBlob(new Blob([standaloneSvg(svg, title)], { type: 'image/svg+xml;charset=utf-8' }), filename);
}

/** Renders an on-page SVG into a canvas (2× scale, white background) and returns the PNG. */
export async function svgToPng(svg: SVGSVGElement, title: string, scale = 2): Promise<Blob> {
  const text = standaloneSvg(svg, title);
  const { width, height } = svgSize(svg);
  const image = new Image();
  image.decoding = 'sync';
  const loaded = new Promise<void>((resolve, reject) => {
    image.onload = () => resolve();
    image.onerror = () => reject(new Error('the chart could not be drawn as an image'));
  });
  image.src = `data:image/svg+xml;charset=utf-8,${encodeURIComponent(text)}`;
  await loaded;
  const canvas = document.createElement('canvas');
  canvas.width = Math.round(width * scale);
  canvas.height = Math.round(height * scale);
  const context = canvas.getContext('2d');
  if (!context) throw new Error('this browser cannot draw into a canvas');
  context.fillStyle = '#fff';
  context.fillRect(0, 0, canvas.width, canvas.height);
  context.drawImage(image, 0, 0, canvas.width, canvas.height);
  return new Promise<Blob>((resolve, reject) => {
    canvas.toBlob((blob) => (blob ? resolve(blob) : reject(new Error('the canvas gave no PNG'))), 'image/png');
  });
}

/** Downloads an on-page SVG as a .png file. */
export async function exportPng(svg: SVGSVGElement, title: string, filename: string): Promise<void> {
  downloadBlob(await svgToPng(svg, title), filename);
}

/** A file name from a title: lower case, ASCII letters and digits joined by hyphens (Japanese kept). */
export function fileNameFor(title: string, extension: string): string {
  const stem = title
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 80);
  return `${stem || 'clusterlens'}.${extension}`;
}
