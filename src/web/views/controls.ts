/** Form controls shared by the views: labelled selects and year lists. */
import { t } from '../i18n/translate.js';
import { regionName } from '../region-names.js';
import { htmlElement } from '../svg.js';
import { REGION_KINDS, type RegionDirectory, type RegionKind } from './region-directory.js';

/** A labelled <select> appended to `parent`; the label wraps it, so it has an accessible name. */
export function selectField(parent: HTMLElement, label: string, testId: string): HTMLSelectElement {
  const wrapper = htmlElement('label', {}, undefined, parent);
  htmlElement('span', { class: 'label-text' }, label, wrapper);
  return htmlElement('select', { id: testId, 'data-testid': testId }, undefined, wrapper);
}

/** Fills a select with years (newest first) and selects one. */
export function yearOptions(select: HTMLSelectElement, years: readonly number[], selected: number): void {
  select.replaceChildren();
  for (const y of [...years].sort((a, b) => b - a)) htmlElement('option', { value: String(y) }, String(y), select);
  select.value = String(selected);
}

/** Fills a select with the regions of the directory, one group per kind, names in the current language. */
export function regionOptions(
  select: HTMLSelectElement,
  directory: RegionDirectory,
  selected: string | undefined,
  kinds: readonly RegionKind[] = REGION_KINDS,
): void {
  select.replaceChildren();
  for (const kind of kinds) {
    const group = htmlElement('optgroup', { label: t(`kind.${kind}`) }, undefined, select);
    for (const r of directory[kind]) htmlElement('option', { value: r.id }, `${regionName(r.id, r.name)} (${r.id})`, group);
  }
  if (selected !== undefined) select.value = selected;
}
