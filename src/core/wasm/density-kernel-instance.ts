import { densityKernelWasm } from './density-kernel-wasm.js';
import { wasmInstance } from './wasm-module.js';

interface WasmMemory {
  readonly buffer: ArrayBuffer;
  grow(pages: number): number;
}

export { useWasmKernels } from './wasm-module.js';

/** Internal: a density kernel whose table, entry list and output block live in one WebAssembly memory. */
export interface DensityKernelInstance {
  /** The subset-sum table (write it, then call run). */
  readonly table: Float64Array;
  /** The output block, region-major: partial[r · 8 + t]. */
  readonly partial: Float64Array;
  /** partial[r, t] = Σ over region r's entries of table[entry + t], for every region. */
  run(): void;
}

const pageBytes = 65536;

/**
 * Internal: the WebAssembly density kernel for a table of `tableLength` float64 and regions' entries (CSR:
 * region r's table offsets, in float64 units, are entries[entryStart[r] … entryStart[r + 1])), or null where it
 * cannot run (no WebAssembly or SIMD, turned off, or more than 1 GiB of memory needed) — the caller then runs the
 * JavaScript kernel. Summation order per column is the same, so results are bit-for-bit equal.
 */
export function densityKernelInstance(tableLength: number, entries: Int32Array, entryStart: Int32Array, R: number): DensityKernelInstance | null {
  const tableBytes = tableLength * 8;
  const partialAt = tableBytes;
  const partialBytes = R * 64;
  const listAt = partialAt + partialBytes;
  const startsAt = listAt + entries.length * 4;
  const need = startsAt + (R + 1) * 4;
  if (need > 2 ** 30) return null;
  const instance = wasmInstance(densityKernelWasm);
  if (instance === null) return null;
  const memory = instance.exports.memory as WasmMemory;
  const kernel = instance.exports.kernel as (list: number, starts: number, regions: number, out: number) => void;
  const pages = Math.ceil(need / pageBytes) - memory.buffer.byteLength / pageBytes;
  if (pages > 0) memory.grow(pages);
  const buffer = memory.buffer;
  const list = new Int32Array(buffer, listAt, entries.length);
  for (let k = 0; k < entries.length; k++) list[k] = entries[k] * 8; // float64 offset → byte address (table at 0)
  new Int32Array(buffer, startsAt, R + 1).set(entryStart.subarray(0, R + 1));
  return {
    table: new Float64Array(buffer, 0, tableLength),
    partial: new Float64Array(buffer, partialAt, R * 8),
    run: () => kernel(listAt, startsAt, R, partialAt),
  };
}
