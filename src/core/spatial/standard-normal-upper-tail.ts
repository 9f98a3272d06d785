/**
 * Upper tail of the standard normal distribution, Q(z) = P(Z > z) = 1 − Φ(z), by W. J. Cody's rational
 * Chebyshev approximations (ACM TOMS 715; the algorithm of R's `pnorm`), about 1e-15 relative accuracy, no
 * cancellation in either tail. NaN → NaN; Q(−∞) = 1, Q(∞) = 0.
 *
 * @example
 * standardNormalUpperTail(1.959963984540054) // → 0.025
 * @see docs/methods/morans-i.md
 */
export function standardNormalUpperTail(z: number): number {
  if (z !== z) return NaN;
  const y = Math.abs(z);
  let lower: number; // Φ(−|z|), the smaller tail
  if (y <= 0.67448975) {
    const s = z * z;
    let num = 0.06568233791820745 * s;
    let den = s;
    num = (num + 2.2352520354606837) * s;
    den = (den + 47.202581904688245) * s;
    num = (num + 161.02823106855587) * s;
    den = (den + 976.0985517377767) * s;
    num = (num + 1067.6894854603709) * s;
    den = (den + 10260.932208618979) * s;
    const t = (z * (num + 18154.98125334356)) / (den + 45507.78933502673);
    return 0.5 - t;
  } else if (y <= 5.656854249492381) {
    let num = 1.0765576773720192e-08 * y;
    let den = y;
    const c = [0.39894151208813466, 8.883149794388377, 93.50665613217785, 597.2702763948002, 2494.5375852903726, 6848.190450536283, 11602.65143764735];
    const d = [22.266688044328117, 235.387901782625, 1519.3775994075547, 6485.558298266761, 18615.571640885097, 34900.95272114598, 38912.00328609327];
    for (let i = 0; i < 7; i++) {
      num = (num + c[i]) * y;
      den = (den + d[i]) * y;
    }
    const t = (num + 9842.714838383978) / (den + 19685.429676859992);
    lower = tailFactor(y) * t;
  } else if (y < 37.5193) {
    const s = 1 / (z * z);
    const p = [0.215898534057957, 0.12740116116024736, 0.022235277870649807, 0.0014216191932278934];
    const q = [1.284260096144911, 0.4682382124808651, 0.06598813786892856, 0.0037823963320275824];
    let num = 0.023073441764940174 * s;
    let den = s;
    for (let i = 0; i < 4; i++) {
      num = (num + p[i]) * s;
      den = (den + q[i]) * s;
    }
    let t = (s * (num + 2.9112874951168793e-5)) / (den + 7.297515550839662e-05);
    t = (0.3989422804014327 - t) / y;
    lower = tailFactor(y) * t;
  } else {
    lower = 0;
  }
  return z > 0 ? lower : 1 - lower;
}

/** exp(−y²/2) evaluated as exp(−ys²/2)·exp(−δ/2) with ys = ⌊16y⌋/16 for accuracy (Cody). */
function tailFactor(y: number): number {
  const ys = Math.trunc(y * 16) / 16;
  const del = (y - ys) * (y + ys);
  return Math.exp(-ys * ys * 0.5) * Math.exp(-del * 0.5);
}
