/** One output row: key fields (region, industry, industry2) then the method's fields. NaN means undefined. */
export type ComputeRow = Readonly<Record<string, string | number>>;

/** A warning returned with the result (never logged): what was left out or is undefined, and why. */
export interface ComputeDiagnostic {
  readonly code: string;
  readonly message: string;
  /** Region or industry labels concerned, when the diagnostic names some. */
  readonly labels?: readonly string[];
}

/** The row sets a result may hold, in the order the contract lists them. */
export type RowSetName = 'regions' | 'industries' | 'cells' | 'pairs';

/**
 * The result of `clusterlens compute <method>`: the contract's JSON object, holding only the parts that apply.
 * Rows are keyed by `region` (regions), `industry` (industries), both (cells), `industry` and `industry2` (pairs).
 */
export interface ComputeResult {
  readonly method: string;
  readonly regions?: readonly ComputeRow[];
  readonly industries?: readonly ComputeRow[];
  readonly cells?: readonly ComputeRow[];
  readonly pairs?: readonly ComputeRow[];
  readonly summary?: Readonly<Record<string, number | string>>;
  readonly diagnostics: readonly ComputeDiagnostic[];
}
