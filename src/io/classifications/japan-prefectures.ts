import type { RegionRecord } from '../store/store.js';

/**
 * The 47 prefectures of Japan (都道府県) with their JIS X 0401 codes, Japanese and English names (as in
 * data/japan-prefectures/prefectures_codes_names.csv, checked by a test), and the eight regional blocks
 * (八地方区分: Hokkaido, Tohoku, Kanto, Chubu, Kinki, Chugoku, Shikoku, Kyushu-Okinawa) they belong to.
 *
 * Region ids: `JP` (country), `JP-B-<BLOCK>` (block, type "custom"), `JP-` + JIS code (prefecture,
 * e.g. "JP-01" Hokkaido, "JP-27" Osaka). See docs/data/estat-japan.md.
 */

export interface JapanPrefecture {
  /** 2-digit JIS X 0401 code, "01"–"47". */
  code: string;
  nameJa: string;
  nameEn: string;
  /** Region id of its regional block, e.g. "JP-B-HOKKAIDO". */
  blockId: string;
}

export interface JapanRegionalBlock {
  id: string;
  nameEn: string;
  nameJa: string;
  /** First and last JIS code of the block (the blocks are contiguous in JIS order). */
  from: string;
  to: string;
  aliases: readonly string[];
}

/** The eight regional blocks (八地方区分), Okinawa counted with Kyushu. Mie (24) is counted in Kinki. */
export const JAPAN_REGIONAL_BLOCKS: readonly JapanRegionalBlock[] = Object.freeze([
  { id: 'JP-B-HOKKAIDO', nameEn: 'Hokkaido region', nameJa: '北海道地方', from: '01', to: '01', aliases: ['北海道地方'] },
  { id: 'JP-B-TOHOKU', nameEn: 'Tohoku', nameJa: '東北地方', from: '02', to: '07', aliases: ['Tohoku', '東北地方', '東北'] },
  { id: 'JP-B-KANTO', nameEn: 'Kanto', nameJa: '関東地方', from: '08', to: '14', aliases: ['Kanto', '関東地方', '関東'] },
  { id: 'JP-B-CHUBU', nameEn: 'Chubu', nameJa: '中部地方', from: '15', to: '23', aliases: ['Chubu', '中部地方', '中部'] },
  { id: 'JP-B-KINKI', nameEn: 'Kinki (Kansai)', nameJa: '近畿地方', from: '24', to: '30', aliases: ['Kinki', 'Kansai', '近畿地方', '近畿', '関西'] },
  { id: 'JP-B-CHUGOKU', nameEn: 'Chugoku', nameJa: '中国地方', from: '31', to: '35', aliases: ['Chugoku', '中国地方'] },
  { id: 'JP-B-SHIKOKU', nameEn: 'Shikoku', nameJa: '四国地方', from: '36', to: '39', aliases: ['Shikoku', '四国地方', '四国'] },
  { id: 'JP-B-KYUSHU-OKINAWA', nameEn: 'Kyushu-Okinawa', nameJa: '九州・沖縄地方', from: '40', to: '47', aliases: ['Kyushu-Okinawa', 'Kyushu', '九州・沖縄地方', '九州地方', '九州'] },
].map((b) => Object.freeze({ ...b, aliases: Object.freeze(b.aliases) })));

const ROWS: readonly [string, string, string][] = [
  ['01', '北海道', 'Hokkaido'],
  ['02', '青森県', 'Aomori'],
  ['03', '岩手県', 'Iwate'],
  ['04', '宮城県', 'Miyagi'],
  ['05', '秋田県', 'Akita'],
  ['06', '山形県', 'Yamagata'],
  ['07', '福島県', 'Fukushima'],
  ['08', '茨城県', 'Ibaraki'],
  ['09', '栃木県', 'Tochigi'],
  ['10', '群馬県', 'Gunma'],
  ['11', '埼玉県', 'Saitama'],
  ['12', '千葉県', 'Chiba'],
  ['13', '東京都', 'Tokyo'],
  ['14', '神奈川県', 'Kanagawa'],
  ['15', '新潟県', 'Niigata'],
  ['16', '富山県', 'Toyama'],
  ['17', '石川県', 'Ishikawa'],
  ['18', '福井県', 'Fukui'],
  ['19', '山梨県', 'Yamanashi'],
  ['20', '長野県', 'Nagano'],
  ['21', '岐阜県', 'Gifu'],
  ['22', '静岡県', 'Shizuoka'],
  ['23', '愛知県', 'Aichi'],
  ['24', '三重県', 'Mie'],
  ['25', '滋賀県', 'Shiga'],
  ['26', '京都府', 'Kyoto'],
  ['27', '大阪府', 'Osaka'],
  ['28', '兵庫県', 'Hyogo'],
  ['29', '奈良県', 'Nara'],
  ['30', '和歌山県', 'Wakayama'],
  ['31', '鳥取県', 'Tottori'],
  ['32', '島根県', 'Shimane'],
  ['33', '岡山県', 'Okayama'],
  ['34', '広島県', 'Hiroshima'],
  ['35', '山口県', 'Yamaguchi'],
  ['36', '徳島県', 'Tokushima'],
  ['37', '香川県', 'Kagawa'],
  ['38', '愛媛県', 'Ehime'],
  ['39', '高知県', 'Kochi'],
  ['40', '福岡県', 'Fukuoka'],
  ['41', '佐賀県', 'Saga'],
  ['42', '長崎県', 'Nagasaki'],
  ['43', '熊本県', 'Kumamoto'],
  ['44', '大分県', 'Oita'],
  ['45', '宮崎県', 'Miyazaki'],
  ['46', '鹿児島県', 'Kagoshima'],
  ['47', '沖縄県', 'Okinawa'],
];

function blockOf(code: string): string {
  const block = JAPAN_REGIONAL_BLOCKS.find((b) => code >= b.from && code <= b.to);
  if (!block) throw new Error(`no regional block for JIS code ${code}`);
  return block.id;
}

/** The 47 prefectures in JIS order. */
export const JAPAN_PREFECTURES: readonly JapanPrefecture[] = Object.freeze(
  ROWS.map(([code, nameJa, nameEn]) => Object.freeze({ code, nameJa, nameEn, blockId: blockOf(code) })),
);

/** Region id of a prefecture: "JP-01". */
export function japanPrefectureRegionId(code: string): string {
  return `JP-${code}`;
}

/** Lower-case ASCII key of a romanised name: macrons dropped, "-to/-fu/-ken" and "prefecture" removed. */
function englishKey(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/\bprefecture\b/g, '')
    .replace(/[\s_-]+(to|fu|ken)$/g, '')
    .replace(/[^a-z]/g, '');
}

const byKey = new Map<string, JapanPrefecture>();
for (const p of JAPAN_PREFECTURES) {
  byKey.set(p.code, p);
  byKey.set(String(Number(p.code)), p);
  byKey.set(`jp${p.code}`, p);
  byKey.set(`${p.code}000`, p); // e-Stat area code "01000"
  byKey.set(`r${p.code}000`, p); // SSDSE code "R01000"
  byKey.set(p.nameJa, p);
  byKey.set(p.nameJa.replace(/[都府県]$/u, ''), p); // "東京", "大阪", "青森" (not 北海道, which keeps 道)
  byKey.set(englishKey(p.nameEn), p);
}
const NATIONAL = new Set(['00', '0', '00000', 'r00000', '全国', 'japan', 'jp', 'zenkoku']);

/** What a prefecture code or name in a file designates. */
export type JapanAreaMatch = { kind: 'prefecture'; prefecture: JapanPrefecture } | { kind: 'national' };

/**
 * The prefecture (or the whole country) a file's code or name designates: JIS code ("01", "1", "JP-01"),
 * e-Stat area code ("01000"), SSDSE code ("R01000"), Japanese name with or without 都/府/県 ("東京都",
 * "東京"), English name ("Tokyo", "Tōkyō-to", "Osaka Prefecture"), or an e-Stat label "01000_北海道" /
 * "01 北海道" (code and name must agree). Undefined when nothing matches.
 */
export function japanArea(text: string): JapanAreaMatch | undefined {
  const s = text.normalize('NFKC').trim();
  if (s === '') return undefined;
  const one = (t: string): JapanAreaMatch | undefined => {
    const key = t.replace(/^jp-/i, 'jp').toLowerCase();
    if (NATIONAL.has(key) || englishKey(t) === 'japan') return { kind: 'national' };
    const p = byKey.get(key) ?? byKey.get(t) ?? (/[a-z]/i.test(t) ? byKey.get(englishKey(t)) : undefined);
    return p ? { kind: 'prefecture', prefecture: p } : undefined;
  };
  const whole = one(s);
  if (whole) return whole;
  const parts = /^([^_\s]+)[_\s]+(.+)$/u.exec(s);
  if (!parts) return undefined;
  const code = one(parts[1]!);
  const name = one(parts[2]!);
  if (code && name && (code.kind !== name.kind || (code.kind === 'prefecture' && name.kind === 'prefecture' && code.prefecture !== name.prefecture))) return undefined;
  return code ?? name;
}

/**
 * Region records for Japan: the country ("JP"), the eight regional blocks (type "custom", parent "JP") and
 * the 47 prefectures (type "prefecture", parent their block), each prefecture with aliases
 * [JIS code, English name, Japanese name] (e.g. ["01", "Hokkaido", "北海道"]).
 */
export function japanRegions(): RegionRecord[] {
  return [
    { id: 'JP', name: 'Japan', type: 'country', country: 'JP', parentId: null, aliases: ['JPN', '日本'] },
    ...JAPAN_REGIONAL_BLOCKS.map((b): RegionRecord => ({ id: b.id, name: `${b.nameEn} (${b.nameJa})`, type: 'custom', country: 'JP', parentId: 'JP', aliases: [...b.aliases] })),
    ...JAPAN_PREFECTURES.map((p): RegionRecord => ({
      id: japanPrefectureRegionId(p.code),
      name: p.nameEn,
      type: 'prefecture',
      country: 'JP',
      parentId: p.blockId,
      aliases: [p.code, p.nameEn, p.nameJa],
    })),
  ];
}
