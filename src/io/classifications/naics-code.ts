/** Sector codes that span several 2-digit codes in NAICS. */
const SECTOR_RANGES: Readonly<Record<string, string>> = Object.freeze({
  '31': '31-33', '32': '31-33', '33': '31-33',
  '44': '44-45', '45': '44-45',
  '48': '48-49', '49': '48-49',
});

/**
 * Normalises a NAICS code as CBP writes it ("------" total, "31----" sector, "3364//", "33641/", "336411")
 * or as the Census code lists write it ("31-33", "3364") to ClusterLens' form: "TOTAL", "31-33", "3364",
 * "336411". Returns null for a string that is not a NAICS code.
 */
export function normaliseNaicsCode(raw: string): { code: string; level: number } | null {
  const s = raw.trim();
  if (s === '------' || s.toUpperCase() === 'TOTAL') return { code: 'TOTAL', level: 0 };
  if (/^\d\d-\d\d$/.test(s)) return { code: s, level: 2 };
  const m = /^(\d{2,6})[-/]*$/.exec(s);
  if (!m || s.length > 6) return null;
  const digits = m[1]!;
  if (digits.length === 2) return { code: SECTOR_RANGES[digits] ?? digits, level: 2 };
  return { code: digits, level: digits.length };
}

/** The sector ("31-33", "11") a code belongs to; "TOTAL" for TOTAL. */
export function naicsSector(code: string): string {
  if (code === 'TOTAL') return 'TOTAL';
  if (code.includes('-')) return code;
  const two = code.slice(0, 2);
  return SECTOR_RANGES[two] ?? two;
}

const ANCESTORS = new Map<string, readonly string[]>();

/**
 * Ancestors of a normalised code, nearest first: 336411 → 33641, 3364, 336, 31-33, TOTAL. Computed once per
 * code and shared (frozen): the cluster mapping asks for them once per cell, millions of times at county scale.
 */
export function naicsAncestors(code: string): readonly string[] {
  let list = ANCESTORS.get(code);
  if (list === undefined) {
    list = Object.freeze(computeAncestors(code));
    ANCESTORS.set(code, list);
  }
  return list;
}

function computeAncestors(code: string): string[] {
  if (code === 'TOTAL') return [];
  if (code.includes('-') || code.length === 2) return ['TOTAL'];
  const out: string[] = [];
  for (let n = code.length - 1; n >= 3; n--) out.push(code.slice(0, n));
  out.push(naicsSector(code), 'TOTAL');
  return out;
}
