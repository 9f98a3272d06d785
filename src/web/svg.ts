/** Minimal helpers for building SVG and HTML without a framework. */

const SVG_NS = 'http://www.w3.org/2000/svg';

/** Attribute values; undefined skips the attribute. */
export type Attributes = Readonly<Record<string, string | number | undefined>>;

/** Creates an SVG element with attributes, optionally appended to `parent`. */
export function svgElement<K extends keyof SVGElementTagNameMap>(
  tag: K,
  attributes: Attributes = {},
  parent?: Element,
): SVGElementTagNameMap[K] {
  const el = document.createElementNS(SVG_NS, tag);
  for (const [name, value] of Object.entries(attributes)) if (value !== undefined) el.setAttribute(name, String(value));
  parent?.appendChild(el);
  return el;
}

/** Creates an HTML element with attributes and text, optionally appended to `parent`. */
export function htmlElement<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attributes: Attributes = {},
  text?: string,
  parent?: Element,
): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) if (value !== undefined) el.setAttribute(name, String(value));
  if (text !== undefined) el.textContent = text;
  parent?.appendChild(el);
  return el;
}

/** Looks up a required element by id; throws a clear error when index.html lacks it. */
export function requireElement<T extends HTMLElement>(id: string, type: new () => T): T {
  const el = document.getElementById(id);
  if (!(el instanceof type)) throw new Error(`index.html lacks #${id} (${type.name})`);
  return el;
}
