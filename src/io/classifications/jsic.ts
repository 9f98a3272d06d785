import type { IndustryRecord } from '../store/store.js';

/**
 * Japan Standard Industrial Classification (JSIC, 日本標準産業分類) at division level (大分類, letters A–T),
 * with Japanese and English names as the Statistics Bureau / MIC publish them.
 *
 * Revisions: Rev. 13 (第13回改定, October 2013, in force April 2014) codes the Economic Census for Business
 * Activity 2016 and 2021; Rev. 14 (第14回改定, July 2023, in force April 2024) codes later statistics. The 20
 * divisions and their names are the same in both; the revisions differ below division level.
 * See docs/data/estat-japan.md.
 */

export type JsicRevision = 'JSIC13' | 'JSIC14';

export interface JsicDivision {
  /** Division letter "A"–"T", or "TOTAL" for all industries. */
  code: string;
  nameJa: string;
  nameEn: string;
  /** Other spellings met in files (short English names, SSDSE/e-Stat labels), matched after normalisation. */
  aliases: readonly string[];
}

/** All industries as the Economic Census publishes them (private establishments; division S is not surveyed). */
export const JSIC_TOTAL: JsicDivision = Object.freeze({
  code: 'TOTAL',
  nameJa: '全産業（S公務を除く）',
  nameEn: 'All industries (except S Government)',
  aliases: Object.freeze(['AR', 'AS', 'A～R', 'A~R', 'A-R', 'AR_全産業', '全産業', '全産業(S公務を除く)', '全産業（Ｓ公務を除く）', 'All industries', 'all_industries', 'all_industries_private_excl_S', 'total']),
});

/** The 20 JSIC divisions (Rev. 13 = Rev. 14 at this level). */
export const JSIC_DIVISIONS: readonly JsicDivision[] = Object.freeze([
  { code: 'A', nameJa: '農業，林業', nameEn: 'Agriculture and forestry', aliases: ['agriculture_forestry'] },
  { code: 'B', nameJa: '漁業', nameEn: 'Fisheries', aliases: ['fisheries'] },
  { code: 'C', nameJa: '鉱業，採石業，砂利採取業', nameEn: 'Mining and quarrying of stone and gravel', aliases: ['mining'] },
  { code: 'D', nameJa: '建設業', nameEn: 'Construction', aliases: ['construction'] },
  { code: 'E', nameJa: '製造業', nameEn: 'Manufacturing', aliases: ['manufacturing'] },
  { code: 'F', nameJa: '電気・ガス・熱供給・水道業', nameEn: 'Electricity, gas, heat supply and water', aliases: ['electricity_gas_heat_water', 'utilities'] },
  { code: 'G', nameJa: '情報通信業', nameEn: 'Information and communications', aliases: ['information_communications'] },
  { code: 'H', nameJa: '運輸業，郵便業', nameEn: 'Transport and postal activities', aliases: ['transport_postal'] },
  { code: 'I', nameJa: '卸売業，小売業', nameEn: 'Wholesale and retail trade', aliases: ['wholesale_retail'] },
  { code: 'J', nameJa: '金融業，保険業', nameEn: 'Finance and insurance', aliases: ['finance_insurance'] },
  { code: 'K', nameJa: '不動産業，物品賃貸業', nameEn: 'Real estate and goods rental and leasing', aliases: ['real_estate_rental'] },
  { code: 'L', nameJa: '学術研究，専門・技術サービス業', nameEn: 'Scientific research, professional and technical services', aliases: ['scientific_professional_technical'] },
  { code: 'M', nameJa: '宿泊業，飲食サービス業', nameEn: 'Accommodations, eating and drinking services', aliases: ['accommodation_food'] },
  { code: 'N', nameJa: '生活関連サービス業，娯楽業', nameEn: 'Living-related and personal services and amusement services', aliases: ['living_related_amusement'] },
  { code: 'O', nameJa: '教育，学習支援業', nameEn: 'Education, learning support', aliases: ['education'] },
  { code: 'P', nameJa: '医療，福祉', nameEn: 'Medical, health care and welfare', aliases: ['medical_welfare'] },
  { code: 'Q', nameJa: '複合サービス事業', nameEn: 'Compound services', aliases: ['compound_services'] },
  { code: 'R', nameJa: 'サービス業（他に分類されないもの）', nameEn: 'Services, n.e.c.', aliases: ['services_nec'] },
  { code: 'S', nameJa: '公務（他に分類されるものを除く）', nameEn: 'Government, except elsewhere classified', aliases: ['government'] },
  { code: 'T', nameJa: '分類不能の産業', nameEn: 'Industries unable to classify', aliases: ['unclassifiable'] },
].map((d) => Object.freeze({ ...d, aliases: Object.freeze(d.aliases) })));

/**
 * Normalises a label for matching: NFKC (full-width letters, digits and brackets to ASCII), lower case,
 * Japanese and ASCII punctuation, underscores and spaces removed.
 */
export function normaliseJsicLabel(text: string): string {
  return text.normalize('NFKC').toLowerCase().replace(/[\s_,，、・･.()（）「」'"-]/g, '');
}

const byKey = new Map<string, JsicDivision>();
for (const d of [JSIC_TOTAL, ...JSIC_DIVISIONS]) {
  for (const label of [d.code, d.nameJa, d.nameEn, ...d.aliases]) byKey.set(normaliseJsicLabel(label), d);
}

/**
 * The JSIC division (or the all-industries total) a file's code or label names: a letter A–T, "AR"/"AS"
 * (all industries), a Japanese or English name, or an e-Stat label such as "D_建設業" / "D 建設業" / "Ｄ建設業".
 * Undefined when nothing matches (a major group such as "09" is not a division).
 */
export function jsicDivision(text: string): JsicDivision | undefined {
  const s = text.trim();
  if (s === '') return undefined;
  const whole = byKey.get(normaliseJsicLabel(s));
  if (whole) return whole;
  // "code_name" or "code name": the code part decides, the name part must not contradict it
  const parts = /^([^_\s\u3000]+)[_\s\u3000]+(.+)$/u.exec(s);
  if (parts) {
    const code = byKey.get(normaliseJsicLabel(parts[1]!));
    const name = byKey.get(normaliseJsicLabel(parts[2]!));
    if (code && (!name || name === code)) return code;
    if (!code && name) return name;
    return undefined;
  }
  // "Ｄ建設業": a letter glued to a Japanese name
  const glued = /^([A-T])(\P{ASCII}.*)$/u.exec(s.normalize('NFKC'));
  if (glued) {
    const code = byKey.get(normaliseJsicLabel(glued[1]!));
    const name = byKey.get(normaliseJsicLabel(glued[2]!));
    if (code && name === code) return code;
  }
  return undefined;
}

/**
 * The division-level industries of one JSIC revision as IndustryRecords: "TOTAL" (level 0) and the letters
 * A–T (level 1, parent TOTAL), named "English (日本語)".
 */
export function jsicIndustries(classification: JsicRevision = 'JSIC13'): IndustryRecord[] {
  return [
    { classification, code: JSIC_TOTAL.code, name: `${JSIC_TOTAL.nameEn} (${JSIC_TOTAL.nameJa})`, level: 0, parentCode: null },
    ...JSIC_DIVISIONS.map((d) => ({ classification, code: d.code, name: `${d.nameEn} (${d.nameJa})`, level: 1, parentCode: 'TOTAL' })),
  ];
}
