import { plainCsvScanWasm } from './plain-csv-scan-wasm.js';
import { wasmInstance } from './wasm-module.js';

/** Bytes of one chunk (the scan's buffer at address 0) and the address of the table of count fields. */
const CHUNK_BYTES = 1 << 20;
const NUMERIC_AT = 1 << 20;
const MAX_WIDTH = 1 << 16;

/** Internal: one file's plain-CSV check in WebAssembly (plain-csv-scan.wat). */
export interface PlainCsvScanInstance {
  /** Where the next chunk goes (1 MiB at address 0 of the module's memory). */
  readonly chunk: Uint8Array;
  /** Scans chunk[0 … length): false at the first fault (and from then on). */
  scan(length: number): boolean;
  /** Line breaks so far. */
  lines(): number;
}

/**
 * Internal: the WebAssembly plain-CSV scanner for lines of `width` fields (CR LF line ends when `crlf`) whose
 * fields at `numeric` are counts, or null where it cannot run (no WebAssembly, turned off by useWasmKernels,
 * or more than 65,536 fields) — the caller then runs the JavaScript scanner, which accepts exactly the same
 * files (scan-plain-csv.test.ts).
 */
export function plainCsvScanInstance(width: number, crlf: boolean, numeric: readonly number[]): PlainCsvScanInstance | null {
  if (width < 1 || width > MAX_WIDTH) return null;
  const instance = wasmInstance(plainCsvScanWasm);
  if (instance === null) return null;
  const memory = instance.exports.memory as { readonly buffer: ArrayBuffer };
  const reset = instance.exports.reset as (width: number, crlf: number) => void;
  const scan = instance.exports.scan as (length: number) => number;
  const lines = instance.exports.lines as () => number;
  const table = new Uint8Array(memory.buffer, NUMERIC_AT, width);
  for (const k of numeric) if (k >= 0 && k < width) table[k] = 1;
  reset(width, crlf ? 1 : 0);
  let failed = false;
  return {
    chunk: new Uint8Array(memory.buffer, 0, CHUNK_BYTES),
    scan: (length) => {
      if (failed || length < 0 || length > CHUNK_BYTES) return false;
      failed = scan(length) !== 1;
      return !failed;
    },
    lines: () => lines(),
  };
}
