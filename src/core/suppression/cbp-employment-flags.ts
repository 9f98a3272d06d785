import { InvalidInputError } from '../errors.js';

/** A County Business Patterns (CBP) employment size-class flag. There is no D: the Census layout skips it. */
export type CbpEmploymentFlag = 'A' | 'B' | 'C' | 'E' | 'F' | 'G' | 'H' | 'I' | 'J' | 'K' | 'L' | 'M';

/** A closed employment range `[lower, upper]`; `upper` is `Infinity` for the open top class M. */
export interface CbpEmploymentRange {
  readonly lower: number;
  readonly upper: number;
}

const range = (lower: number, upper: number): CbpEmploymentRange => Object.freeze({ lower, upper });

/**
 * CBP employment size-class table (EMPFLAG, "Data Suppression Flag", CBP record layout): the range of
 * mid-March employees in a cell whose employment is withheld to avoid disclosure.
 *
 * A 0–19, B 20–99, C 100–249, E 250–499, F 500–999, G 1,000–2,499, H 2,500–4,999, I 5,000–9,999,
 * J 10,000–24,999, K 25,000–49,999, L 50,000–99,999, M 100,000 or more (upper = Infinity).
 * Frozen. See docs/methods/suppressed-cells.md.
 */
export const CBP_EMPLOYMENT_FLAG_RANGES: Readonly<Record<CbpEmploymentFlag, CbpEmploymentRange>> = Object.freeze({
  A: range(0, 19),
  B: range(20, 99),
  C: range(100, 249),
  E: range(250, 499),
  F: range(500, 999),
  G: range(1_000, 2_499),
  H: range(2_500, 4_999),
  I: range(5_000, 9_999),
  J: range(10_000, 24_999),
  K: range(25_000, 49_999),
  L: range(50_000, 99_999),
  M: range(100_000, Infinity),
});

/**
 * Employment range of a County Business Patterns (CBP) suppression flag: `cbpEmploymentFlagRange('K')` →
 * `{ lower: 25000, upper: 49999 }`; M (100,000 or more) gives `upper = Infinity`.
 *
 * Missing-data policy: surrounding blanks are ignored; an empty, lower-case or unknown flag (e.g. the noise
 * flags G/H/D/S read from the wrong column) throws InvalidInputError — a suppressed cell is never read as 0.
 * See docs/methods/suppressed-cells.md.
 */
export function cbpEmploymentFlagRange(flag: string): CbpEmploymentRange {
  const key = typeof flag === 'string' ? flag.trim() : '';
  if (key.length === 1 && Object.prototype.hasOwnProperty.call(CBP_EMPLOYMENT_FLAG_RANGES, key)) {
    return CBP_EMPLOYMENT_FLAG_RANGES[key as CbpEmploymentFlag];
  }
  throw new InvalidInputError(`Unknown CBP employment size-class flag ${JSON.stringify(flag)}; expected one of A B C E F G H I J K L M`, { flag });
}
