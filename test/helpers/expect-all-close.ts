/**
 * NaN-aware element-wise comparison for numeric kernels.
 *
 * expectAllClose(actual, expected, { rtol, atol, rowLabels?, columnLabels? }) passes when, for every k,
 * both values are NaN, or both are the same infinity, or |a − e| ≤ atol + rtol·|e| (numpy.isclose).
 * On failure it throws an Error naming the first differing element by its row/column labels (or its
 * indices), with both values and the tolerance, so a 3,200 × 1,000 comparison fails with one readable line.
 * `expected` may hold null for NaN (golden JSON cannot spell NaN).
 */
export interface ExpectAllCloseOptions {
  /** Relative tolerance (default 1e-9). */
  readonly rtol?: number;
  /** Absolute tolerance (default 0). */
  readonly atol?: number;
  /** Labels of the rows when the arrays are row-major matrices. */
  readonly rowLabels?: readonly string[];
  /** Labels of the columns; with rowLabels, element k is (row ⌊k/columns⌋, column k mod columns). */
  readonly columnLabels?: readonly string[];
}

type Numbers = ArrayLike<number | null> | number | null;

function toArray(x: Numbers): ArrayLike<number | null> {
  if (x === null || typeof x === 'number') return [x];
  return x;
}

function describe(k: number, options: ExpectAllCloseOptions): string {
  const rows = options.rowLabels;
  const columns = options.columnLabels;
  if (columns && columns.length > 0) {
    const r = Math.floor(k / columns.length);
    const c = k % columns.length;
    const rowName = rows ? (rows[r] ?? `#${r}`) : `#${r}`;
    return `row ${rowName}, column ${columns[c] ?? `#${c}`} (index ${k})`;
  }
  if (rows) return `row ${rows[k] ?? `#${k}`} (index ${k})`;
  return `index ${k}`;
}

export function expectAllClose(actual: Numbers, expected: Numbers, options: ExpectAllCloseOptions = {}): void {
  const rtol = options.rtol ?? 1e-9;
  const atol = options.atol ?? 0;
  const a = toArray(actual);
  const e = toArray(expected);
  if (a.length !== e.length) {
    throw new Error(`expectAllClose: length ${a.length} differs from expected length ${e.length}`);
  }
  for (let k = 0; k < a.length; k++) {
    const av = a[k] ?? NaN;
    const ev = e[k] ?? NaN;
    const aNaN = Number.isNaN(av);
    const eNaN = Number.isNaN(ev);
    if (aNaN && eNaN) continue;
    let ok: boolean;
    if (aNaN || eNaN) ok = false;
    else if (!Number.isFinite(av) || !Number.isFinite(ev)) ok = av === ev;
    else ok = Math.abs(av - ev) <= atol + rtol * Math.abs(ev);
    if (!ok) {
      throw new Error(
        `expectAllClose: first difference at ${describe(k, options)}: actual ${av}, expected ${ev} ` +
          `(|diff| ${Math.abs(av - ev)}, allowed ${atol} + ${rtol}·|expected|)`,
      );
    }
  }
}
