import { densityKernelWasm } from './density-kernel-wasm.js';

/** The part of the WebAssembly JS API used here (the core is compiled without DOM or Node types). */
interface WasmApi {
  validate(bytes: Uint8Array): boolean;
  Module: new (bytes: Uint8Array) => object;
  Instance: new (module: object, imports: object) => { readonly exports: Record<string, unknown> };
}
interface WasmMemory {
  readonly buffer: ArrayBuffer;
  grow(pages: number): number;
}

let compiled: object | null | undefined;
let enabled = true;

/**
 * Internal, for tests and benchmarks: turns the WebAssembly kernels off (false) or back on (true); returns the
 * previous setting. With them off, or where WebAssembly with SIMD is unavailable, the JavaScript kernels run.
 */
export function useWasmKernels(on: boolean): boolean {
  const previous = enabled;
  enabled = on;
  return previous;
}

/** Internal: whether the WebAssembly kernels may run (useWasmKernels). */
export function wasmKernelsOn(): boolean {
  return enabled;
}

function densityModule(): object | null {
  if (!enabled) return null;
  if (compiled === undefined) {
    const api = (globalThis as { WebAssembly?: WasmApi }).WebAssembly;
    try {
      compiled = api !== undefined && api.validate(densityKernelWasm) ? new api.Module(densityKernelWasm) : null;
    } catch {
      compiled = null;
    }
  }
  return compiled;
}

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
  const module = densityModule();
  if (module === null) return null;
  const api = (globalThis as { WebAssembly?: WasmApi }).WebAssembly as WasmApi;
  const tableBytes = tableLength * 8;
  const partialAt = tableBytes;
  const partialBytes = R * 64;
  const listAt = partialAt + partialBytes;
  const startsAt = listAt + entries.length * 4;
  const need = startsAt + (R + 1) * 4;
  if (need > 2 ** 30) return null;
  const instance = new api.Instance(module, {});
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
