/** The part of the WebAssembly JS API the kernels use (the core is compiled without DOM or Node types). */
export interface WasmApi {
  validate(bytes: Uint8Array): boolean;
  Module: new (bytes: Uint8Array) => object;
  Instance: new (module: object, imports: object) => { readonly exports: Record<string, unknown> };
}

let enabled = true;
/** Compiled modules by their bytes (null: not valid here, e.g. no SIMD). */
const compiled = new Map<Uint8Array, object | null>();

/**
 * Internal, for tests and benchmarks: turns the WebAssembly kernels off (false) or back on (true); returns the
 * previous setting. With them off, or where WebAssembly (with SIMD) is unavailable, the JavaScript kernels run.
 */
export function useWasmKernels(on: boolean): boolean {
  const previous = enabled;
  enabled = on;
  return previous;
}

/** Internal: a new instance (no imports) of the module `bytes`, compiled once; null when the kernels are off or cannot run here. */
export function wasmInstance(bytes: Uint8Array): { readonly exports: Record<string, unknown> } | null {
  if (!enabled) return null;
  const api = (globalThis as { WebAssembly?: WasmApi }).WebAssembly;
  if (api === undefined) return null;
  let module = compiled.get(bytes);
  if (module === undefined) {
    try {
      module = api.validate(bytes) ? new api.Module(bytes) : null;
    } catch {
      module = null;
    }
    compiled.set(bytes, module);
  }
  return module === null ? null : new api.Instance(module, {});
}
