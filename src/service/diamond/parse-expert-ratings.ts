import { diamondCorners } from '../../core/index.js';
import type { DiamondCorner, ExpertRating } from '../../core/index.js';
import { ServiceError } from '../service-error.js';

/**
 * Expert ratings from `corner:rating` pairs, comma-separated (the `--ratings` of `clusterlens diamond` and the
 * `ratings` query parameter): e.g. `factor-conditions:4,demand-conditions:2`. A rating is 1–5 (3 = on a par with
 * the peers); a corner may be rated more than once (several experts: the core averages them). Unknown corners,
 * ratings outside 1–5 or malformed pairs are INVALID_ARGUMENT naming the pair.
 */
export function parseExpertRatings(text: string): ExpertRating[] {
  const ratings: ExpertRating[] = [];
  for (const pair of text.split(',').map((x) => x.trim()).filter((x) => x.length > 0)) {
    const match = /^([a-z-]+):([0-9]+(?:\.[0-9]+)?)$/.exec(pair);
    if (match === null) throw new ServiceError('INVALID_ARGUMENT', `expert rating "${pair}" is not corner:rating (e.g. factor-conditions:4)`, { rating: pair });
    const corner = match[1] as DiamondCorner;
    if (!diamondCorners.includes(corner)) {
      throw new ServiceError('INVALID_ARGUMENT', `unknown diamond corner "${match[1]}"; corners: ${diamondCorners.join(', ')}`, { rating: pair, corners: [...diamondCorners] });
    }
    const rating = Number(match[2]);
    if (!(rating >= 1 && rating <= 5)) throw new ServiceError('INVALID_ARGUMENT', `expert rating "${pair}": the rating must be 1–5 (3 = on a par with the peers)`, { rating: pair });
    ratings.push({ corner, rating });
  }
  return ratings;
}
