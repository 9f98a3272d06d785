/**
 * Region and family names in the workbench's language. Japanese region names come from the data: the
 * region table keeps the local name among a region's aliases (e.g. JP-01 "Hokkaido" has the alias
 * 北海道); the API has no separate Japanese-name field. Family names (NACE A*10 groups) come from the
 * API in English and from the message catalogue in Japanese.
 */
import type { Family, RegionInfo } from './api-client.js';
import type { MessageKey } from './i18n/en.js';
import { en } from './i18n/en.js';
import { language } from './i18n/language.js';
import { t } from './i18n/translate.js';

const JAPANESE = /[\u3040-\u30ff\u3400-\u9fff]/;
const japaneseNames = new Map<string, string>();

/** The first alias written in Japanese script, if any. */
export function japaneseAlias(region: Pick<RegionInfo, 'aliases'>): string | undefined {
  return region.aliases.find((a) => JAPANESE.test(a));
}

/** Remembers the Japanese names of these regions (from their aliases). */
export function registerRegionNames(regions: readonly RegionInfo[]): void {
  for (const r of regions) {
    const ja = japaneseAlias(r);
    if (ja !== undefined) japaneseNames.set(r.id, ja);
  }
}

/** A region's name in the current language: the Japanese name from the data when known, else `name`. */
export function regionName(id: string, name: string): string {
  return language() === 'ja' ? (japaneseNames.get(id) ?? name) : name;
}

/** A family's short name in the current language. */
export function familyName(family: Pick<Family, 'code' | 'shortName'>): string {
  const key = `family.${family.code}`;
  if (language() === 'ja' && key in en) return t(key as MessageKey);
  return family.shortName;
}
